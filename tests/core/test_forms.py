"""Every form is a MentoringForm, and WTForms' own messages speak Danish."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import CSRF_RE, login
from tests.events.conftest import build_programme

PACKAGE = Path(__file__).resolve().parents[2] / "platform" / "mentoring"
ENGLISH = [
    "This field is required.",
    "Not a valid",
    "Invalid email address.",
    "Field cannot be longer",
    "Field must be",
    "Number must be",
]


def test_every_form_inherits_the_base_form():
    """No form may skip the checks by inheriting FlaskForm itself."""
    offenders = [
        f"{path.relative_to(PACKAGE)}: {line.strip()}"
        for path in PACKAGE.rglob("*.py")
        if path.name != "forms.py" or path.parent.name != "core"
        for line in path.read_text(encoding="utf-8").splitlines()
        if re.search(r"\bFlaskForm\b", line)
    ]
    assert offenders == []


def danish_page(client, path, data):
    html = client.get(f"{path}?lang=da").get_data(as_text=True)
    match = CSRF_RE.search(html)
    token = match.group(1) or match.group(2)
    response = client.post(f"{path}?lang=da", data={**data, "csrf_token": token})
    assert response.status_code in (200, 400)
    html = response.get_data(as_text=True)
    assert '<html lang="da"' in html
    return html


def assert_no_english(html):
    for message in ENGLISH:
        assert message not in html


def test_wtforms_messages_are_danish_on_the_login_page(client_for, city_a):
    html = danish_page(
        client_for(city_a), "/login", {"email": "not-an-address", "password": ""}
    )
    assert "Ugyldig e-mailadresse." in html
    assert "Feltet skal udfyldes." in html
    assert_no_english(html)


def test_wtforms_messages_are_danish_on_the_event_form(city_a, in_city, client_for):
    programme = build_programme(city_a, in_city)
    client = client_for(city_a)
    assert login(client, programme.coordinator).status_code == 302
    path = f"/coordinator/cohorts/{programme.cohort_id}/events/new"
    html = danish_page(
        client,
        path,
        {
            "kind": "no-such-kind",
            "title_en": "x" * 201,
            "title_da": "Midtvejsmøde",
            "day": "2026-13-45",
            "starts": "25:99",
            "ends": "19:00",
            "audience": "everyone",
        },
    )
    assert "Ikke et gyldigt valg." in html
    assert "Feltet må højst være på 200 tegn." in html
    assert_no_english(html)


def test_wtforms_messages_are_danish_on_the_slots_form(city_a, in_city, client_for):
    programme = build_programme(city_a, in_city, kind="interview_session")
    client = client_for(city_a)
    assert login(client, programme.coordinator).status_code == 302
    html = danish_page(
        client,
        f"/coordinator/events/{programme.event_id}/slots",
        {"interviewer": "nobody", "starts": "25:99", "minutes": "many", "count": ""},
    )
    assert "Ikke et gyldigt valg." in html
    assert "Ikke et gyldigt heltal." in html
    assert_no_english(html)


def test_english_pages_keep_wtforms_english(client_for, city_a):
    client = client_for(city_a)
    html = client.get("/login?lang=en").get_data(as_text=True)
    token = CSRF_RE.search(html)
    data = {
        "email": "nope",
        "password": "",
        "csrf_token": token.group(1) or token.group(2),
    }
    html = client.post("/login", data=data).get_data(as_text=True)
    assert "Invalid email address." in html
    assert "This field is required." in html


def bare_form(app, data):
    """A form with one field of each kind, validated on ``data`` (Danish)."""
    from werkzeug.datastructures import MultiDict
    from wtforms import (
        DateField,
        HiddenField,
        IntegerField,
        SearchField,
        StringField,
        TextAreaField,
    )

    from mentoring.core.forms import MentoringForm

    class Bare(MentoringForm):
        line = StringField()
        hidden = HiddenField()
        search = SearchField()
        text = TextAreaField()
        day = DateField()
        number = IntegerField()

    with app.test_request_context("/", headers={"Accept-Language": "da"}):
        form = Bare(formdata=MultiDict(data), meta={"csrf": False})
        form.validate()
        return {name: [str(e) for e in errors] for name, errors in form.errors.items()}


def test_the_base_form_guards_fields_that_have_no_validators(app):
    errors = bare_form(
        app,
        {
            "line": "a\nb",
            "hidden": "x\x00",
            "search": "q\x1b",
            "text": "one\ntwo\x00",
            "day": "0001-01-01",
            "number": str(2**31),
        },
    )
    assert errors == {
        "line": ["Skriv det på én linje uden linjeskift."],
        "hidden": ["Fjern det usynlige kontroltegn (f.eks. en NUL-byte)."],
        "search": ["Fjern det usynlige kontroltegn (f.eks. en NUL-byte)."],
        "text": ["Fjern det usynlige kontroltegn (f.eks. en NUL-byte)."],
        "day": ["Skriv en dato mellem årene 1900 og 2100."],
        "number": ["Skriv et mindre tal."],
    }


def test_the_base_form_lets_ordinary_input_through(app):
    errors = bare_form(
        app,
        {
            "line": "Midtvejsmøde – Lyngby",
            "hidden": "running",
            "search": "ana",
            "text": "Line one\r\nLine two\tand a tab",
            "day": "2026-03-05",
            "number": "-2147483647",
        },
    )
    assert errors == {}
