"""Which language a page speaks, and that the page says so.

Order: ``?lang=`` (remembered in the session and saved on a signed-in user) >
the user's saved language > the session > ``Accept-Language`` > the city default.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from mentoring.config import ROOT
from mentoring.results.measures import BY_KEY
from mentoring.tenancy.config import load_all
from tests.accounts.helpers import load_account, make_network_user
from tests.conftest import csrf_token, login

DEFAULTS = {c.slug: c.default_language for c in load_all(ROOT / "tenants", BY_KEY)}
SIGN_IN = "Sign in"


def lang(response) -> str:
    match = re.search(r'<html lang="([a-z]+)"', response.get_data(as_text=True))
    assert match, "no <html lang>"
    return match.group(1)


def title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.get_data(as_text=True)).group(1)


def city(app, slug):
    from mentoring.extensions import db
    from mentoring.tenancy.models import Tenant

    with app.app_context():
        tenant = db.session.scalar(db.select(Tenant).where(Tenant.slug == slug))
        db.session.expunge(tenant)
        return tenant


def test_billund_and_sonderborg_default_to_english_the_others_to_danish():
    assert {s for s, lang in DEFAULTS.items() if lang == "en"} == {
        "billund",
        "sonderborg",
    }
    assert len(DEFAULTS) == 8


@pytest.mark.parametrize("slug", sorted(DEFAULTS))
def test_without_any_choice_a_city_speaks_its_default(app, client_for, slug):
    response = client_for(city(app, slug)).get("/login")
    assert lang(response) == DEFAULTS[slug]


def test_the_network_defaults_to_danish(client_for):
    assert lang(client_for(None).get("/")) == "da"


@pytest.mark.parametrize(
    ("slug", "header", "expected"),
    [
        ("lyngby-taarbaek", "en-GB,en;q=0.9", "en"),
        ("billund", "da-DK,da;q=0.9,en;q=0.5", "da"),
        ("billund", "de-DE,de;q=0.9", "en"),  # unsupported: the city default
        ("aarhus", "fr", "da"),
    ],
)
def test_the_browser_language_beats_the_city_default(
    app, client_for, slug, header, expected
):
    response = client_for(city(app, slug)).get(
        "/login", headers={"Accept-Language": header}
    )
    assert lang(response) == expected


def test_a_chosen_language_beats_the_browser_and_is_remembered(client_for, city_a):
    client = client_for(city_a)
    english = {"Accept-Language": "en"}
    assert lang(client.get("/login?lang=da", headers=english)) == "da"
    assert lang(client.get("/", headers=english)) == "da"
    assert lang(client.get("/login?lang=en", headers={"Accept-Language": "da"})) == "en"
    assert lang(client.get("/", headers={"Accept-Language": "da"})) == "en"


def test_an_unknown_language_code_is_ignored(client_for, city_a):
    client = client_for(city_a)
    assert lang(client.get("/login?lang=xx")) == "da"
    assert lang(client.get("/login?lang=en")) == "en"
    assert lang(client.get("/login?lang=de")) == "en"


def test_a_users_saved_language_beats_the_session(client_for, city_a, make_user):
    user = make_user(city_a, role="coordinator", locale="en")
    client = client_for(city_a)
    client.get("/login?lang=da")
    login(client, user.email)
    assert lang(client.get("/coordinator/", headers={"Accept-Language": "da"})) == "en"


def test_a_choice_is_saved_on_the_signed_in_user(app, client_for, city_a, make_user):
    user = make_user(city_a, role="coordinator", locale="da")
    client = client_for(city_a)
    login(client, user.email)
    assert lang(client.get("/coordinator/?lang=en")) == "en"
    assert load_account(app, city_a, user.email).locale == "en"
    # On another device, after signing in, the saved choice follows the user.
    phone = client_for(city_a)
    login(phone, user.email)
    assert lang(phone.get("/coordinator/", headers={"Accept-Language": "da"})) == "en"


def test_a_network_users_choice_is_saved_too(app, client_for):
    user = make_network_user(app, role="analyst")
    client = client_for(None)
    login(client, user.email)
    assert lang(client.get("/network/?lang=en")) == "en"
    assert load_account(app, None, user.email).locale == "en"


def test_the_login_page_is_translated(client_for, city_a):
    client = client_for(city_a)
    english, danish = client.get("/login?lang=en"), client.get("/login?lang=da")
    assert title(english).startswith(SIGN_IN)
    # Needs the Danish catalog: fails while it is not filled in.
    assert title(danish) != title(english)
    assert SIGN_IN not in danish.get_data(as_text=True)


# -- the language switch --------------------------------------------------------------


def switch(response) -> str:
    html = response.get_data(as_text=True)
    match = re.search(r'<nav class="language-switch"[^>]*>(.*?)</nav>', html, re.S)
    assert match, "no language switch"
    return match.group(0)


def assert_switch(response, current: str) -> None:
    nav = switch(response)
    other = "da" if current == "en" else "en"
    assert "aria-label=" in nav
    assert f'<span aria-current="true" lang="{current}">' in nav
    assert f'?lang={other}" lang="{other}"' in nav


def test_the_language_switch_is_on_every_page(app, client_for, city_a, make_user):
    coordinator = make_user(city_a, role="coordinator")
    anonymous, signed_in = client_for(city_a), client_for(city_a)
    login(signed_in, coordinator.email)
    for path in ("/", "/login", "/password/forgot", "/nothing-here"):
        for code in ("en", "da"):
            assert_switch(anonymous.get(f"{path}?lang={code}"), code)
    for path in ("/coordinator/", "/coordinator/people"):
        for code in ("en", "da"):
            assert_switch(signed_in.get(f"{path}?lang={code}"), code)
    network = client_for(None)
    login(network, make_network_user(app, role="operator").email)
    for path in ("/", "/network/", "/operations/"):
        assert_switch(network.get(f"{path}?lang=en"), "en")


def test_the_switch_keeps_the_page_and_its_query(client_for, city_a):
    client = client_for(city_a)
    nav = switch(client.get("/password/forgot?lang=en"))
    assert 'href="/password/forgot?lang=da"' in nav
    nav = switch(client.get("/login?next=%2Fcoordinator%2F&lang=da"))
    assert 'href="/login?next=%2Fcoordinator%2F&amp;lang=en"' in nav


# -- dates and numbers -----------------------------------------------------------------


@pytest.fixture
def cohort_page(client_for, city_a, make_user, in_city):
    from tests.factories import CohortFactory

    with in_city(city_a):
        CohortFactory(
            name="Spring",
            starts_on=date(2026, 2, 1),
            ends_on=date(2026, 5, 31),
            mentee_capacity=1500,
        )
    client = client_for(city_a)
    login(client, make_user(city_a, role="coordinator").email)
    return lambda code: client.get(f"/coordinator/?lang={code}").get_data(as_text=True)


def test_dates_are_written_the_danish_way_in_danish(cohort_page):
    html = cohort_page("da")
    assert "1. feb. 2026" in html
    assert "31. maj 2026" in html
    assert "May 31" not in html


def test_dates_are_written_the_english_way_in_english(cohort_page):
    # British order, as English is written in Denmark: not the US "Feb 1, 2026".
    html = cohort_page("en")
    assert "1 Feb 2026" in html
    assert "31 May 2026" in html
    assert "Feb 1, 2026" not in html
    assert "maj" not in html


def test_numbers_follow_the_locale(cohort_page):
    assert "0 / 1.500" in cohort_page("da")
    assert "0 / 1,500" in cohort_page("en")


# -- e-mails ------------------------------------------------------------------


def reset_mail(client, outbox, email: str, page_lang: str):
    token = csrf_token(client, f"/password/forgot?lang={page_lang}")
    client.post("/password/forgot", data={"email": email, "csrf_token": token})
    (message,) = outbox()
    return message


def mail_lang(message) -> str:
    html = message.get_body(preferencelist=("html",)).get_content()
    return re.search(r'<html lang="([a-z]+)"', html).group(1)


@pytest.mark.parametrize(
    ("slug", "saved", "page_lang", "expected"),
    [
        ("lyngby-taarbaek", "en", "da", "en"),  # saved choice, not the page
        ("lyngby-taarbaek", "da", "en", "da"),
        ("billund", None, "da", "en"),  # no choice: the city default
        ("lyngby-taarbaek", None, "en", "da"),
    ],
)
def test_emails_speak_the_recipients_language(
    app, client_for, make_user, outbox, slug, saved, page_lang, expected
):
    tenant = city(app, slug)
    user = make_user(tenant, locale=saved)
    message = reset_mail(client_for(tenant), outbox, user.email, page_lang)
    assert mail_lang(message) == expected
    english = message["Subject"] == "Reset your password"
    # Needs the Danish catalog for the Danish subject.
    assert english is (expected == "en")
