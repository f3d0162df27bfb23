"""htmx: one view, a full page or a fragment; vendored, pinned and locked down."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from mentoring.core.htmx import HTMX_VERSION
from mentoring.core.security import CSP
from tests.accounts.helpers import make_network_user
from tests.conftest import login

HX = {"HX-Request": "true"}
VENDORED = f"vendor/htmx-{HTMX_VERSION}.min.js"


@pytest.fixture
def coordinator(client_for, city_a, city_b, make_user, in_city):
    """A signed-in coordinator of city A; both cities have a few people."""
    from tests.factories import UserFactory

    with in_city(city_a):
        UserFactory(role="mentor", full_name="Anna Mentor", email="anna@a.example")
        UserFactory(role="mentor", full_name="Bo Mentor", email="bo@a.example")
        UserFactory(role="mentee", full_name="Anna Mentee", email="am@a.example")
    with in_city(city_b):
        UserFactory(role="mentor", full_name="Anna Elsewhere", email="anna@b.example")
    client = client_for(city_a)
    login(client, make_user(city_a, role="coordinator", full_name="Cora").email)
    return client


def people_in(html: str) -> list[str]:
    # A name links to the person's page.
    return re.findall(r'<th scope="row">(?:<a [^>]*>)?([^<]+)<', html)


def test_without_htmx_the_people_list_is_a_full_page(coordinator):
    response = coordinator.get("/coordinator/people?role=mentor&q=anna")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" in html
    assert 'id="people-list"' in html
    assert "HX-Request" in response.headers["Vary"]


def test_with_htmx_only_the_list_is_sent(coordinator):
    response = coordinator.get("/coordinator/people?role=mentor&q=anna", headers=HX)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in html
    assert "<nav" not in html
    assert html.lstrip().startswith('<div id="people-list"')
    assert "HX-Request" in response.headers["Vary"]


def test_a_boosted_request_gets_the_full_page(coordinator):
    headers = {**HX, "HX-Boosted": "true"}
    html = coordinator.get("/coordinator/people", headers=headers).get_data(
        as_text=True
    )
    assert "<html" in html


def test_the_filter_narrows_by_role_and_search(coordinator):
    def names(query: str) -> list[str]:
        response = coordinator.get(f"/coordinator/people?{query}", headers=HX)
        return people_in(response.get_data(as_text=True))

    assert names("role=mentor") == ["Anna Mentor", "Bo Mentor"]
    assert names("role=mentee") == ["Anna Mentee"]
    assert names("q=ANNA") == ["Anna Mentee", "Anna Mentor"]
    assert names("role=mentor&q=anna") == ["Anna Mentor"]
    assert names("q=bo%40a.example") == ["Bo Mentor"]  # e-mail search
    assert names("q=nobody") == []
    assert names("role=nonsense&q=bo") == ["Bo Mentor"]  # unknown role: everyone
    assert "Anna Elsewhere" not in names("q=anna")  # never another city's people


def test_the_filter_form_works_without_javascript_and_with_htmx(coordinator):
    html = coordinator.get("/coordinator/people").get_data(as_text=True)
    form = re.search(r"<form class=\"filter\"[^>]*>", html, re.S).group(0)
    assert 'method="get"' in form
    assert 'action="/coordinator/people"' in form
    assert 'hx-get="/coordinator/people"' in form
    assert 'hx-target="#people-list"' in form


def test_the_people_list_runs_a_fixed_number_of_queries(
    client_for, city_a, make_user, in_city, count_queries
):
    from tests.factories import UserFactory

    client = client_for(city_a)
    login(client, make_user(city_a, role="coordinator").email)

    statements: list[str] = []

    def queries() -> int:
        client.get("/coordinator/people?role=mentor", headers=HX)  # warm up
        with count_queries() as counter:
            response = client.get("/coordinator/people?role=mentor", headers=HX)
        assert response.status_code == 200
        statements[:] = counter.statements
        return counter.count

    with in_city(city_a):
        UserFactory.create_batch(5, role="mentor")
    few = queries()
    with in_city(city_a):
        UserFactory.create_batch(55, role="mentor")
    many = queries()
    assert few == many
    # Tenant, user, list, count (PostgreSQL adds the RLS setting per transaction).
    work = [q for q in statements if "set_config" not in q]
    assert len(work) <= 4, work


# -- the vendored library and its configuration ------------------------------------


def test_htmx_is_vendored_with_its_version_in_the_name(app, client_for):
    from pathlib import Path

    path = Path(app.static_folder) / VENDORED
    assert path.is_file()
    assert f'version:"{HTMX_VERSION}"' in path.read_text(encoding="utf-8")
    html = client_for(None).get("/").get_data(as_text=True)
    src = f"/static/{VENDORED}"
    assert f'<script src="{src}?v=' in html  # and the content's hash
    with client_for(None).get(src) as response:
        assert response.status_code == 200
        assert response.mimetype in ("text/javascript", "application/javascript")


def test_the_vendored_version_is_the_one_the_makefile_pins(app):
    from mentoring.config import ROOT

    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert f"HTMX_VERSION := {HTMX_VERSION}" in makefile


def test_htmx_is_configured_safely(client_for, city_a):
    html = client_for(city_a).get("/").get_data(as_text=True)
    content = re.search(r"<meta name=\"htmx-config\" content='([^']+)'>", html)
    config = json.loads(content.group(1))
    assert config["allowEval"] is False
    assert config["allowScriptTags"] is False
    assert config["selfRequestsOnly"] is True


class Scripts(HTMLParser):
    """Collects what a strict CSP would block: inline scripts, handlers, styles."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag == "script":
            self.in_script = True
            if not names.get("src"):
                self.problems.append("inline <script>")
        for name, _value in attrs:
            if name.startswith("on") or name == "style":
                self.problems.append(f"{tag}[{name}]")
            if name.startswith("hx-on"):
                self.problems.append(f"{tag}[{name}]")
        if names.get("href", "").lower().startswith("javascript:"):
            self.problems.append("javascript: link")

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_script and data.strip():
            self.problems.append("script body")


def test_pages_carry_a_csp_and_no_inline_code(app, client_for, city_a, make_user):
    coordinator = client_for(city_a)
    login(coordinator, make_user(city_a, role="coordinator").email)
    participant = client_for(city_a)
    login(participant, make_user(city_a, role="mentee").email)
    network = client_for(None)
    login(network, make_network_user(app, role="operator").email)
    pages = [
        (client_for(city_a), "/"),
        (client_for(city_a), "/login"),
        (client_for(city_a), "/password/forgot"),
        (client_for(city_a), "/missing"),
        (coordinator, "/coordinator/"),
        (coordinator, "/coordinator/people"),
        (participant, "/me/"),
        (network, "/"),
        (network, "/network/"),
        (network, "/operations/"),
    ]
    for client, path in pages:
        response = client.get(path)
        assert response.headers["Content-Security-Policy"] == CSP, path
        parser = Scripts()
        parser.feed(response.get_data(as_text=True))
        assert parser.problems == [], path
    assert "script-src 'self'" in CSP
    assert "unsafe-inline" not in CSP and "unsafe-eval" not in CSP


def test_the_csrf_header_for_htmx_is_on_the_body(client_for, city_a, make_user):
    client = client_for(city_a)
    login(client, make_user(city_a, role="coordinator").email)
    html = client.get("/coordinator/").get_data(as_text=True)
    body = re.search(r"<body hx-headers='([^']+)'", html)
    header = json.loads(body.group(1))["X-CSRFToken"]
    form = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    assert header == form
