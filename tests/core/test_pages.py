"""Accessibility basics on every kind of page, and ``/healthz`` on any host."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from mentoring.app import create_app
from tests.accounts.helpers import make_network_user
from tests.conftest import login

FIELDS = ("input", "select", "textarea")


class Page(HTMLParser):
    """The landmarks, headings, links and form fields of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.h1 = 0
        self.mains: list[dict[str, str]] = []
        self.navs: list[dict[str, str]] = []
        self.links: list[dict[str, str]] = []
        self.fields: list[dict[str, str]] = []
        self.label_for: set[str] = set()
        self.ids: list[str] = []
        self.html_lang = ""
        self.images: list[dict[str, str]] = []

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "html":
            self.html_lang = a.get("lang", "")
        elif tag == "h1":
            self.h1 += 1
        elif tag == "main":
            self.mains.append(a)
        elif tag == "nav":
            self.navs.append(a)
        elif tag == "a":
            self.links.append(a)
        elif tag == "label" and a.get("for"):
            self.label_for.add(a["for"])
        elif tag == "img":
            self.images.append(a)
        elif tag in FIELDS:
            self.fields.append({"tag": tag, **a})


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


def unlabelled(page: Page) -> list[str]:
    missing = []
    for field in page.fields:
        if field.get("type") in ("hidden", "submit", "button"):
            continue
        if field.get("id") in page.label_for or field.get("aria-label"):
            continue
        missing.append(field.get("name", field["tag"]))
    return missing


def assert_accessible(html: str, where: str) -> None:
    page = parse(html)
    assert page.html_lang in ("da", "en"), where
    assert page.h1 == 1, f"{where}: {page.h1} <h1>"
    assert [m.get("id") for m in page.mains] == ["main"], where
    assert page.links and page.links[0].get("href") == "#main", f"{where}: skip link"
    assert unlabelled(page) == [], where
    for nav in page.navs:
        assert nav.get("aria-label") or nav.get("aria-labelledby"), where
    assert len(page.ids) == len(set(page.ids)), f"{where}: duplicate ids"
    for image in page.images:
        assert "alt" in image, f"{where}: <img> without alt"


@pytest.fixture
def clients(app, client_for, city_a, make_user, in_city):
    """Anonymous, coordinator, mentee and network clients, with a pair to show."""
    from tests.factories import PairFactory

    with in_city(city_a):
        pair = PairFactory()
        mentee_email = pair.mentee.user.email
    coordinator, mentee = client_for(city_a), client_for(city_a)
    login(coordinator, make_user(city_a, role="coordinator").email)
    login(mentee, mentee_email)
    operator = client_for(None)
    login(operator, make_network_user(app, role="operator").email)
    return {
        "anonymous": client_for(city_a),
        "coordinator": coordinator,
        "mentee": mentee,
        "visitor": client_for(None),
        "operator": operator,
    }


PAGES = [
    ("anonymous", "/", 200),
    ("anonymous", "/login", 200),
    ("anonymous", "/password/forgot", 200),
    ("anonymous", "/password/reset/not-a-token", 400),
    ("anonymous", "/no-such-page", 404),
    ("coordinator", "/coordinator/", 200),
    ("coordinator", "/coordinator/people?role=mentor&q=a", 200),
    ("coordinator", "/me/", 403),
    ("mentee", "/me/", 200),
    ("visitor", "/", 200),
    ("visitor", "/login", 200),
    ("operator", "/network/", 200),
    ("operator", "/operations/", 200),
]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_kind_of_page_has_the_accessibility_basics(clients, lang):
    for who, path, status in PAGES:
        sep = "&" if "?" in path else "?"
        response = clients[who].get(f"{path}{sep}lang={lang}")
        assert response.status_code == status, (who, path)
        assert_accessible(response.get_data(as_text=True), f"{who} {path}")


def test_a_form_with_errors_points_to_them(client_for, city_a):
    from tests.conftest import csrf_token

    client = client_for(city_a)
    token = csrf_token(client)
    html = client.post(
        "/login", data={"email": "not-an-address", "password": "", "csrf_token": token}
    ).get_data(as_text=True)
    assert_accessible(html, "login with errors")
    email = re.search(r"<input[^>]*name=\"email\"[^>]*>", html).group(0)
    assert 'aria-invalid="true"' in email
    assert 'aria-describedby="email-error"' in email
    assert 'id="email-error"' in html


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_choose_password_page_is_accessible(
    app, client_for, city_a, make_user, outbox, lang
):
    from tests.accounts.helpers import invite
    from tests.conftest import link_in

    user = make_user(city_a, password_hash=None)
    invite(app, city_a, user.email)
    response = client_for(city_a).get(f"{link_in(outbox()[0])}?lang={lang}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert_accessible(html, "choose a password")
    assert 'autocomplete="new-password"' in html


def test_the_unknown_host_page_is_accessible(client_for):
    client = client_for(None)
    client.host = "nowhere.localhost"
    assert_accessible(client.get("/").get_data(as_text=True), "unknown host")


# -- /healthz -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "host", ["localhost", "lyngby-taarbaek.localhost", "nowhere.example", "10.0.0.7"]
)
def test_healthz_answers_on_any_host(app, client_for, host):
    client = client_for(None)
    client.host = host
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    expected = "ok" if app.extensions["rq"]["is_async"] else "in-process"
    assert body["queue"] == expected
    assert body["mail"] == "outbox"  # the tests keep e-mail in the local outbox


def test_healthz_says_503_when_the_database_is_down(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://nobody@127.0.0.1:1/x",
            "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"connect_timeout": 2}},
            "INSTANCE_DIR": str(tmp_path),
            "REDIS_URL": "",
        }
    )
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {
        "status": "unavailable",
        "database": "down",
        "queue": "in-process",
        "mail": "outbox",
    }
    with app.app_context():
        from mentoring.extensions import db

        db.engine.dispose()


def test_healthz_says_503_when_redis_is_down(tmp_path, database_url):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "INSTANCE_DIR": str(tmp_path),
            "REDIS_URL": "redis://127.0.0.1:1/0",
        }
    )
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["queue"] == "down"
    assert response.get_json()["database"] == "ok"
    with app.app_context():
        from mentoring.extensions import db

        db.engine.dispose()
