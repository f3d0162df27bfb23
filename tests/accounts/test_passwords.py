"""Passwords: scrypt hashes, at least 12 characters, reset and invitation links."""

from __future__ import annotations

import pytest

from mentoring.accounts.passwords import (
    MIN_LENGTH,
    hash_password,
    password_problem,
    verify_password,
)
from tests.accounts.helpers import invite, load_account, make_network_user, session_of
from tests.conftest import PASSWORD, body_text, csrf_token, host_of, link_in, login

NEW = "a brand new passphrase"
DEAD_LINK = "This link no longer works"


def test_hashes_are_scrypt_and_salted():
    first, second = hash_password(PASSWORD), hash_password(PASSWORD)
    assert first.startswith("scrypt:")
    assert first != second
    assert verify_password(first, PASSWORD)
    assert not verify_password(first, PASSWORD + "!")
    assert not verify_password(None, PASSWORD)


def test_password_rules():
    assert password_problem("x" * (MIN_LENGTH - 1)) == "too_short"
    assert password_problem("aaaaaaaaaaaaaaaa") == "too_simple"
    assert password_problem("x" * 300) == "too_long"
    assert password_problem("correct horse") is None


def forgot(client, email: str):
    token = csrf_token(client, "/password/forgot")
    return client.post("/password/forgot", data={"email": email, "csrf_token": token})


def choose(client, link: str, password: str = NEW, confirm: str | None = None):
    token = csrf_token(client)  # the session's token; a dead link has no form
    data = {"password": password, "confirm": confirm or password, "csrf_token": token}
    return client.post(link, data=data)


def reset_link(client, outbox, email: str) -> str:
    assert forgot(client, email).status_code == 302
    (message,) = outbox()
    assert message["To"] == email
    return link_in(message)


# -- reset ------------------------------------------------------------------------


def test_a_reset_link_sets_a_new_password_and_signs_in(
    app, client_for, city_a, make_user, outbox
):
    user = make_user(city_a, role="coordinator", locale="en")
    client = client_for(city_a)
    link = reset_link(client, outbox, user.email)
    assert link.startswith(f"http://{host_of(city_a)}/password/reset/")
    page = client.get(link)
    assert page.status_code == 200
    assert user.email in page.get_data(as_text=True)
    response = choose(client, link)
    assert response.status_code == 302
    assert response.headers["Location"] == "/coordinator/"
    assert client.get("/coordinator/").status_code == 200
    stored = load_account(app, city_a, user.email).password_hash
    assert stored.startswith("scrypt:")
    assert verify_password(stored, NEW)
    assert login(client_for(city_a), user.email, PASSWORD).status_code == 400
    assert login(client_for(city_a), user.email, NEW).status_code == 302


def test_a_reset_link_works_once(client_for, city_a, make_user, outbox):
    user = make_user(city_a, role="mentee")
    client = client_for(city_a)
    link = reset_link(client, outbox, user.email)
    assert choose(client, link).status_code == 302
    again = client_for(city_a)
    for response in (again.get(f"{link}?lang=en"), choose(again, link, "another one!")):
        assert response.status_code == 400
        assert DEAD_LINK in response.get_data(as_text=True)
    assert login(client_for(city_a), user.email, "another one!").status_code == 400


def test_an_expired_link_fails(app, client_for, city_a, make_user, outbox, monkeypatch):
    user = make_user(city_a)
    client = client_for(city_a)
    link = reset_link(client, outbox, user.email)
    monkeypatch.setitem(app.config, "PASSWORD_RESET_MAX_AGE", -1)
    response = client.get(f"{link}?lang=en")
    assert response.status_code == 400
    assert DEAD_LINK in response.get_data(as_text=True)
    monkeypatch.setitem(app.config, "PASSWORD_RESET_MAX_AGE", 3600)
    assert client.get(link).status_code == 200


def test_a_tampered_link_fails(client_for, city_a, make_user, outbox):
    user = make_user(city_a)
    client = client_for(city_a)
    link = reset_link(client, outbox, user.email)
    head, signature = link.rsplit(".", 1)
    flipped = ("A" if signature[0] != "A" else "B") + signature[1:]
    tampered = f"{head}.{flipped}"
    assert client.get(tampered).status_code == 400
    assert (
        client.get(link.replace("/password/reset/", "/invitation/")).status_code == 400
    )


def test_a_link_of_one_city_fails_at_another(
    client_for, city_a, city_b, make_user, outbox
):
    user = make_user(city_a)
    make_user(city_b, email=user.email)  # same address, other city's account
    link = reset_link(client_for(city_a), outbox, user.email)
    elsewhere = link.replace(host_of(city_a), host_of(city_b))
    client = client_for(city_b)
    assert client.get(elsewhere).status_code == 400
    assert choose(client, elsewhere).status_code == 400
    assert login(client_for(city_b), user.email, NEW).status_code == 400
    assert client_for(city_a).get(link).status_code == 200


def test_an_unknown_email_gets_the_same_answer_and_no_mail(
    client_for, city_a, make_user, outbox
):
    user = make_user(city_a)
    client = client_for(city_a)
    known, unknown = forgot(client, user.email), forgot(client, "nobody@example.org")
    assert (known.status_code, known.headers["Location"]) == (
        unknown.status_code,
        unknown.headers["Location"],
    )
    assert [m["To"] for m in outbox()] == [user.email]


def test_a_user_of_another_city_gets_no_mail(
    client_for, city_a, city_b, make_user, outbox
):
    user = make_user(city_b)
    assert forgot(client_for(city_a), user.email).status_code == 302
    assert outbox() == []


