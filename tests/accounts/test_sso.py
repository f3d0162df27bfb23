"""Single sign-on for city staff with the city's OpenID Connect provider,
against a local provider started by the tests (tests/accounts/oidc_provider.py)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
import requests

from mentoring.audit.models import AuditEntry
from mentoring.core.scoping import set_tenant
from mentoring.extensions import db
from mentoring.tenancy.config import SsoConfig
from tests.accounts.helpers import load_account
from tests.accounts.oidc_provider import Provider


@pytest.fixture(scope="module")
def provider() -> Iterator[Provider]:
    with Provider() as running:
        yield running


@pytest.fixture(autouse=True)
def _fresh_provider(provider: Provider) -> None:
    provider.claims, provider.behaviour = {}, set()


def use_sso(app, monkeypatch, tenant, issuer, client_id="city-client"):
    """Give ``tenant`` an [sso] table as its tenant.toml would."""
    sso = SsoConfig(
        issuer=issuer,
        client_id=client_id,
        client_secret_env=f"{tenant.slug.upper().replace('-', '_')}_OIDC_SECRET",
        label="Kommunens login",
    )
    monkeypatch.setenv(sso.client_secret_env, "not-in-tenant-toml")
    configs = [
        dataclasses.replace(c, sso=sso) if c.slug == tenant.slug else c
        for c in app.extensions["tenant_configs"]
    ]
    monkeypatch.setitem(app.extensions, "tenant_configs", configs)


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def sign_on(client, path="/login/sso"):
    """Start at the city, pass the provider, come back: the callback's response."""
    client.get("/login?lang=en")  # the messages are checked in English
    start = client.get(path)
    assert start.status_code == 302, start.get_data(as_text=True)
    answer = requests.get(start.headers["Location"], allow_redirects=False, timeout=5)
    assert answer.status_code == 302
    return client.get(path_of(answer.headers["Location"]))


def login_page(client) -> str:
    return client.get("/login?lang=en").get_data(as_text=True)


def test_a_coordinator_signs_in_with_the_citys_provider(
    app, client_for, city_a, make_user, provider, monkeypatch
):
    use_sso(app, monkeypatch, city_a, provider.issuer)
    user = make_user(city_a, role="coordinator")
    provider.claims = {"email": user.email.upper(), "sub": "entra-42"}
    client = client_for(city_a)
    assert "Sign in with Kommunens login" in login_page(client)
    response = sign_on(client)
    assert response.status_code == 302
    assert response.headers["Location"] == "/coordinator/"
    assert client.get("/coordinator/").status_code == 200
    linked = load_account(app, city_a, user.email)
    assert linked.oidc_subject == f"{provider.issuer} entra-42"
    with app.app_context():
        set_tenant(db.session, city_a.id)
        actions = db.session.scalars(
            db.select(AuditEntry.action).where(AuditEntry.actor_id == user.id)
        )
        assert "account.sso_sign_in" in list(actions)


def test_after_the_link_the_subject_decides_not_the_email(
    app, client_for, city_a, make_user, provider, monkeypatch
):
    use_sso(app, monkeypatch, city_a, provider.issuer)
    user = make_user(city_a, role="coordinator")
    provider.claims = {"email": user.email, "sub": "entra-7"}
    assert sign_on(client_for(city_a)).headers["Location"] == "/coordinator/"
    # The same person, the e-mail no longer verified: the linked subject suffices.
    provider.claims = {"email": "other@example.org", "sub": "entra-7"}
    provider.claims["email_verified"] = False
    assert sign_on(client_for(city_a)).headers["Location"] == "/coordinator/"
    # Another identity with the linked account's e-mail is refused.
    provider.claims = {"email": user.email, "sub": "entra-8"}
    client = client_for(city_a)
    assert sign_on(client).headers["Location"] == "/login"
    assert "linked to another Kommunens login identity" in login_page(client)


