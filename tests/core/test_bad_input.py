"""Bad input never gives a 500, on PostgreSQL too: a clear Danish message, no change.

One mechanism (core/forms.MentoringForm) refuses NUL and control characters in
every text field, line breaks in one-line fields and years outside 1900-2100;
query strings with a NUL are refused before any view (core/security.py).
Run with TEST_DATABASE_URL set: NUL bytes only fail on PostgreSQL.
"""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from mentoring.applications.models import Application
from mentoring.core.scoping import set_tenant
from mentoring.events.models import Event
from mentoring.extensions import db
from mentoring.programmes.models import Cohort
from tests.applications.helpers import mentee_answers, submit
from tests.conftest import CSRF_RE, login
from tests.events.conftest import build_programme

CONTROL = "Fjern det usynlige kontroltegn (f.eks. en NUL-byte)."
LINE = "Skriv det på én linje uden linjeskift."
YEAR = "Skriv en dato mellem årene 1900 og 2100."
BAD_ADDRESS = "Adressen indeholder et tegn, der ikke er tilladt."

COHORT = {
    "name": "Forår 2027",
    "starts_on": "2027-03-01",
    "mentee_capacity": "15",
    "mentor_capacity": "15",
}
COHORT_EDIT = {**COHORT, "ends_on": "2027-07-01", "nudge_after_weeks": "3"}
EVENT = {
    "kind": "midway",
    "title_en": "Midway meeting",
    "title_da": "Midtvejsmøde",
    "day": "2027-03-05",
    "starts": "17:00",
    "ends": "19:30",
    "location": "Lyngby Rådhus",
    "audience": "both",
    "description_en": "How is it going?",
    "description_da": "Hvordan går det?\nVi ses.",
}


@pytest.fixture
def world(city_a: Any, in_city: Any, client_for: Any) -> dict[str, Any]:
    """A coordinator's client (Danish pages), a cohort with an event, and a
    cohort taking applications."""
    from tests.factories import CohortFactory

    programme = build_programme(city_a, in_city)
    with in_city(city_a):
        recruiting = CohortFactory(status="recruiting", name="Efterår 2026").id
    client = client_for(city_a)
    assert login(client, programme.coordinator).status_code == 302
    client.get("/coordinator/?lang=da")
    return {"client": client, "programme": programme, "recruiting": recruiting}


def rows(app: Flask, tenant: Any) -> list[tuple]:
    """Every cohort, event and application of the city, column by column."""
    with app.app_context():
        set_tenant(db.session, tenant.id)
        found = []
        for model in (Cohort, Event, Application):
            columns = model.__table__.columns
            for row in db.session.scalars(db.select(model)):
                found.append((model.__name__, *(getattr(row, c.key) for c in columns)))
        db.session.expunge_all()
    return sorted(found, key=repr)


def post_form(client: Any, path: str, data: dict[str, Any]) -> Any:
    html = client.get(f"{path}?lang=da").get_data(as_text=True)
    match = CSRF_RE.search(html)
    assert match, f"no CSRF token on {path}"
    token = match.group(1) or match.group(2)
    return client.post(f"{path}?lang=da", data={**data, "csrf_token": token})


def send(world: dict[str, Any], form: str, changes: dict[str, Any]) -> Any:
    client, programme = world["client"], world["programme"]
    if form == "apply":
        anonymous = client.application.test_client()
        anonymous.__class__ = type(client)
        anonymous.host = client.host
        answers = mentee_answers(**changes)
        return submit(anonymous, world["recruiting"], "mentee", answers, lang="da")
    if form == "cohort_new":
        return post_form(client, "/coordinator/cohorts/new", {**COHORT, **changes})
    if form == "cohort_edit":
        path = f"/coordinator/cohorts/{programme.cohort_id}/edit"
        return post_form(client, path, {**COHORT_EDIT, **changes})
    if form == "event_edit":
        path = f"/coordinator/events/{programme.event_id}/edit"
        return post_form(client, path, {**EVENT, **changes})
    raise AssertionError(form)


FORMS = ["apply", "cohort_new", "cohort_edit", "event_edit"]

CASES = [
    ("apply", "full_name", "Ana\x00Souza", CONTROL),
    ("apply", "full_name", "Ana\nSouza", LINE),
    ("apply", "email", "ana\x00@example.org", CONTROL),
    ("apply", "profession", "Lab\r\nanalyst", LINE),
    ("apply", "goals", "A job\x00 in a lab", CONTROL),
    ("apply", "arrived_on", "0001-01-01", YEAR),
    ("apply", "arrived_on", "9999-12-31", YEAR),
    ("cohort_new", "name", "Forår\x002027", CONTROL),
    ("cohort_new", "name", "Forår\n2027", LINE),
    ("cohort_new", "starts_on", "0001-01-01", YEAR),
    ("cohort_new", "starts_on", "9999-12-31", YEAR),
    ("cohort_edit", "name", "Forår\x002027", CONTROL),
    ("cohort_edit", "name", "Forår\u20282027", LINE),
    ("cohort_edit", "starts_on", "0001-01-01", YEAR),
    ("cohort_edit", "ends_on", "9999-12-31", YEAR),
    ("event_edit", "title_da", "Midtvej\x00", CONTROL),
    ("event_edit", "title_en", "Midway\nmeeting", LINE),
    ("event_edit", "location", "Lyngby\rRådhus", LINE),
    ("event_edit", "description_da", "Hej\x00", CONTROL),
    ("event_edit", "day", "0001-01-01", YEAR),
    ("event_edit", "day", "9999-12-31", YEAR),
]


@pytest.mark.parametrize("form", FORMS)
def test_the_forms_save_good_input(app, city_a, world, form):
    """The baseline: the same posts without the bad value do change the data."""
    before = rows(app, city_a)
    response = send(world, form, {})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    assert rows(app, city_a) != before


@pytest.mark.parametrize(("form", "field", "value", "message"), CASES)
def test_bad_input_gets_a_danish_message_and_changes_nothing(
    app, city_a, world, form, field, value, message
):
    before = rows(app, city_a)
    response = send(world, form, {field: value})
    html = response.get_data(as_text=True)
    assert response.status_code in (200, 400)
    assert '<html lang="da"' in html
    assert f'id="{field}-error"' in html
    assert message in html
    assert rows(app, city_a) == before


@pytest.mark.parametrize(
    ("value", "message"),
    [("ana\x00@example.org", CONTROL), ("ana@\nexample.org", LINE)],
)
def test_login_refuses_bad_text_in_danish(
    client_for, city_a, make_user, value, message
):
    make_user(city_a, role="coordinator", email="ana@example.org")
    client = client_for(city_a)
    response = post_form(client, "/login", {"email": value, "password": "x" * 12})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in html


def query_paths(world: dict[str, Any]) -> list[str]:
    programme = world["programme"]
    return [
        "/coordinator/applications/?q={}",
        "/coordinator/applications/?role={}",
        "/coordinator/people?q={}",
        f"/coordinator/events/{programme.event_id}/checkin?q={{}}",
        "/login?next={}",
        "/apply/?cohort={}",
    ]


@pytest.mark.parametrize("index", range(6))
def test_a_nul_in_a_query_string_is_a_danish_400(app, city_a, world, index):
    path = query_paths(world)[index]
    before = rows(app, city_a)
    response = world["client"].get(path.format("ana%00souza"))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert '<html lang="da"' in html
    assert BAD_ADDRESS in html
    assert rows(app, city_a) == before


def test_a_newline_in_a_search_is_just_a_search(world):
    response = world["client"].get("/coordinator/applications/?q=ana%0Asouza")
    assert response.status_code == 200
