"""A closed cohort is read-only: its events take no answers, nothing is edited."""

from __future__ import annotations

import pytest

from mentoring.events.models import Event, EventInvitation
from mentoring.programmes.models import Cohort
from tests.conftest import csrf_token
from tests.events.conftest import HX, load
from tests.events.test_coordinator_events import FORM, events_path


@pytest.fixture
def closed(app, programme, city_a, in_city, invite_all):
    """The programme's invitations are out; then its cohort is closed."""
    from mentoring.extensions import db

    invite_all(programme)
    with in_city(city_a):
        cohort = db.session.get(Cohort, programme.cohort_id)
        cohort.status = "closed"
    return programme


def an_invitation(app, city_a, programme):
    rows = load(app, city_a, EventInvitation, event_id=programme.event_id)
    return next(r for r in rows if r.participant_id == programme.mentee_ids[0])


def test_answers_to_a_closed_cohorts_event_are_refused(app, closed, city_a, signed_in):
    client = signed_in(city_a, closed.mentees[0])
    invitation = an_invitation(app, city_a, closed)
    page = client.get("/me/events/?lang=en").get_data(as_text=True)
    assert "The cohort is closed: its events take no more answers." in page
    assert 'name="answer"' not in page
    token = csrf_token(client, "/me/")
    path = f"/me/invitations/{invitation.id}/rsvp?lang=en"
    response = client.post(
        path, data={"answer": "yes", "next": "/me/events/", "csrf_token": token}
    )
    assert response.status_code == 302
    flashed = client.get("/me/events/?lang=en").get_data(as_text=True)
    assert "The cohort is closed: its events take no more answers." in flashed
    in_place = client.post(
        path, data={"answer": "no", "csrf_token": token}, headers=HX
    ).get_data(as_text=True)
    assert "The cohort is closed" in in_place and 'name="answer"' not in in_place
    assert an_invitation(app, city_a, closed).rsvp == invitation.rsvp


def test_a_closed_cohorts_events_cannot_be_edited_or_added(
    app, closed, city_a, signed_in
):
    client = signed_in(city_a, closed.coordinator)
    listing = client.get(f"{events_path(closed)}?lang=en").get_data(as_text=True)
    assert f"/coordinator/events/{closed.event_id}/edit" not in listing
    assert f"{events_path(closed)}/new" not in listing
    token = csrf_token(client, events_path(closed))
    edit = f"/coordinator/events/{closed.event_id}/edit"
    for path in (edit, f"{events_path(closed)}/new"):
        assert client.get(path).status_code == 302
        moved = {**FORM, "location": "Elsewhere", "csrf_token": token}
        response = client.post(path, data=moved)
        assert response.status_code == 302
        assert response.headers["Location"].endswith(events_path(closed))
    (event,) = load(app, city_a, Event, id=closed.event_id)
    assert event.location != "Elsewhere"
    assert len(load(app, city_a, Event, cohort_id=closed.cohort_id)) == 1
    page = client.get(f"{events_path(closed)}?lang=en").get_data(as_text=True)
    assert "The cohort is closed: its events can no longer be changed." in page


def test_a_closed_cohort_cannot_be_edited(app, closed, city_a, signed_in):
    client = signed_in(city_a, closed.coordinator)
    cohort_page = f"/coordinator/cohorts/{closed.cohort_id}"
    assert "/edit" not in client.get(f"{cohort_page}?lang=en").get_data(as_text=True)
    token = csrf_token(client, events_path(closed))
    (before,) = load(app, city_a, Cohort, id=closed.cohort_id)
    response = client.post(
        f"{cohort_page}/edit",
        data={"name": "Renamed", "starts_on": "2030-01-01", "csrf_token": token},
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(cohort_page)
    (after,) = load(app, city_a, Cohort, id=closed.cohort_id)
    assert (after.name, after.starts_on) == (before.name, before.starts_on)
    page = client.get(f"{cohort_page}?lang=en").get_data(as_text=True)
    assert "The cohort is closed: its details can no longer be changed." in page
