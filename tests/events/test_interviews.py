"""The job-interview session: slots, one booking per mentee, never with one's
own mentor, and feedback only the mentee, its writer and coordinators read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.exc import IntegrityError

from mentoring.events.models import InterviewSlot
from tests.conftest import csrf_token
from tests.core.test_pages import assert_accessible
from tests.events.conftest import build_programme, load


@pytest.fixture
def session(city_a, in_city):
    """An interview session in five days, with two pairs."""
    return build_programme(city_a, in_city, kind="interview_session")


def open_slots(client, session, interviewer, starts="14:00", count=2):
    path = f"/coordinator/events/{session.event_id}/slots"
    data = {
        "interviewer": str(interviewer),
        "starts": starts,
        "minutes": "20",
        "count": str(count),
        "csrf_token": csrf_token(client, path),
    }
    return client.post(f"{path}?lang=en", data=data)


@pytest.fixture
def slots(app, session, city_a, signed_in):
    """Two slots with each mentor; returns {mentor participant id: [slot ids]}."""
    coordinator = signed_in(city_a, session.coordinator)
    for mentor in session.mentor_ids:
        assert open_slots(coordinator, session, mentor).status_code == 302
    rows = load(app, city_a, InterviewSlot, event_id=session.event_id)
    by_mentor: dict = {}
    for row in sorted(rows, key=lambda r: r.starts_at):
        by_mentor.setdefault(row.interviewer_id, []).append(row.id)
    return by_mentor


def book(client, session, slot_id, lang="en"):
    path = f"/me/events/{session.event_id}/interview"
    token = csrf_token(client, path)
    response = client.post(
        f"{path}/book", data={"slot": str(slot_id), "csrf_token": token}
    )
    assert response.status_code == 302
    return client.get(f"{path}?lang={lang}").get_data(as_text=True)


def test_the_coordinator_opens_slots_in_local_time_once(
    app, session, city_a, signed_in
):
    from mentoring.events.models import Event

    client = signed_in(city_a, session.coordinator)
    response = open_slots(client, session, session.mentor_ids[0], "14:00", count=3)
    assert response.status_code == 302
    open_slots(client, session, session.mentor_ids[0], "14:20", count=3)  # overlaps
    rows = sorted(
        load(app, city_a, InterviewSlot, event_id=session.event_id),
        key=lambda r: r.starts_at,
    )
    assert len(rows) == 4  # 14:00, 14:20, 14:40 and then 15:00
    (event,) = load(app, city_a, Event, id=session.event_id)
    zone = ZoneInfo(city_a.timezone)
    local = [r.starts_at.astimezone(zone) for r in rows]
    assert [t.strftime("%H:%M") for t in local] == ["14:00", "14:20", "14:40", "15:00"]
    assert {t.date() for t in local} == {event.starts_at.astimezone(zone).date()}
    assert all(r.ends_at - r.starts_at == timedelta(minutes=20) for r in rows)
    html = client.get(f"/coordinator/events/{session.event_id}/slots?lang=en")
    assert_accessible(html.get_data(as_text=True), "slots")


def test_interviewers_are_the_cohorts_mentors_only(
    app, session, city_a, in_city, signed_in
):
    from tests.factories import ParticipantFactory

    with in_city(city_a):
        outsider = ParticipantFactory(user__role="mentor").id  # another cohort
    client = signed_in(city_a, session.coordinator)
    response = open_slots(client, session, outsider)
    assert response.status_code == 200  # the form again, with its error
    assert 'id="interviewer-error"' in response.get_data(as_text=True)
    assert load(app, city_a, InterviewSlot, event_id=session.event_id) == []


def test_slots_belong_to_an_interview_session_only(programme, city_a, signed_in):
    client = signed_in(city_a, programme.coordinator)
    path = f"/coordinator/events/{programme.event_id}/slots"  # a kickoff
    assert client.get(path).status_code == 404
    mentee = signed_in(city_a, programme.mentees[0])
    assert mentee.get(f"/me/events/{programme.event_id}/interview").status_code == 404


@pytest.mark.parametrize("lang", ["en", "da"])
def test_a_mentee_cannot_book_their_own_mentor(
    app, session, city_a, slots, signed_in, lang
):
    client = signed_in(city_a, session.mentees[0])
    page = client.get(f"/me/events/{session.event_id}/interview?lang={lang}")
    html = page.get_data(as_text=True)
    assert_accessible(html, "interview booking")
    own = slots[session.mentor_ids[0]]
    assert all(str(s) not in html for s in own)  # not even offered
    assert all(str(s) in html for s in slots[session.mentor_ids[1]])

    html = book(client, session, own[0], lang)
    assert f'<html lang="{lang}"' in html
    assert 'class="flash flash--error"' in html
    if lang == "en":
        assert "Please choose an interviewer who is not your own mentor." in html
    assert load(app, city_a, InterviewSlot, id=own[0])[0].mentee_id is None


def test_a_mentee_books_one_slot_only(app, session, city_a, slots, signed_in):
    client = signed_in(city_a, session.mentees[0])
    first, second = slots[session.mentor_ids[1]]
    html = book(client, session, first)
    assert "Your practice interview is booked." in html
    assert "Mentor 2 Person" in html and "Cancel my booking" in html
    (row,) = load(app, city_a, InterviewSlot, id=first)
    assert row.mentee_id == session.mentee_ids[0] and row.booked_at

    html = book(client, session, second)
    assert "You have already booked a slot." in html
    assert load(app, city_a, InterviewSlot, id=second)[0].mentee_id is None


def test_a_taken_slot_cannot_be_booked_again(app, session, city_a, slots, signed_in):
    taken = slots[session.mentor_ids[1]][0]
    book(signed_in(city_a, session.mentees[0]), session, taken)
    other = signed_in(city_a, session.mentees[1])
    html = book(other, session, slots[session.mentor_ids[0]][0])  # not their mentor
    assert "Your practice interview is booked." in html
    (row,) = load(app, city_a, InterviewSlot, id=taken)
    assert row.mentee_id == session.mentee_ids[0]


def test_the_database_allows_one_slot_per_mentee(app, session, city_a, slots):
    from mentoring.core.scoping import set_tenant
    from mentoring.extensions import db

    a, b = slots[session.mentor_ids[1]]
    with app.app_context():
        set_tenant(db.session, city_a.id)
        rows = db.session.scalars(
            db.select(InterviewSlot).where(InterviewSlot.id.in_([a, b]))
        ).all()
        for row in rows:
            row.mentee_id = session.mentee_ids[0]
        with pytest.raises(IntegrityError):
            db.session.flush()
        db.session.rollback()


def test_a_mentee_cancels_before_the_session_not_after(
    app, session, city_a, in_city, slots, signed_in
):
    from mentoring.events.models import Event
    from mentoring.extensions import db

    client = signed_in(city_a, session.mentees[0])
    slot_id = slots[session.mentor_ids[1]][0]
    book(client, session, slot_id)
    path = f"/me/events/{session.event_id}/interview"
    token = csrf_token(client, path)
    client.post(f"{path}/cancel", data={"csrf_token": token})
    assert load(app, city_a, InterviewSlot, id=slot_id)[0].mentee_id is None

    book(client, session, slot_id)
    with in_city(city_a):
        event = db.session.scalar(db.select(Event).where(Event.id == session.event_id))
        event.starts_at = datetime.now(UTC) - timedelta(minutes=5)
    client.post(f"{path}/cancel", data={"csrf_token": token})
    assert load(app, city_a, InterviewSlot, id=slot_id)[0].mentee_id is not None
    html = client.get(f"{path}?lang=en").get_data(as_text=True)
    assert "Cancel my booking" not in html


@pytest.fixture
def booked(session, city_a, slots, signed_in):
    """Mentee 1 has booked mentor 2; returns the slot's id."""
    slot_id = slots[session.mentor_ids[1]][0]
    book(signed_in(city_a, session.mentees[0]), session, slot_id)
    return slot_id