@pytest.mark.parametrize(
    "behaviour",
    ["wrong_nonce", "wrong_audience", "wrong_issuer", "expired", "bad_signature"],
)
def test_a_token_that_does_not_check_out_signs_no_one_in(
    app, client_for, city_a, make_user, provider, monkeypatch, behaviour
):
    use_sso(app, monkeypatch, city_a, provider.issuer)
    user = make_user(city_a, role="coordinator")
    provider.claims = {"email": user.email}
    provider.behaviour = {behaviour}
    client = client_for(city_a)
    response = sign_on(client)
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert "could not be verified" in login_page(client)
    assert client.get("/coordinator/").status_code == 302


def test_an_unknown_address_or_a_mentor_gets_no_account(
    app, client_for, city_a, make_user, provider, monkeypatch
):
    use_sso(app, monkeypatch, city_a, provider.issuer)
    mentor = make_user(city_a, role="mentor")
    for email in ("stranger@lyngby.dk", mentor.email):
        provider.claims = {"email": email, "sub": email}
        client = client_for(city_a)
        assert sign_on(client).headers["Location"] == "/login"
        assert "has no coordinator account for you" in login_page(client)
        assert client.get("/me/").status_code == 302


def test_an_unverified_email_finds_no_account(
    app, client_for, city_a, make_user, provider, monkeypatch
):
    use_sso(app, monkeypatch, city_a, provider.issuer)
    user = make_user(city_a, role="coordinator")
    provider.claims = {"email": user.email, "email_verified": False}
    client = client_for(city_a)
    assert sign_on(client).headers["Location"] == "/login"
    assert "did not tell us a verified e-mail address" in login_page(client)


def test_a_city_without_sso_shows_no_button_and_no_flow(client_for, city_b):
    client = client_for(city_b)
    assert "/login/sso" not in login_page(client)
    assert client.get("/login/sso").status_code == 404
    assert client_for(None).get("/login/sso").status_code == 404


def test_an_identity_of_city_a_does_not_open_city_b(
    app, client_for, city_a, city_b, make_user, provider, monkeypatch
):
    use_sso(app, monkeypatch, city_a, provider.issuer, client_id="client-a")
    use_sso(app, monkeypatch, city_b, provider.issuer, client_id="client-b")
    coordinator_a = make_user(city_a, role="coordinator")
    provider.claims = {"email": coordinator_a.email, "sub": "a-person"}
    # City B's own flow, the provider vouching for city A's coordinator: no
    # account of that address in city B.
    at_b = client_for(city_b)
    assert sign_on(at_b).headers["Location"] == "/login"
    assert at_b.get("/coordinator/").status_code == 302
    # City A's answer (code and state) taken to city B's callback: refused.
    at_a = client_for(city_a)
    start = at_a.get("/login/sso")
    answer = requests.get(start.headers["Location"], allow_redirects=False, timeout=5)
    stolen = path_of(answer.headers["Location"])
    thief = client_for(city_b)
    thief.get("/login?lang=en")
    assert thief.get(stolen).headers["Location"] == "/login"
    assert "started in another window" in login_page(thief)
    assert thief.get("/coordinator/").status_code == 302


def test_a_provider_that_is_down_is_a_message_not_an_error(
    app, client_for, city_a, monkeypatch
):
    use_sso(app, monkeypatch, city_a, "http://127.0.0.1:9")  # nothing listens
    client = client_for(city_a)
    client.get("/login?lang=en")
    response = client.get("/login/sso")
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert "did not answer as expected" in login_page(client)


def test_a_missing_secret_is_a_message_not_an_error(
    app, client_for, city_a, provider, monkeypatch
):
    use_sso(app, monkeypatch, city_a, provider.issuer)
    monkeypatch.delenv("LYNGBY_TAARBAEK_OIDC_SECRET")
    client = client_for(city_a)
    client.get("/login?lang=en")
    assert client.get("/login/sso").headers["Location"] == "/login"
    assert "Single sign-on is not available right now." in login_page(client)
