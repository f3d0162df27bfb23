"""Common passwords, the e-mail address and the city's name are refused
(an offline list: platform/mentoring/accounts/data/)."""

from __future__ import annotations

import pytest

from mentoring.accounts.passwords import common_passwords, is_common, password_problem
from tests.accounts.helpers import invite, load_account
from tests.accounts.test_passwords import choose, reset_link
from tests.conftest import PASSWORD, link_in

CITY = ("Lyngby-Taarbæk", "Lyngby-Taarbæk", "lyngby-taarbaek")


def test_the_offline_list_holds_the_best_known_passwords():
    common = common_passwords()
    assert len(common) > 10_000
    for word in ("123456", "password", "qwerty", "iloveyou", "kodeord", "hejmeddig"):
        assert word in common


@pytest.mark.parametrize(
    "password",
    [
        "qwertyuiop123",
        "password2024!",
        "Sommer2024!!!",
        "passwordpassword",
        "hejmeddig12345",
        "1q2w3e4r5t6y",
        "Kodeord123456",
    ],
)
def test_common_passwords_and_their_usual_tails_are_refused(password):
    assert is_common(password)
    assert password_problem(password) == "common"


@pytest.mark.parametrize(
    "password", ["ana.souza@example.org", "ANA.SOUZA@example.org!", "ana.souza2026"]
)
def test_the_e_mail_address_is_refused(password):
    assert password_problem(password, "ana.souza@example.org") == "like_email"


@pytest.mark.parametrize(
    "password", ["Lyngby-2026-kode!", "taarbaek er dejlig", "min lyngbytaarbæk"]
)
def test_a_password_with_the_citys_name_is_refused(password):
    assert password_problem(password, "ana@example.org", CITY) == "city_name"


def test_good_passphrases_pass():
    for password in (PASSWORD, "a brand new passphrase", "mentor mentee pair"):
        assert password_problem(password, "ana@example.org", CITY) is None


def test_a_reset_refuses_a_common_password_in_danish(
    app, client_for, city_a, make_user, outbox
):
    user = make_user(city_a, locale="da")
    client = client_for(city_a)
    link = reset_link(client, outbox, user.email)
    before = load_account(app, city_a, user.email).password_hash
    response = choose(client, link + "?lang=da", "password2024!")
    assert response.status_code == 400
    assert "en af de mest almindelige" in response.get_data(as_text=True)
    assert load_account(app, city_a, user.email).password_hash == before


def test_an_invitation_refuses_the_e_mail_and_the_city_name(
    app, client_for, city_a, make_user, outbox
):
    user = make_user(city_a, password_hash=None, locale="en")
    invite(app, city_a, user.email)
    link = link_in(outbox()[0])
    client = client_for(city_a)
    as_email = choose(client, link + "?lang=en", user.email)
    assert "Do not use your e-mail address" in as_email.get_data(as_text=True)
    as_city = choose(client, link + "?lang=en", "Lyngby forever 2026")
    assert "the city's name" in as_city.get_data(as_text=True)
    assert load_account(app, city_a, user.email).password_hash is None