def write_feedback(client, slot_id, text):
    path = f"/interviews/{slot_id}"
    token = csrf_token(client, path)
    return client.post(f"{path}?lang=en", data={"feedback": text, "csrf_token": token})


def test_the_interviewer_writes_feedback_the_mentee_reads_it(
    app, session, city_a, booked, signed_in
):
    interviewer = signed_in(city_a, session.mentors[1])
    page = interviewer.get(f"/me/events/{session.event_id}/interview?lang=en")
    assert "Mentee 1 Person" in page.get_data(as_text=True)
    assert write_feedback(interviewer, booked, "").status_code == 200  # required
    response = write_feedback(interviewer, booked, "Clear answers.\nPractise salary.")
    assert response.status_code == 302
    own_view = interviewer.get(f"/interviews/{booked}").get_data(as_text=True)
    assert "Clear answers." in own_view  # the writer reads what they wrote

    mentee = signed_in(city_a, session.mentees[0])
    html = mentee.get(f"/interviews/{booked}?lang=en").get_data(as_text=True)
    assert_accessible(html, "feedback")
    assert "Clear answers.\nPractise salary." in html
    assert "<textarea" not in html
    coordinator = signed_in(city_a, session.coordinator)
    html = coordinator.get(f"/interviews/{booked}").get_data(as_text=True)
    assert "Practise salary." in html
    slots_page = coordinator.get(f"/coordinator/events/{session.event_id}/slots")
    assert f"/interviews/{booked}" in slots_page.get_data(as_text=True)


def test_nobody_else_reads_or_writes_the_feedback(
    app, session, city_a, city_b, booked, signed_in, make_user
):
    write_feedback(signed_in(city_a, session.mentors[1]), booked, "Private words")
    path = f"/interviews/{booked}"
    for email in (session.mentees[1], session.mentors[0]):
        assert signed_in(city_a, email).get(path).status_code == 404, email
    stranger = signed_in(city_b, make_user(city_b, role="coordinator").email)
    assert stranger.get(path).status_code == 404
    mentee = signed_in(city_a, session.mentees[0])
    assert write_feedback(mentee, booked, "I was great").status_code == 404
    assert load(app, city_a, InterviewSlot, id=booked)[0].feedback == "Private words"
