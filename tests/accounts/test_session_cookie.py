"""In production the session cookie is __Host-session: Secure, HttpOnly,
SameSite=Lax, Path=/ and no Domain; development keeps a plain name."""

from __future__ import annotations

from http.cookies import SimpleCookie

import pytest

from mentoring.config import from_env
from tests.conftest import CSRF_RE, PASSWORD, host_of

PRODUCTION = {
    "MENTORING_ENV": "production",
    "SECRET_KEY": "s",
    "DATABASE_URL": "postgresql+psycopg://x/y",
    "MAIL_SERVER": "smtp.example.org",
    "MAIL_FROM": "Mentoring <no-reply@example.org>",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}
COOKIE_KEYS = (
    "SESSION_COOKIE_NAME",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "SESSION_COOKIE_PATH",
    "SESSION_COOKIE_DOMAIN",
)


def test_production_config_names_a_host_prefixed_secure_cookie():
    config = from_env(PRODUCTION)
    assert config["SESSION_COOKIE_NAME"] == "__Host-session"
    assert config["SESSION_COOKIE_SECURE"] is True
    assert config["SESSION_COOKIE_HTTPONLY"] is True
    assert config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert config["SESSION_COOKIE_PATH"] == "/"
    assert config["SESSION_COOKIE_DOMAIN"] is None
    assert config["REMEMBER_COOKIE_NAME"].startswith("__Host-")
    assert config["REMEMBER_COOKIE_SECURE"] is True


def test_development_keeps_a_plain_cookie_that_http_localhost_can_hold():
    config = from_env({})
    assert config["SESSION_COOKIE_NAME"] == "session"
    assert config["SESSION_COOKIE_SECURE"] is False


@pytest.fixture
def production_cookies(app, monkeypatch):
    config = from_env(PRODUCTION)
    for key in COOKIE_KEYS:
        monkeypatch.setitem(app.config, key, config[key])


def test_signing_in_sets_the_host_cookie_with_every_attribute(
    production_cookies, app, city_a, make_user
):
    user = make_user(city_a, role="coordinator")
    client = app.test_client()
    base = f"https://{host_of(city_a)}"
    page = client.get("/login", base_url=base).get_data(as_text=True)
    match = CSRF_RE.search(page)
    data = {"email": user.email, "password": PASSWORD}
    data["csrf_token"] = match.group(1) or match.group(2)
    # Over https Flask-WTF also wants a same-origin Referer, as browsers send.
    referer = {"Referer": f"{base}/login"}
    response = client.post("/login", data=data, base_url=base, headers=referer)
    assert response.status_code == 302
    (header,) = [
        h for h in response.headers.getlist("Set-Cookie") if "__Host-session" in h
    ]
    morsel = SimpleCookie(header)["__Host-session"]
    assert morsel["secure"] and morsel["httponly"]
    assert morsel["samesite"] == "Lax" and morsel["path"] == "/"
    assert not morsel["domain"]
    assert "Domain=" not in header
    # The cookie opens the coordinator's page over https.
    assert client.get("/coordinator/", base_url=base).status_code == 200
