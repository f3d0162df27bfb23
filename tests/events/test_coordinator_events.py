"""The coordinator's events of a cohort: list, create, edit (and its checks)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from mentoring.events.models import Event
from tests.conftest import csrf_token
from tests.core.test_pages import assert_accessible
from tests.events.conftest import build_programme, load

FORM = {
    "kind": "midway",
    "title_en": "Midway meeting",
    "title_da": "Midtvejsmøde",
    "day": "2026-03-05",
    "starts": "17:00",
    "ends": "19:30",
    "location": "Lyngby Rådhus, Lyngby Torv 17",
    "audience": "both",
    "description_en": "How is it going?",
    "description_da": "Hvordan går det?",
}


def events_path(programme) -> str:
    return f"/coordinator/cohorts/{programme.cohort_id}/events"


@pytest.mark.parametrize("lang", ["en", "da"])
def test_the_events_list_shows_each_event_with_its_actions(
    programme, city_a, signed_in, lang
):
    client = signed_in(city_a, programme.coordinator)
    response = client.get(f"{events_path(programme)}?lang={lang}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert_accessible(html, "events list")
    title = "Kickoff" if lang == "en" else "Opstart"
    assert f'<th scope="row">{title} ' in html
    assert f"/coordinator/events/{programme.event_id}/checkin" in html
    assert f"/events/{programme.event_id}.ics" in html
    if lang == "en":
        assert "Send invitations" in html


def test_a_coordinator_creates_an_event_in_local_time(
    app, programme, city_a, signed_in
):
    client = signed_in(city_a, programme.coordinator)
    path = f"{events_path(programme)}/new"
    data = {**FORM, "csrf_token": csrf_token(client, path)}
    response = client.post(path, data=data)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(events_path(programme))
    (event,) = load(app, city_a, Event, title_en="Midway meeting")
    # Copenhagen is UTC+1 in March: 17:00 local is 16:00 UTC.
    assert event.starts_at == datetime(2026, 3, 5, 16, 0, tzinfo=UTC)
    assert event.ends_at == datetime(2026, 3, 5, 18, 30, tzinfo=UTC)
    assert (event.title_da, event.kind, event.sequence) == ("Midtvejsmøde", "midway", 0)
    assert event.description_da == "Hvordan går det?"


@pytest.mark.parametrize("lang", ["en", "da"])
def test_bad_input_gets_translated_errors_and_saves_nothing(
    app, programme, city_a, signed_in, lang
):
    client = signed_in(city_a, programme.coordinator)
    path = f"{events_path(programme)}/new?lang={lang}"
    bad = {**FORM, "title_da": "", "ends": "16:00", "title_en": "Broken"}
    response = client.post(path, data={**bad, "csrf_token": csrf_token(client, path)})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'<html lang="{lang}"' in html
    assert_accessible(html, "event form with errors")
    assert 'id="title_da-error"' in html
    assert 'id="ends-error"' in html
    if lang == "en":
        assert "Write a title in Danish." in html
        assert "The event must end after it starts." in html
    assert load(app, city_a, Event, title_en="Broken") == []


def test_editing_bumps_the_sequence_only_when_something_changes(
    app, programme, city_a, signed_in
):
    client = signed_in(city_a, programme.coordinator)
    path = f"/coordinator/events/{programme.event_id}/edit"
    html = client.get(path).get_data(as_text=True)
    assert 'value="Lyngby Rådhus"' in html  # the form shows the event as it is
    (before,) = load(app, city_a, Event, id=programme.event_id)
    local = before.starts_at.astimezone(ZoneInfo(city_a.timezone))
    same = {
        **FORM,
        "kind": before.kind,
        "title_en": before.title_en,
        "title_da": before.title_da,
        "description_en": before.description_en,
        "description_da": before.description_da,
        "location": before.location,
        "day": local.date().isoformat(),
        "starts": local.strftime("%H:%M"),
        "ends": (local + (before.ends_at - before.starts_at)).strftime("%H:%M"),
    }
    client.post(path, data={**same, "csrf_token": csrf_token(client, path)})
    assert load(app, city_a, Event, id=programme.event_id)[0].sequence == 0
    moved = {**same, "location": "DTU Lyngby", "csrf_token": csrf_token(client, path)}
    assert client.post(path, data=moved).status_code == 302
    (after,) = load(app, city_a, Event, id=programme.event_id)
    assert (after.location, after.sequence) == ("DTU Lyngby", 1)


def test_another_citys_coordinator_gets_404_and_participants_403(
    programme, city_a, city_b, make_user, signed_in
):
    other = signed_in(city_b, make_user(city_b, role="coordinator").email)
    assert other.get(events_path(programme)).status_code == 404
    assert (
        other.get(f"/coordinator/events/{programme.event_id}/edit").status_code == 404
    )
    assert (
        other.get(f"/coordinator/events/{programme.event_id}/checkin").status_code
        == 404
    )
    assert other.get("/coordinator/cohorts/not-an-id/events").status_code == 404
    mentee = signed_in(city_a, programme.mentees[0])
    assert mentee.get(events_path(programme)).status_code == 403


def test_the_events_list_runs_a_fixed_number_of_queries(
    city_a, in_city, signed_in, count_queries
):
    from tests.events.factories import EventFactory, InvitationFactory
    from tests.factories import CohortFactory

    small = build_programme(city_a, in_city)
    client = signed_in(city_a, small.coordinator)

    def queries() -> int:
        client.get(events_path(small))
        with count_queries() as counter:
            assert client.get(events_path(small)).status_code == 200
        return counter.count

    few = queries()
    with in_city(city_a):
        from mentoring.extensions import db
        from mentoring.programmes.models import Cohort

        cohort = db.session.scalar(
            db.select(Cohort).where(Cohort.id == small.cohort_id)
        )
        for _ in range(10):
            InvitationFactory.create_batch(3, event=EventFactory(cohort=cohort))
        CohortFactory()  # another cohort's data stays out of the count
    assert queries() == few
