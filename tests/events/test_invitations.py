"""Sending invitations: the audience is invited once and e-mailed in their language."""

from __future__ import annotations

from mentoring.events.models import Event, EventInvitation
from tests.conftest import body_text, link_in
from tests.events.conftest import build_programme, load


def by_recipient(messages) -> dict[str, object]:
    return {m["To"].addresses[0].addr_spec: m for m in messages}


def test_sending_invites_everyone_and_mails_each_in_their_language(
    app, programme, city_a, invite_all, outbox
):
    response = invite_all(programme)
    assert response.status_code == 302
    invited = load(app, city_a, EventInvitation, event_id=programme.event_id)
    assert len(invited) == 4  # two mentees, two mentors
    assert all(i.invited_at and i.rsvp == "pending" for i in invited)
    (event,) = load(app, city_a, Event, id=programme.event_id)
    assert event.invitations_sent_at is not None

    mails = by_recipient(outbox())
    assert set(mails) == {*programme.mentees, *programme.mentors}
    english = mails[programme.mentees[0]]  # mentees read English
    assert english["Subject"] == f"Invitation: {event.title_en}"
    text = body_text(english)
    assert "You are invited to" in text and event.title_en in text
    assert "Lyngby Rådhus" in text
    assert link_in(english) == f"http://{city_a.subdomain}.localhost/me/events/"
    danish = mails[programme.mentors[0]]  # mentors read Danish
    assert event.title_da in danish["Subject"]
    assert event.title_da in body_text(danish)
    assert "Mød mentorerne." in body_text(danish)
    assert body_text(danish).startswith("Hej ")
    html = danish.get_body(preferencelist=("html",)).get_content()
    assert '<html lang="da">' in html


def test_the_audience_decides_who_is_invited(app, city_a, in_city, invite_all):
    programme = build_programme(city_a, in_city, audience="mentors")
    invite_all(programme)
    invited = load(app, city_a, EventInvitation, event_id=programme.event_id)
    assert sorted(i.participant_id for i in invited) == sorted(programme.mentor_ids)


def test_sending_again_invites_only_newcomers(
    app, programme, city_a, in_city, invite_all, outbox
):
    from mentoring.extensions import db
    from mentoring.programmes.models import Cohort
    from tests.factories import ParticipantFactory

    invite_all(programme)
    assert len(outbox()) == 4
    invite_all(programme)  # nothing new: no rows, no e-mails
    assert len(load(app, city_a, EventInvitation, event_id=programme.event_id)) == 4
    assert len(outbox()) == 4

    with in_city(city_a):
        cohort = db.session.scalar(
            db.select(Cohort).where(Cohort.id == programme.cohort_id)
        )
        newcomer = ParticipantFactory(cohort=cohort, user__role="mentee").user.email
    invite_all(programme)
    assert len(load(app, city_a, EventInvitation, event_id=programme.event_id)) == 5
    messages = outbox()
    assert len(messages) == 5
    assert messages[-1]["To"].addresses[0].addr_spec == newcomer


def test_another_city_cannot_send_the_invitations(
    app, programme, city_a, city_b, make_user, signed_in
):
    from tests.conftest import csrf_token

    client = signed_in(city_b, make_user(city_b, role="coordinator").email)
    token = csrf_token(client, "/coordinator/")
    response = client.post(
        f"/coordinator/events/{programme.event_id}/invite", data={"csrf_token": token}
    )
    assert response.status_code == 404
    assert load(app, city_a, EventInvitation, event_id=programme.event_id) == []


def test_an_event_title_with_a_line_break_is_still_invited(
    app, city_a, in_city, invite_all, outbox
):
    """Saved before one-line fields refused line breaks: every invitation
    failed to send while the coordinator was told they were sent."""
    programme = build_programme(city_a, in_city, title_en="Midway\nmeeting")
    assert invite_all(programme).status_code == 302
    assert len(load(app, city_a, EventInvitation, event_id=programme.event_id)) == 4
    mails = outbox()
    assert len(mails) == 4
    assert "Invitation: Midway meeting" in {m["Subject"] for m in mails}


def calendar_part(message):
    (part,) = [
        p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"
    ]
    return part


def test_each_invitation_carries_the_event_as_an_ics(
    app, programme, city_a, invite_all, outbox
):
    import icalendar

    invite_all(programme)
    mails = by_recipient(outbox())
    english = mails[programme.mentees[0]]
    part = calendar_part(english)
    assert part.get_param("method") == "REQUEST"
    assert part.get_filename() == "invitation.ics"
    assert body_text(english)  # the text and HTML bodies are still there
    cal = icalendar.Calendar.from_ical(part.get_content())
    assert cal["METHOD"] == "REQUEST"
    (event,) = cal.walk("VEVENT")
    assert event["UID"] == f"{programme.event_id}@localhost"
    assert str(event["SUMMARY"]).startswith("Kickoff")
    assert event["DTSTART"].params["TZID"] == city_a.timezone
    assert [z["TZID"] for z in cal.walk("VTIMEZONE")] == [city_a.timezone]
    assert event["ATTENDEE"] == f"mailto:{programme.mentees[0]}"
    assert event["ORGANIZER"].params["CN"] == city_a.name_en
    danish = calendar_part(mails[programme.mentors[0]]).get_content()
    (dansk,) = icalendar.Calendar.from_ical(danish).walk("VEVENT")
    assert str(dansk["SUMMARY"]).startswith("Opstart")


def test_the_stored_invitation_keeps_its_calendar_for_every_retry(
    app, programme, city_a, invite_all, outbox
):
    from mentoring.mail.models import CityEmail

    invite_all(programme)
    outbox()
    stored = load(app, city_a, CityEmail)
    assert len(stored) == 4
    assert all(e.calendar_ics.startswith("BEGIN:VCALENDAR") for e in stored)
