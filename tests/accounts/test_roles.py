"""Role checks: anonymous visitors are sent to sign in, wrong roles get 403."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.accounts.helpers import make_network_user
from tests.conftest import login


@pytest.mark.parametrize(
    "path", ["/coordinator/", "/coordinator/people?role=mentor", "/me/"]
)
def test_anonymous_visitors_are_sent_to_sign_in_and_back(client_for, city_a, path):
    response = client_for(city_a).get(path)
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert location.path == "/login"
    assert not location.netloc
    assert parse_qs(location.query)["next"] == [path]


@pytest.mark.parametrize("path", ["/network/", "/operations/"])
def test_anonymous_visitors_on_the_apex_are_sent_to_sign_in(client_for, path):
    response = client_for(None).get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize(
    ("role", "path"),
    [
        ("mentee", "/coordinator/"),
        ("mentor", "/coordinator/"),
        ("mentee", "/coordinator/people"),
        ("coordinator", "/me/"),
    ],
)
def test_a_city_role_cannot_open_another_roles_page(
    client_for, city_a, make_user, role, path
):
    user = make_user(city_a, role=role)
    client = client_for(city_a)
    login(client, user.email)
    response = client.get(f"{path}?lang=en")
    assert response.status_code == 403
    assert "Not allowed" in response.get_data(as_text=True)


def test_an_analyst_cannot_open_operations(app, client_for):
    user = make_network_user(app, role="analyst")
    client = client_for(None)
    login(client, user.email)
    assert client.get("/network/").status_code == 200
    assert client.get("/operations/").status_code == 403
