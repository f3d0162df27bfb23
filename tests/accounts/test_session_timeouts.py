"""Idle timeout and absolute lifetime, enforced on the server from the session row."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from mentoring.accounts.timeouts import IDLE, LIFETIME, Limits, expiry, is_purgeable
from tests.accounts.test_sessions import cookie_of, with_cookie
from tests.conftest import login

LIMITS = Limits(
    idle_staff=timedelta(minutes=30),
    idle_participants=timedelta(hours=8),
    lifetime=timedelta(hours=12),
    seen_every=timedelta(minutes=1),
)
T0 = datetime(2026, 4, 15, 10, 0, tzinfo=UTC)


def test_idle_counts_from_the_latest_moment_the_last_request_could_have_been():
    # last_seen_at is written at most once a minute: a request 50 s after it
    # left no trace, so the session lives up to a minute longer, never shorter.
    assert expiry(LIMITS, "coordinator", T0, T0, T0 + timedelta(minutes=31)) is None
    late = T0 + timedelta(minutes=31, seconds=1)
    assert expiry(LIMITS, "coordinator", T0, T0, late) == IDLE
    assert expiry(LIMITS, "analyst", T0, T0, late) == IDLE


def test_participants_idle_longer_and_everyone_ends_at_the_lifetime():
    seen = T0 + timedelta(hours=11, minutes=59)
    assert expiry(LIMITS, "mentee", T0, T0, T0 + timedelta(hours=7)) is None
    assert expiry(LIMITS, "mentee", T0, T0, T0 + timedelta(hours=9)) == IDLE
    assert expiry(LIMITS, "mentor", T0, seen, T0 + timedelta(hours=12)) == LIFETIME


def test_a_row_is_purged_a_while_after_it_is_over():
    keep = timedelta(days=30)
    ended = T0 + timedelta(hours=1)
    assert not is_purgeable(LIMITS, T0, ended, T0 + timedelta(days=29), keep)
    assert is_purgeable(LIMITS, T0, ended, T0 + timedelta(days=31), keep)
    assert is_purgeable(LIMITS, T0, None, T0 + timedelta(days=31), keep)


def test_a_coordinator_idle_for_half_an_hour_is_signed_out_with_a_reason(
    app, client_for, city_a, make_user, clock
):
    user = make_user(city_a, role="coordinator")
    client = client_for(city_a)
    client.get("/login?lang=en")
    login(client, user.email)
    copied = cookie_of(client, city_a)
    clock.shift(timedelta(minutes=29))
    assert client.get("/coordinator/").status_code == 200
    # (That request's last_seen_at note is lost here: in the tests' one
    # connection the request's rollback undoes it. On a real pool it commits,
    # tests/accounts/test_sessions.py proves it on PostgreSQL.)
    clock.shift(timedelta(minutes=3))
    response = client.get("/coordinator/cohorts/")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/login?next=/coordinator/cohorts/")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "You were signed out after 30 minutes without activity." in page
    # A copy of the cookie made before opens nothing either: the rule is
    # checked on every request from the row (which is also marked ended,
    # in a transaction of its own: on a real pool, not in this one).
    replay = with_cookie(client_for, city_a, copied).get("/coordinator/")
    assert replay.status_code == 302
    # The next page does not say it again: the session is simply over.
    again = client.get("/login?lang=en").get_data(as_text=True)
    assert "without activity" not in again


def test_the_flash_is_in_danish_for_a_danish_page(client_for, city_a, make_user, clock):
    user = make_user(city_a, role="coordinator")
    client = client_for(city_a)
    login(client, user.email)
    clock.shift(timedelta(minutes=45))
    page = client.get("/login?lang=da").get_data(as_text=True)
    assert "30 minutter uden aktivitet" in page


def test_a_session_ends_after_twelve_hours_whatever_the_idle_limit(
    app, client_for, city_a, make_user, clock, monkeypatch
):
    user = make_user(city_a, role="coordinator")
    client = client_for(city_a)
    client.get("/login?lang=en")
    login(client, user.email)
    monkeypatch.setitem(app.config, "SESSION_IDLE_MINUTES", 24 * 60)
    clock.shift(timedelta(hours=11, minutes=55))
    assert client.get("/coordinator/").status_code == 200
    clock.shift(timedelta(minutes=5))
    assert client.get("/coordinator/").status_code == 302
    page = client.get("/login?lang=en").get_data(as_text=True)
    assert "a session lasts at most 12 hours" in page


def test_a_participant_may_be_away_for_hours_but_not_a_night(
    client_for, city_a, make_user, clock
):
    user = make_user(city_a, role="mentee")
    client = client_for(city_a)
    client.get("/login?lang=en")
    login(client, user.email)
    clock.shift(timedelta(hours=3))
    assert client.get("/me/").status_code == 200
    clock.shift(timedelta(hours=6))  # 9 h since sign-in, no note of the 3 h visit
    assert client.get("/me/").status_code == 302
    page = client.get("/login?lang=en").get_data(as_text=True)
    assert "after 8 hours without activity" in page


def test_the_idle_timeout_is_configurable(
    app, client_for, city_a, make_user, clock, monkeypatch
):
    monkeypatch.setitem(app.config, "SESSION_IDLE_MINUTES", 10)
    user = make_user(city_a, role="coordinator")
    client = client_for(city_a)
    login(client, user.email)
    clock.shift(timedelta(minutes=12))
    assert client.get("/coordinator/").status_code == 302
