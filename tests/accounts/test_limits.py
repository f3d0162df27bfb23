"""Abuse limits on signing in and password reset (core/limits.py).

The limits are on in every test; ``_fresh_limits`` (tests/conftest.py) clears
the counters between tests. The limiter reads ``time.time``, which the
controlled clock moves, so "after the window" is a clock shift, not a wait.
"""

from __future__ import annotations

from datetime import timedelta

from mentoring.accounts import services
from tests.conftest import CITY_B, PASSWORD, REDIS_URL, csrf_token, require

WRONG_PASSWORD = "not the password at all"


def _post_login(client, email, password, address="10.0.0.1"):
    token = csrf_token(client)
    return client.post(
        "/login",
        data={"email": email, "password": password, "csrf_token": token},
        environ_base={"REMOTE_ADDR": address},
    )


def _forgot(client, email, address="10.0.0.1"):
    token = csrf_token(client, "/password/forgot")
    return client.post(
        "/password/forgot",
        data={"email": email, "csrf_token": token},
        environ_base={"REMOTE_ADDR": address},
    )


def test_the_right_password_is_refused_after_many_wrong_ones_until_the_window_passes(
    client_for, city_a, make_user, clock
):
    user = make_user(city_a)
    client = client_for(city_a)
    # 40 wrong passwords, each from another address: only the account limit bites.
    answers = [
        _post_login(client, user.email, WRONG_PASSWORD, f"10.1.0.{n}").status_code
        for n in range(40)
    ]
    assert answers[:5] == [400] * 5
    assert set(answers[5:]) == {429}
    right = _post_login(client, user.email, PASSWORD, "10.2.0.1")
    assert right.status_code == 429
    assert int(right.headers["Retry-After"]) > 60
    clock.shift(timedelta(minutes=16))
    assert _post_login(client, user.email, PASSWORD, "10.2.0.2").status_code == 302


def test_the_account_limit_counts_the_normalised_address(client_for, city_a, make_user):
    user = make_user(city_a)
    client = client_for(city_a)
    for n in range(5):
        _post_login(client, f"  {user.email.upper()} ", WRONG_PASSWORD, f"10.3.0.{n}")
    assert _post_login(client, user.email, PASSWORD, "10.3.1.1").status_code == 429


def test_one_address_is_stopped_after_ten_attempts_a_minute(
    client_for, city_a, make_user, clock
):
    users = [make_user(city_a) for _ in range(11)]
    client = client_for(city_a)
    answers = [_post_login(client, u.email, WRONG_PASSWORD).status_code for u in users]
    assert answers == [400] * 10 + [429]
    other = _post_login(client, users[0].email, PASSWORD, "10.9.9.9")
    assert other.status_code == 302  # another address is not affected
    clock.shift(timedelta(minutes=2))
    assert _post_login(client_for(city_a), users[1].email, PASSWORD).status_code == 302


def test_the_429_page_is_translated_and_in_the_products_look(
    client_for, city_a, make_user
):
    user = make_user(city_a)
    client = client_for(city_a)
    for n in range(5):
        _post_login(client, user.email, WRONG_PASSWORD, f"10.4.0.{n}")
    token = csrf_token(client)
    response = client.post(
        "/login?lang=da",
        data={"email": user.email, "password": PASSWORD, "csrf_token": token},
        environ_base={"REMOTE_ADDR": "10.4.1.1"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 429
    assert 'lang="da"' in page
    assert "For mange forsøg" in page
    assert "error-panel" in page
    assert "Retry-After" in response.headers


def test_limits_are_per_city(client_for, city_a, city_b, make_user):
    user_a = make_user(city_a)
    user_b = make_user(city_b, email=user_a.email)
    for n in range(5):
        _post_login(client_for(city_a), user_a.email, WRONG_PASSWORD, f"10.5.0.{n}")
    assert _post_login(client_for(city_a), user_a.email, PASSWORD).status_code == 429
    assert city_b.slug == CITY_B
    assert _post_login(client_for(city_b), user_b.email, PASSWORD).status_code == 302


def test_the_fourth_reset_request_sends_nothing_and_answers_the_same(
    client_for, city_a, make_user, outbox
):
    user = make_user(city_a)
    client = client_for(city_a)
    answers = [_forgot(client, user.email, f"10.6.0.{n}") for n in range(4)]
    assert {(a.status_code, a.headers["Location"]) for a in answers} == {
        (302, "/login")
    }
    resets = [m for m in outbox() if m["To"] == user.email]
    assert len(resets) == 3


def test_one_address_asking_for_many_resets_gets_a_429(client_for, city_a):
    client = client_for(city_a)
    answers = [_forgot(client, f"nobody{n}@example.org").status_code for n in range(11)]
    assert answers == [302] * 10 + [429]


def test_reset_does_the_same_work_whether_or_not_the_account_exists(
    app, client_for, city_a, make_user, monkeypatch, outbox
):
    calls = []
    compose = services.compose_reset_email

    def spy(account):
        calls.append(account.email)
        return compose(account)

    monkeypatch.setattr(services, "compose_reset_email", spy)
    user = make_user(city_a)
    client = client_for(city_a)
    _forgot(client, user.email, "10.7.0.1")
    _forgot(client, "nobody-here@example.org", "10.7.0.2")
    assert calls == [user.email, "nobody-here@example.org"]
    assert [m["To"] for m in outbox()] == [user.email]


def test_with_redis_the_counters_are_kept_in_redis_under_this_runs_prefix(
    app, client_for, city_a, make_user
):
    require(bool(REDIS_URL), "the Redis-backed limiter needs REDIS_URL")
    from limits.storage import RedisStorage
    from redis import Redis

    from mentoring.extensions import limiter

    assert isinstance(limiter.storage, RedisStorage)
    user = make_user(city_a)
    for n in range(5):
        _post_login(client_for(city_a), user.email, WRONG_PASSWORD, f"10.10.0.{n}")
    prefix = app.config["RATELIMIT_STORAGE_OPTIONS"]["key_prefix"]
    assert prefix.startswith("test-limits-")
    keys = Redis.from_url(REDIS_URL).keys(f"{prefix}:*")
    assert any(user.email.encode() in key for key in keys)
    assert _post_login(client_for(city_a), user.email, PASSWORD).status_code == 429


def test_the_right_password_at_first_try_is_not_limited(client_for, city_a, make_user):
    user = make_user(city_a)
    response = _post_login(client_for(city_a), user.email, PASSWORD)
    assert response.status_code == 302
