"""Reminders two days before, driven by the database under a controlled clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from mentoring.events.models import EventInvitation
from tests.conftest import body_text
from tests.events.conftest import load
from tests.mail.helpers import tick

NOW = datetime(2030, 1, 9, 6, 0, tzinfo=UTC)


def run_reminders(app, now=NOW) -> int:
    """The tick's part for reminders, at ``now``; jobs run after the commit."""
    from mentoring.events.jobs import enqueue_due_reminders
    from mentoring.extensions import db

    with app.app_context():
        count = enqueue_due_reminders(now)
        db.session.commit()
    return count


def invitation(tenant, in_city, hours: float, **kw):
    """An invitation to an event starting ``hours`` after NOW."""
    from tests.events.factories import EventFactory, InvitationFactory

    start = NOW + timedelta(hours=hours)
    with in_city(tenant):
        event = EventFactory(
            starts_at=start, ends_at=start + timedelta(hours=2), title_en=f"In {hours}h"
        )
        row = InvitationFactory(
            event=event, **{"participant__user__locale": "en", **kw}
        )
        return row.id, row.participant.user.email


@pytest.fixture
def due_and_not(city_a, in_city):
    return {
        "in_30h": invitation(city_a, in_city, 30),
        "in_47h_maybe": invitation(city_a, in_city, 47, rsvp="maybe"),
        "in_30h_said_no": invitation(city_a, in_city, 30, rsvp="no"),
        "in_72h": invitation(city_a, in_city, 72),
        "started": invitation(city_a, in_city, -1),
    }


def test_only_invitations_within_48_hours_and_not_declined_are_reminded(
    app, city_a, due_and_not, outbox
):
    assert run_reminders(app) == 2
    sent = {m["To"].addresses[0].addr_spec: m for m in outbox()}
    assert set(sent) == {due_and_not["in_30h"][1], due_and_not["in_47h_maybe"][1]}
    message = sent[due_and_not["in_30h"][1]]
    assert message["Subject"] == "Reminder: In 30h"
    assert "Thursday, 10 January 2030, 13:00–15:00" in body_text(message)  # local
    assert "/me/events/" in body_text(message)
    assert list(message.iter_attachments()) == []  # the .ics came with the invitation
    for name, (invitation_id, _email) in due_and_not.items():
        (row,) = load(app, city_a, EventInvitation, id=invitation_id)
        assert (row.reminded_at is not None) == (name in ("in_30h", "in_47h_maybe"))


def test_a_repeated_run_sends_nothing_twice(app, city_a, due_and_not, outbox):
    """A second tick before the jobs ran enqueues again (with Redis): the
    claim lets only one job per invitation send."""
    from mentoring.events.jobs import send_event_reminder

    assert run_reminders(app) == 2
    run_reminders(app)
    assert len(outbox()) == 2  # runs the queued jobs (a worker with Redis)
    assert run_reminders(app) == 0
    assert run_reminders(app, NOW + timedelta(hours=1)) == 0
    invitation_id = due_and_not["in_30h"][0]
    with app.app_context():
        result = send_event_reminder(
            str(city_a.id), str(invitation_id), NOW.isoformat()
        )
    assert result == "skipped"  # a job that runs twice claims nothing
    assert len(outbox()) == 2


def test_a_missed_tick_catches_up_until_the_event_starts(app, city_a, in_city, outbox):
    invitation(city_a, in_city, 30)
    assert run_reminders(app, NOW - timedelta(days=3)) == 0  # too early
    assert run_reminders(app, NOW + timedelta(hours=31)) == 0  # too late: started
    assert run_reminders(app, NOW + timedelta(hours=20)) == 1  # late, still before
    assert len(outbox()) == 1


def test_a_job_rechecks_the_event_when_it_runs(app, city_a, in_city, outbox):
    """Moved to next week between tick and job: no reminder now."""
    from mentoring.events.jobs import send_event_reminder

    invitation_id, _ = invitation(city_a, in_city, 30)
    later = (NOW + timedelta(days=7)).isoformat()
    with app.app_context():
        assert send_event_reminder(str(city_a.id), str(invitation_id), later) == (
            "skipped"
        )
    assert load(app, city_a, EventInvitation, id=invitation_id)[0].reminded_at is None


def test_reminders_reach_every_city_each_in_its_own_language(
    app, city_a, city_b, in_city, outbox
):
    invitation(city_a, in_city, 30)
    _id, danish = invitation(city_b, in_city, 40, participant__user__locale="da")
    assert run_reminders(app) == 2
    sent = {m["To"].addresses[0].addr_spec: m for m in outbox()}
    html = sent[danish].get_body(preferencelist=("html",)).get_content()
    assert '<html lang="da">' in html
    assert "januar 2030" in body_text(sent[danish])  # the date in Danish
    assert body_text(sent[danish]).startswith("Hej ")  # a job speaks Danish too


def test_the_tick_command_enqueues_due_reminders(app, city_a, in_city, outbox):
    from mentoring.core.models import utcnow
    from tests.events.factories import EventFactory, InvitationFactory

    with in_city(city_a):
        start = utcnow() + timedelta(hours=30)
        event = EventFactory(starts_at=start, ends_at=start + timedelta(hours=1))
        email = InvitationFactory(event=event).participant.user.email
    assert "event_reminders: 1" in tick(app)
    tick(app)  # before the job ran (Redis): due again, claimed once
    assert [m["To"].addresses[0].addr_spec for m in outbox()] == [email]
    assert "event_reminders: 0" in tick(app)
