"""Invitations and reminders under a controlled clock: due, missed, repeated."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import body_text
from tests.surveys.conftest import (
    NOW,
    build_cohort,
    by_recipient,
    invitations,
    tick,
)


def test_a_closed_cohort_invites_mentees_and_mentors_in_their_language(
    app, city_a, closed, outbox
):
    assert tick(app) == 2
    sent = by_recipient(outbox())
    assert set(sent) == {closed.mentee, closed.mentor}
    (mentee,) = sent[closed.mentee]
    assert mentee["Subject"] == "How was the mentoring programme? A few questions"
    assert "Evaluation of the mentoring programme: http" in body_text(mentee)
    assert "/s/" in body_text(mentee)
    (mentor,) = sent[closed.mentor]
    assert "Evaluering for mentorer: http" in body_text(mentor)  # Danish
    rows = {r.survey_key: r for r in invitations(app, city_a)}
    assert set(rows) == {"mentee_end", "mentor_end"}
    assert rows["mentee_end"].participant_id == closed.mentee_id
    assert rows["mentee_end"].sent_at == NOW


def test_a_repeated_run_sends_nothing_twice(app, city_a, closed, outbox):
    from mentoring.surveys.jobs import send_survey_invitation

    tick(app)
    tick(app)  # before the jobs ran (with Redis): the unique key stops the second
    assert len(outbox()) == 2
    assert tick(app) == 0
    assert tick(app, NOW + timedelta(hours=5)) == 0
    with app.app_context():
        again = send_survey_invitation(
            str(city_a.id), str(closed.mentee_id), "mentee_end", NOW.isoformat()
        )
    assert again == "skipped"
    assert len(outbox()) == 2
    assert len(invitations(app, city_a)) == 2


def test_a_missed_run_catches_up_but_old_cohorts_are_left_alone(
    app, city_a, in_city, outbox
):
    late = build_cohort(city_a, in_city, ends_on=(NOW - timedelta(days=30)).date())
    build_cohort(city_a, in_city, ends_on=(NOW - timedelta(days=120)).date())
    assert tick(app) == 2
    assert set(by_recipient(outbox())) == {late.mentee, late.mentor}


def test_nothing_is_due_while_the_cohort_runs(app, city_a, in_city, outbox):
    build_cohort(city_a, in_city, status="running")
    assert tick(app) == 0
    assert outbox() == []


def test_the_follow_up_goes_to_mentees_182_days_after_the_end(
    app, city_a, in_city, outbox
):
    ended = (NOW - timedelta(days=200)).date()
    cohort = build_cohort(city_a, in_city, ends_on=ended)
    start = NOW - timedelta(days=200) + timedelta(days=181)
    assert tick(app, start) == 0  # end surveys are past their catch-up window
    assert tick(app, start + timedelta(days=1)) == 1
    (message,) = outbox()
    assert message["To"].addresses[0].addr_spec == cohort.mentee
    assert message["Subject"] == "Six months on: where are you now?"
    (row,) = invitations(app, city_a)
    assert row.survey_key == "mentee_followup"


def test_the_midway_check_in_follows_the_midway_meeting(app, city_a, in_city, outbox):
    from mentoring.extensions import db
    from mentoring.programmes.models import Cohort
    from tests.events.factories import EventFactory

    cohort = build_cohort(city_a, in_city, status="running")
    with in_city(city_a):
        row = db.session.scalar(db.select(Cohort).where(Cohort.id == cohort.id))
        EventFactory(cohort=row, kind="midway", starts_at=NOW + timedelta(hours=2))
    assert tick(app) == 0
    assert tick(app, NOW + timedelta(hours=3)) == 2
    assert set(by_recipient(outbox())) == {cohort.mentee, cohort.mentor}
    assert {r.survey_key for r in invitations(app, city_a)} == {"midway"}


def test_reminders_after_7_and_14_days_until_answered(app, city_a, closed, outbox):
    tick(app)
    outbox()
    assert tick(app, NOW + timedelta(days=6)) == 0
    assert tick(app, NOW + timedelta(days=7)) == 2
    reminders = outbox()[2:]  # with Redis: the worker runs the jobs now
    assert tick(app, NOW + timedelta(days=8)) == 0  # 7-day reminder claimed
    assert len(reminders) == 2
    assert reminders[0]["Subject"] == "Reminder: your answers help the programme"
    _complete(app, city_a, closed.mentor_id)
    assert tick(app, NOW + timedelta(days=14)) == 1
    assert set(by_recipient(outbox()[4:])) == {closed.mentee}
    assert tick(app, NOW + timedelta(days=30)) == 0
    assert len(outbox()) == 5
    (mentee,) = invitations(app, city_a, participant_id=closed.mentee_id)
    assert mentee.reminded_7_at == NOW + timedelta(days=7)
    assert mentee.reminded_14_at == NOW + timedelta(days=14)


def test_after_a_missed_fortnight_only_one_reminder_goes(app, city_a, closed, outbox):
    from mentoring.surveys.jobs import send_survey_reminder

    tick(app)
    outbox()
    assert tick(app, NOW + timedelta(days=15)) == 2
    assert len(outbox()) == 4  # two invitations, one reminder each
    (row,) = invitations(app, city_a, participant_id=closed.mentee_id)
    assert row.reminded_7_at is None and row.reminded_14_at is not None
    with app.app_context():
        later = (NOW + timedelta(days=16)).isoformat()
        assert send_survey_reminder(str(city_a.id), str(row.id), later) == "skipped"


def _complete(app, tenant, participant_id) -> None:
    from mentoring.core.scoping import set_tenant
    from mentoring.extensions import db
    from mentoring.surveys.models import SurveyInvitation
    from mentoring.surveys.services import complete

    with app.app_context():
        set_tenant(db.session, tenant.id)
        row = db.session.scalar(
            db.select(SurveyInvitation).where(
                SurveyInvitation.participant_id == participant_id
            )
        )
        complete(row)
        db.session.commit()
