"""A participant downloads their own data: data.json and their CV."""

from __future__ import annotations

import io
import json
import zipfile

from tests.applications.factories import ApplicationFactory, CVFactory
from tests.conftest import login
from tests.factories import PairFactory, UserFactory


def test_download_holds_own_data_and_cv_only(in_city, city_a, client_for):  # noqa: ANN001
    with in_city(city_a):
        pair = PairFactory(mentee__user__full_name="Zoë Nguyễn")
        me = pair.mentee.user
        mine = ApplicationFactory(
            cohort=pair.cohort, email=me.email, user_id=me.id, goals="My own goals"
        )
        CVFactory(application=mine, filename="zoe.pdf")
        other = ApplicationFactory(cohort=pair.cohort, goals="Someone else's goals")
        CVFactory(application=other, filename="other.pdf")
        UserFactory(full_name="Not Me")
    client = client_for(city_a)
    login(client, me.email)
    assert "/me/data" in client.get("/me/").get_data(as_text=True)
    response = client.get("/me/data.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    names = archive.namelist()
    assert "data.json" in names and any(n.endswith("zoe.pdf") for n in names)
    assert not any(n.endswith("other.pdf") for n in names)
    data = json.loads(archive.read("data.json"))
    assert data["account"]["full_name"] == "Zoë Nguyễn"
    assert [a["goals"] for a in data["applications"]] == ["My own goals"]
    assert data["pairs"][0]["partner"] == pair.mentor.user.full_name
    assert data["participations"][0]["role"] == "mentee"
    text = archive.read("data.json").decode()
    assert "Someone else's goals" not in text and "Not Me" not in text


def test_anonymous_and_coordinators_get_no_download(in_city, city_a, client_for):  # noqa: ANN001
    with in_city(city_a):
        coordinator = UserFactory(role="coordinator")
    client = client_for(city_a)
    assert client.get("/me/data.zip").status_code in (302, 401)
    login(client, coordinator.email)
    assert client.get("/me/data.zip").status_code in (302, 403)
