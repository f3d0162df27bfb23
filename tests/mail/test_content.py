"""What an e-mail says and looks like: the city's name and colour, the
recipient's language, whoever asked for it."""

from __future__ import annotations

import uuid

import pytest

from mentoring.core.branding import NETWORK_THEME
from mentoring.core.scoping import set_tenant
from mentoring.extensions import db
from mentoring.mail.models import CityEmail
from tests.conftest import csrf_token, link_in
from tests.factories import NetworkUserFactory
from tests.mail.helpers import email_row

SENDER = "Career Mentoring <no-reply@mentoring.example>"


@pytest.fixture(autouse=True)
def _sender(app, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_FROM", SENDER)


def request_reset(client, address, lang=None):
    """Ask for a password reset the way a person does (form with CSRF)."""
    query = f"?lang={lang}" if lang else ""
    token = csrf_token(client, f"/password/forgot{query}")
    response = client.post(
        f"/password/forgot{query}", data={"email": address, "csrf_token": token}
    )
    assert response.status_code == 302


def html_of(message):
    return message.get_body(preferencelist=("html",)).get_content()


@pytest.mark.parametrize("which", ["city_a", "city_b"])
def test_city_email_comes_from_the_city_in_its_colours(
    request, which, make_user, client_for, outbox
):
    city = request.getfixturevalue(which)
    make_user(city, email="brand@example.org")
    request_reset(client_for(city), "brand@example.org")

    [message] = outbox()
    [sender] = message["From"].addresses
    assert (sender.display_name, sender.addr_spec) == (
        city.name_da,
        "no-reply@mentoring.example",
    )
    html = html_of(message)
    assert f"background:{city.primary_color}" in html
    assert city.name_da in html
    assert NETWORK_THEME["primary"] not in html


def test_lyngby_sender_reads_as_the_city(city_a, make_user, client_for, outbox):
    make_user(city_a, email="lyngby@example.org")
    request_reset(client_for(city_a), "lyngby@example.org")
    [message] = outbox()
    assert message["From"] == "Lyngby-Taarbæk Vidensby <no-reply@mentoring.example>"


def test_network_email_keeps_the_configured_sender_and_neutral_look(
    app, client_for, outbox
):
    with app.app_context():
        NetworkUserFactory(email="analyst@example.org")
        db.session.commit()
    request_reset(client_for(None), "analyst@example.org")

    [message] = outbox()
    assert message["From"] == SENDER
    assert f"background:{NETWORK_THEME['primary']}" in html_of(message)


def test_email_speaks_the_recipients_saved_language(
    app, city_a, make_user, client_for, outbox
):
    """An English speaker in a Danish city gets English, even if asked in Danish."""
    assert city_a.default_language == "da"
    make_user(city_a, email="english@example.org", locale="en")
    request_reset(client_for(city_a), "english@example.org", lang="da")

    [message] = outbox()
    assert message["Subject"] == "Reset your password"
    assert message["Content-Language"] == "en"
    assert message["From"] == f"{city_a.name_en} <no-reply@mentoring.example>"
    assert '<html lang="en">' in html_of(message)
    assert "<title>Reset your password</title>" in html_of(message)
    assert "/password/reset/" in link_in(message)


def test_without_a_saved_language_the_city_default_decides(
    app, city_a, make_user, client_for, outbox
):
    make_user(city_a, email="dansk@example.org", locale=None)
    request_reset(client_for(city_a), "dansk@example.org", lang="en")

    [message] = outbox()
    assert message["Content-Language"] == "da"
    assert '<html lang="da">' in html_of(message)
    email_id = message["Message-ID"].strip("<>").split("@")[0]
    assert email_row(app, city_a, uuid.UUID(email_id)).locale == "da"


def test_an_unknown_saved_language_falls_back_to_the_city_default(
    city_a, make_user, client_for, outbox
):
    make_user(city_a, email="deutsch@example.org", locale="de")
    request_reset(client_for(city_a), "deutsch@example.org")
    [message] = outbox()
    assert message["Content-Language"] == "da"


def test_the_stored_row_keeps_what_was_sent(app, city_a, make_user, client_for, outbox):
    make_user(city_a, email="stored@example.org", locale="en")
    request_reset(client_for(city_a), "stored@example.org")
    [message] = outbox()
    with app.app_context():
        set_tenant(db.session, city_a.id)
        row = db.session.scalar(db.select(CityEmail))
        assert (row.to_address, row.subject, row.locale) == (
            "stored@example.org",
            "Reset your password",
            "en",
        )
        assert message["Message-ID"] == f"<{row.id.hex}@mentoring.example>"


@pytest.mark.parametrize("which", ["city_a", "city_b"])
def test_city_email_has_a_reply_to_of_the_citys_contact_address(
    request, which, make_user, client_for, outbox
):
    city = request.getfixturevalue(which)
    make_user(city, email="reply@example.org")
    request_reset(client_for(city), "reply@example.org")
    [message] = outbox()
    [reply_to] = message["Reply-To"].addresses
    assert reply_to.addr_spec == city.contact["email"]
    assert reply_to.display_name == city.name_da


def test_network_email_has_no_reply_to(app, client_for, outbox):
    with app.app_context():
        NetworkUserFactory(email="analyst2@example.org")
        db.session.commit()
    request_reset(client_for(None), "analyst2@example.org")
    [message] = outbox()
    assert message["Reply-To"] is None
