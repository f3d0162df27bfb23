"""A new time or place tells those invited; a cancel tells them and removes the
event from calendars, lists and reminders."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from mentoring.events.models import Event, EventInvitation
from tests.conftest import body_text, csrf_token
from tests.events.conftest import load
from tests.events.test_calendars import FEED_RE
from tests.events.test_coordinator_events import FORM


def recipients(messages) -> set[str]:
    return {m["To"].addresses[0].addr_spec for m in messages}


def calendar_of(message) -> str:
    [part] = [
        p for p in message.iter_attachments() if p.get_content_subtype() == "calendar"
    ]
    return part.get_content()


def say_no(app, city_a, in_city, programme, participant_id) -> None:
    from mentoring.extensions import db

    with in_city(city_a):
        invitation = db.session.scalar(
            db.select(EventInvitation).filter_by(
                event_id=programme.event_id, participant_id=participant_id
            )
        )
        invitation.rsvp = "no"


def edit_form(app, city_a, programme, **changes) -> dict:
    (event,) = load(app, city_a, Event, id=programme.event_id)
    local = event.starts_at.astimezone(ZoneInfo(city_a.timezone))
    same = {
        **FORM,
        "kind": event.kind,
        "title_en": event.title_en,
        "title_da": event.title_da,
        "description_en": event.description_en,
        "description_da": event.description_da,
        "location": event.location,
        "audience": event.audience,
        "day": local.date().isoformat(),
        "starts": local.strftime("%H:%M"),
        "ends": (local + (event.ends_at - event.starts_at)).strftime("%H:%M"),
    }
    return {**same, **changes}


def test_a_new_place_tells_the_invited_but_not_those_who_said_no(
    app, programme, city_a, in_city, invite_all, signed_in, outbox
):
    invite_all(programme)
    assert len(outbox()) == 4
    say_no(app, city_a, in_city, programme, programme.mentor_ids[0])
    client = signed_in(city_a, programme.coordinator)
    path = f"/coordinator/events/{programme.event_id}/edit"
    data = edit_form(app, city_a, programme, location="DTU Lyngby")
    response = client.post(path, data={**data, "csrf_token": csrf_token(client, path)})
    assert response.status_code == 302
    changed = outbox()[4:]
    assert recipients(changed) == {*programme.mentees, programme.mentors[1]}
    by = {m["To"].addresses[0].addr_spec: m for m in changed}
    english, danish = by[programme.mentees[0]], by[programme.mentors[1]]
    assert english["Subject"].startswith("Changed: ")
    assert "DTU Lyngby" in body_text(english)
    assert danish["Subject"].startswith("Ændret: ")
    ics = calendar_of(english)
    assert "METHOD:REQUEST" in ics and "SEQUENCE:1" in ics and "DTU Lyngby" in ics


def test_a_new_title_alone_tells_no_one(
    app, programme, city_a, invite_all, signed_in, outbox
):
    invite_all(programme)
    assert len(outbox()) == 4
    client = signed_in(city_a, programme.coordinator)
    path = f"/coordinator/events/{programme.event_id}/edit"
    data = edit_form(app, city_a, programme, title_en="Kickoff evening")
    client.post(path, data={**data, "csrf_token": csrf_token(client, path)})
    assert len(outbox()) == 4


def cancel(client, programme):
    path = f"/coordinator/events/{programme.event_id}/cancel"
    return client.post(path, data={"csrf_token": csrf_token(client, path)})


def test_cancelling_tells_the_invited_and_calendars_show_it_cancelled(
    app, programme, city_a, in_city, invite_all, signed_in, outbox
):
    invite_all(programme)
    assert len(outbox()) == 4
    say_no(app, city_a, in_city, programme, programme.mentee_ids[1])
    coordinator = signed_in(city_a, programme.coordinator)
    page = coordinator.get(f"/coordinator/events/{programme.event_id}/cancel?lang=en")
    assert "3 people invited who did not say no get an e-mail" in page.get_data(
        as_text=True
    )
    assert cancel(coordinator, programme).status_code == 302
    assert cancel(coordinator, programme).status_code == 200  # twice: nothing more
    told = outbox()[4:]
    assert recipients(told) == {programme.mentees[0], *programme.mentors}
    english = next(
        m for m in told if m["To"].addresses[0].addr_spec == programme.mentees[0]
    )
    assert english["Subject"].startswith("Cancelled: ")
    ics = calendar_of(english)
    assert "METHOD:CANCEL" in ics and "STATUS:CANCELLED" in ics
    (event,) = load(app, city_a, Event, id=programme.event_id)
    assert event.cancelled_at is not None and event.sequence == 1

    mentee = signed_in(city_a, programme.mentees[0])
    html = mentee.get("/me/events/").get_data(as_text=True)
    assert event.title_en not in html  # gone from the coming events
    token = csrf_token(mentee, "/me/events/")
    made = mentee.post("/me/calendar", data={"csrf_token": token})
    [(_url, secret)] = FEED_RE.findall(made.get_data(as_text=True))
    feed = mentee.get(f"/calendar/{secret}.ics").get_data(as_text=True)
    assert "STATUS:CANCELLED" in feed and event.title_en in feed
    ics = coordinator.get(f"/events/{programme.event_id}.ics").get_data(as_text=True)
    assert "STATUS:CANCELLED" in ics
    assert (
        coordinator.get(f"/coordinator/events/{programme.event_id}/edit").status_code
        == 404
    )


def test_a_cancelled_event_gets_no_reminder(
    app, programme, city_a, invite_all, signed_in, outbox, clock
):
    from mentoring.events.jobs import enqueue_due_reminders
    from mentoring.extensions import db

    invite_all(programme)
    assert len(outbox()) == 4
    cancel(signed_in(city_a, programme.coordinator), programme)
    assert len(outbox()) == 8
    (event,) = load(app, city_a, Event, id=programme.event_id)
    with app.app_context():
        assert enqueue_due_reminders(event.starts_at - timedelta(hours=24)) == 0
        db.session.commit()
    assert len(outbox()) == 8


def test_only_the_citys_coordinators_cancel(
    app, programme, city_a, city_b, make_user, signed_in
):
    path = f"/coordinator/events/{programme.event_id}/cancel"
    other = signed_in(city_b, make_user(city_b, role="coordinator").email)
    assert other.get(path).status_code == 404
    mentee = signed_in(city_a, programme.mentees[0])
    assert mentee.get(path).status_code == 403
    token = csrf_token(mentee, "/me/events/")
    assert mentee.post(path, data={"csrf_token": token}).status_code == 403
    (event,) = load(app, city_a, Event, id=programme.event_id)
    assert event.cancelled_at is None
