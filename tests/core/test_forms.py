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
