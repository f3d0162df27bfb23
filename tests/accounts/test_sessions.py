"""Sessions kept on the server: signing out (or a new password) ends them there,
and the session's binding believes X-Forwarded-For only behind a proxy."""

from __future__ import annotations

from datetime import timedelta

import pytest

from mentoring.accounts.models import AccountSession, NetworkSession
from mentoring.core.auth import register_proxies
from mentoring.core.scoping import set_tenant
from mentoring.extensions import db
from tests.accounts.helpers import make_network_user
from tests.accounts.test_passwords import NEW, reset_link
from tests.conftest import PASSWORD, csrf_token, host_of, login


def sessions_of(app, tenant, user_id, model=AccountSession):
    with app.app_context():
        set_tenant(db.session, tenant.id if tenant is not None else None)
        query = db.select(model).where(model.user_id == user_id)
        rows = list(db.session.scalars(query))
        db.session.expunge_all()
        return rows


def cookie_of(client, tenant):
    return client.get_cookie("session", domain=host_of(tenant)).value


def with_cookie(client_for, tenant, cookie):
    client = client_for(tenant)
    client.set_cookie("session", cookie, domain=host_of(tenant))
    return client


def log_out(client, page="/coordinator/"):
    token = csrf_token(client, page)
    return client.post("/logout", data={"csrf_token": token})


def test_a_cookie_copied_before_logout_opens_nothing_afterwards(
    app, client_for, city_a, make_user
):
    user = make_user(city_a, role="coordinator")
    client = client_for(city_a)
    login(client, user.email)
    copied = cookie_of(client, city_a)
    before = with_cookie(client_for, city_a, copied).get("/coordinator/")
    assert before.status_code == 200
    assert log_out(client).status_code == 302
    replay = with_cookie(client_for, city_a, copied).get("/coordinator/")
    assert replay.status_code == 302 and "/login" in replay.headers["Location"]
    (record,) = sessions_of(app, city_a, user.id)
    assert record.ended_at is not None and record.end_reason == "signed_out"
    assert len(record.key_hash) == 64  # only a hash of the cookie's key is kept


def test_a_network_users_copied_cookie_dies_with_the_logout(app, client_for):
    user = make_network_user(app, role="operator")
    client = client_for(None)
    login(client, user.email)
    copied = cookie_of(client, None)
    assert log_out(client, "/network/").status_code == 302
    assert with_cookie(client_for, None, copied).get("/network/").status_code == 302
    (record,) = sessions_of(app, None, user.id, NetworkSession)
    assert record.end_reason == "signed_out"


def test_a_new_password_ends_the_other_sessions_but_not_this_one(
    app, client_for, city_a, make_user, outbox
):
    user = make_user(city_a, role="coordinator")
    laptop, phone = client_for(city_a), client_for(city_a)
    login(laptop, user.email)
    login(phone, user.email)
    phone_cookie = cookie_of(phone, city_a)
    # The laptop, signed in, follows a reset link and chooses a new password.
    link = reset_link(laptop, outbox, user.email)
    token = csrf_token(laptop, link)
    data = {"password": NEW, "confirm": NEW, "csrf_token": token}
    assert laptop.post(link, data=data).status_code == 302
    assert laptop.get("/coordinator/").status_code == 200
    assert phone.get("/coordinator/").status_code == 302
    replay = with_cookie(client_for, city_a, phone_cookie)
    assert replay.get("/coordinator/").status_code == 302
    reasons = sorted(str(r.end_reason) for r in sessions_of(app, city_a, user.id))
    # password_changed: the phone; replaced: the laptop's session before the
    # new sign-in; None: the laptop's session now.
    assert reasons == ["None", "password_changed", "replaced"]


def test_last_seen_is_written_at_most_once_a_minute(
    client_for, city_a, make_user, monkeypatch, count_queries
):
    user = make_user(city_a, role="coordinator")
    client = client_for(city_a)
    login(client, user.email)

    def touches() -> int:
        with count_queries() as counter:
            assert client.get("/coordinator/").status_code == 200
        return sum(s.startswith("UPDATE account_sessions") for s in counter.statements)

    assert touches() == 0  # seen less than a minute ago: one lookup, no write
    monkeypatch.setattr("mentoring.accounts.sessions.SEEN_EVERY", timedelta(0))
    assert touches() == 1


def test_last_seen_is_committed_even_when_the_page_writes_nothing(
    app, committed, client_for, city_a, make_user, monkeypatch
):
    """On the real pool: the note has a transaction of its own."""
    user = make_user(city_a, role="coordinator")
    client = client_for(city_a)
    login(client, user.email)
    (before,) = sessions_of(app, city_a, user.id)
    monkeypatch.setattr("mentoring.accounts.sessions.SEEN_EVERY", timedelta(0))
    assert client.get("/coordinator/").status_code == 200
    (after,) = sessions_of(app, city_a, user.id)
    assert after.last_seen_at > before.last_seen_at


# -- the session's binding to the client's address ---------------------------------


VICTIM, ATTACKER, PROXY = "198.51.100.7", "203.0.113.9", "10.0.0.1"


def from_address(client, address):
    client.environ_base["REMOTE_ADDR"] = address
    return client


def test_without_a_proxy_x_forwarded_for_is_ignored(client_for, city_a, make_user):
    user = make_user(city_a, role="coordinator")
    victim = from_address(client_for(city_a), VICTIM)
    login(victim, user.email)
    # The header changes nothing for the real client ...
    spoofed = {"X-Forwarded-For": ATTACKER}
    assert victim.get("/coordinator/", headers=spoofed).status_code == 200
    # ... and a copied cookie from elsewhere cannot claim the victim's address.
    copied = with_cookie(client_for, city_a, cookie_of(victim, city_a))
    thief = from_address(copied, ATTACKER)
    claimed = thief.get("/coordinator/", headers={"X-Forwarded-For": VICTIM})
    assert claimed.status_code == 302


@pytest.fixture
def behind_a_proxy(app, monkeypatch):
    """The app as ``TRUSTED_PROXIES=1`` configures it (restored afterwards)."""
    monkeypatch.setitem(app.config, "TRUSTED_PROXIES", 1)
    monkeypatch.setattr(app, "wsgi_app", app.wsgi_app)
    register_proxies(app)


def test_behind_a_configured_proxy_x_forwarded_for_is_the_client(
    behind_a_proxy, client_for, city_a, make_user
):
    user = make_user(city_a, role="coordinator")
    client = from_address(client_for(city_a), PROXY)
    token = csrf_token(client)
    via = {"X-Forwarded-For": VICTIM}
    client.post(
        "/login",
        data={"email": user.email, "password": PASSWORD, "csrf_token": token},
        headers=via,
    )
    assert client.get("/coordinator/", headers=via).status_code == 200
    moved = client.get("/coordinator/", headers={"X-Forwarded-For": ATTACKER})
    assert moved.status_code == 302


def test_the_proxy_setting_comes_from_the_environment():
    from mentoring.config import from_env

    assert from_env({})["TRUSTED_PROXIES"] == 0
    assert from_env({"TRUSTED_PROXIES": "2"})["TRUSTED_PROXIES"] == 2