def test_a_network_user_resets_on_the_apex(app, client_for, outbox):
    user = make_network_user(app, role="analyst")
    client = client_for(None)
    link = reset_link(client, outbox, user.email)
    assert link.startswith("http://localhost/password/reset/")
    response = choose(client, link)
    assert response.headers["Location"] == "/network/"


@pytest.mark.parametrize("lang", ["en", "da"])
def test_a_short_password_is_refused_with_a_translated_message(
    client_for, city_a, make_user, outbox, lang
):
    user = make_user(city_a)
    client = client_for(city_a)
    link = reset_link(client, outbox, user.email)
    client.get(f"{link}?lang={lang}")
    response = choose(client, link, "short pass")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert f'<html lang="{lang}"' in html
    english = f"Use at least {MIN_LENGTH} characters."
    assert (english in html) is (lang == "en")  # Danish needs the catalog
    assert str(MIN_LENGTH) in html
    assert choose(client, link, NEW, "a different passphrase").status_code == 400
    assert client.get(link).status_code == 200  # still unused


def test_a_new_password_signs_out_other_sessions(client_for, city_a, make_user, outbox):
    user = make_user(city_a, role="coordinator")
    laptop = client_for(city_a)
    login(laptop, user.email)
    assert laptop.get("/coordinator/").status_code == 200
    old_cookie = laptop.get_cookie("session", domain=host_of(city_a)).value
    phone = client_for(city_a)
    assert choose(phone, reset_link(phone, outbox, user.email)).status_code == 302
    assert phone.get("/coordinator/").status_code == 200
    assert laptop.get("/coordinator/").status_code == 302
    replay = client_for(city_a)
    replay.set_cookie("session", old_cookie, domain=host_of(city_a))
    assert replay.get("/coordinator/").status_code == 302


# -- invitation ---------------------------------------------------------------------


def test_an_invitation_lets_a_new_user_choose_a_password_once(
    app, client_for, city_a, make_user, outbox
):
    user = make_user(city_a, role="mentor", password_hash=None, locale="en")
    invite(app, city_a, user.email)
    (message,) = outbox()
    assert message["To"] == user.email
    link = link_in(message)
    assert link.startswith(f"http://{host_of(city_a)}/invitation/")
    client = client_for(city_a)
    page = client.get(link)
    assert page.status_code == 200
    assert user.full_name in page.get_data(as_text=True)
    response = choose(client, link)
    assert response.headers["Location"] == "/me/"
    assert "_user_id" in session_of(client)
    assert load_account(app, city_a, user.email).password_hash.startswith("scrypt:")
    second = client_for(city_a).get(f"{link}?lang=en")
    assert second.status_code == 400
    assert DEAD_LINK in second.get_data(as_text=True)


def test_an_invitation_expires(app, client_for, city_a, make_user, outbox, monkeypatch):
    user = make_user(city_a, password_hash=None)
    invite(app, city_a, user.email)
    link = link_in(outbox()[0])
    monkeypatch.setitem(app.config, "INVITATION_MAX_AGE", -1)
    assert client_for(city_a).get(link).status_code == 400


def test_an_invitation_is_no_reset_link(app, client_for, city_a, make_user, outbox):
    user = make_user(city_a, password_hash=None)
    invite(app, city_a, user.email)
    link = link_in(outbox()[0])
    reset = link.replace("/invitation/", "/password/reset/")
    assert client_for(city_a).get(reset).status_code == 400


def test_the_invitation_mail_names_the_city_and_role(
    app, client_for, city_a, make_user, outbox
):
    user = make_user(city_a, role="mentee", password_hash=None, locale="en")
    invite(app, city_a, user.email)
    (message,) = outbox()
    text = body_text(message)
    assert city_a.name_en in text
    assert "Mentee" in text


@pytest.mark.parametrize(
    "host",
    ["lyngby-taarbaek.localhost:80@evil.example", "lyngby-taarbaek.localhost:x"],
)
def test_a_smuggled_host_gets_no_reset_link(
    client_for, city_a, make_user, outbox, host
):
    user = make_user(city_a)
    client = client_for(city_a)
    token = csrf_token(client, "/password/forgot")
    response = client.post(
        "/password/forgot",
        data={"email": user.email, "csrf_token": token},
        environ_overrides={"HTTP_HOST": host},
    )
    assert response.status_code == 404
    assert outbox() == []


def test_the_reset_link_is_the_citys_configured_address_not_the_host_header(
    app, client_for, city_a, make_user, outbox, monkeypatch
):
    monkeypatch.setitem(app.config, "PUBLIC_PORT", "8443")
    monkeypatch.setitem(app.config, "PREFERRED_URL_SCHEME", "https")
    user = make_user(city_a)
    client = client_for(city_a)
    client.host = "LYNGBY-TAARBAEK.LOCALHOST.:31337"
    link = reset_link(client, outbox, user.email)
    assert link.startswith(f"https://{host_of(city_a)}:8443/password/reset/")


def test_a_network_reset_link_is_the_apexs_configured_address(
    app, client_for, outbox, monkeypatch
):
    monkeypatch.setitem(app.config, "PUBLIC_PORT", "8443")
    user = make_network_user(app, role="analyst")
    client = client_for(None)
    client.host = "LocalHost.:31337"
    link = reset_link(client, outbox, user.email)
    assert link.startswith("http://localhost:8443/password/reset/")
