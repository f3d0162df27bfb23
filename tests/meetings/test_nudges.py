"""Quiet pairs under a controlled clock: nudged at N weeks, the coordinators
alerted at 2N; each reminder once, a missed run catches up, a meeting restarts
the count."""

from __future__ import annotations

from datetime import timedelta

from mentoring.extensions import db
from mentoring.meetings.jobs import enqueue_due_nudges, send_pair_reminders
from mentoring.meetings.models import Meeting, PairReminder
from tests.conftest import body_text
from tests.factories import UserFactory
from tests.mail.helpers import tick
from tests.meetings.conftest import START, day, long_date, make_cohort, paired, rows


def run(app, run_jobs, day: int) -> int:
    """The tick as on day ``day`` of the cohort; then the jobs it enqueued."""
    with app.app_context():
        owed = enqueue_due_nudges(START + timedelta(days=day))
        db.session.commit()
    run_jobs()
    return owed


def add_meeting(app, in_city, tenant, pair_id, day: int) -> None:
    with in_city(tenant):
        db.session.add(
            Meeting(
                pair_id=pair_id,
                held_on=START + timedelta(days=day),
                duration_minutes=60,
            )
        )


def test_a_pair_quiet_for_n_weeks_is_nudged_both_sides_in_their_language(
    app, city_a, in_city, cohort_a, outbox, run_jobs
):
    pair_id = paired(city_a, in_city, cohort_a, 0)
    assert run(app, run_jobs, 20) == 0
    assert outbox() == []

    assert run(app, run_jobs, 21) == 1
    mail = {m["To"]: m for m in outbox()}
    assert set(mail) == {cohort_a.mentees[0][1], cohort_a.mentors[0][1]}
    to_mentee, to_mentor = mail[cohort_a.mentees[0][1]], mail[cohort_a.mentors[0][1]]
    assert to_mentee["Subject"] == "Time for a meeting?"
    assert to_mentee["Content-Language"] == "en"
    text = body_text(to_mentee)
    assert "You and Mentor 0 lyngby-taarbaek have not logged a meeting since" in text
    assert long_date(START, "en") in text
    assert f"/pairs/{pair_id}" in text
    assert to_mentor["Content-Language"] == "da"
    assert to_mentor["Subject"] == "Tid til et møde?"
    assert long_date(START, "da") in body_text(to_mentor)
    [reminder] = rows(app, city_a, PairReminder)
    assert (reminder.pair_id, reminder.kind, reminder.since) == (
        pair_id,
        "nudge",
        START,
    )


def test_a_repeated_run_sends_nothing_twice(
    app, city_a, in_city, cohort_a, outbox, run_jobs
):
    paired(city_a, in_city, cohort_a, 0)
    run(app, run_jobs, 22)
    assert len(outbox()) == 2
    assert run(app, run_jobs, 22) == 0
    assert run(app, run_jobs, 30) == 0
    assert len(outbox()) == 2
    # Even a job run twice by hand claims nothing twice.
    with app.app_context():
        assert (
            send_pair_reminders(
                str(city_a.id), (START + timedelta(days=30)).isoformat()
            )
            == 0
        )
    assert len(rows(app, city_a, PairReminder)) == 1


def test_at_twice_n_weeks_the_citys_coordinators_are_alerted(
    app, city_a, city_b, in_city, cohort_a, outbox, run_jobs
):
    pair_id = paired(city_a, in_city, cohort_a, 0)
    with in_city(city_a):
        second = UserFactory(role="coordinator", locale="da").email
    people_b = make_cohort(city_b, in_city, size=1)
    run(app, run_jobs, 21)
    outbox()
    assert run(app, run_jobs, 41) == 0
    assert run(app, run_jobs, 42) == 1
    mail = outbox()[2:]  # the outbox keeps the nudges
    alerts = {m["To"]: m for m in mail}
    assert set(alerts) == {cohort_a.coordinator, second}
    assert people_b.coordinator not in alerts
    text = body_text(alerts[cohort_a.coordinator])
    assert (
        alerts[cohort_a.coordinator]["Subject"] == "Pairs that have not met for a while"
    )
    assert "Mentee 0 lyngby-taarbaek – Mentor 0 lyngby-taarbaek" in text
    assert f"/pairs/{pair_id}" in text
    kinds = sorted(r.kind for r in rows(app, city_a, PairReminder))
    assert kinds == ["alert", "nudge"]


def test_a_missed_run_catches_up(app, city_a, in_city, cohort_a, outbox, run_jobs):
    paired(city_a, in_city, cohort_a, 0)
    assert run(app, run_jobs, 50) == 2  # the nudge and the alert, both owed
    to = sorted(m["To"] for m in outbox())
    assert to == sorted(
        [cohort_a.mentees[0][1], cohort_a.mentors[0][1], cohort_a.coordinator]
    )


def test_a_new_meeting_restarts_the_quiet_spell(
    app, city_a, in_city, cohort_a, outbox, run_jobs
):
    pair_id = paired(city_a, in_city, cohort_a, 0)
    run(app, run_jobs, 21)
    add_meeting(app, in_city, city_a, pair_id, 25)
    assert run(app, run_jobs, 42) == 0  # 17 quiet days since the meeting
    assert len(outbox()) == 2
    assert run(app, run_jobs, 46) == 1  # three weeks after the meeting
    assert len(outbox()) == 4
    spells = sorted((r.kind, r.since) for r in rows(app, city_a, PairReminder))
    assert spells == [("nudge", START), ("nudge", START + timedelta(days=25))]


def test_only_pairs_of_running_cohorts_and_per_city_weeks(
    app, city_a, in_city, outbox, run_jobs
):
    for status in ("matching", "closed"):
        people = make_cohort(city_a, in_city, size=1, status=status)
        paired(city_a, in_city, people, 0)
    quick = make_cohort(city_a, in_city, size=1, nudge_after_weeks=2)
    paired(city_a, in_city, quick, 0)
    assert run(app, run_jobs, 13) == 0
    assert run(app, run_jobs, 14) == 1
    assert {m["To"] for m in outbox()} == {quick.mentees[0][1], quick.mentors[0][1]}


def test_a_pair_made_late_is_quiet_from_its_pairing(
    app, city_a, in_city, cohort_a, outbox, run_jobs
):
    from datetime import UTC, datetime, time

    made = datetime.combine(day(10), time(0), UTC)
    paired(city_a, in_city, cohort_a, 0, created_at=made)
    assert run(app, run_jobs, 21) == 0
    assert run(app, run_jobs, 31) == 1


def test_each_city_gets_its_own_reminders(
    app, city_a, city_b, in_city, cohort_a, outbox, run_jobs
):
    paired(city_a, in_city, cohort_a, 0)
    people_b = make_cohort(city_b, in_city, size=1)
    pair_b = paired(city_b, in_city, people_b, 0)
    assert run(app, run_jobs, 21) == 2
    mail = {m["To"]: m for m in outbox()}
    assert city_b.name_da in body_text(mail[people_b.mentors[0][1]])
    [reminder] = rows(app, city_b, PairReminder)
    assert reminder.pair_id == pair_b
    assert len(rows(app, city_a, PairReminder)) == 1


def test_the_periodic_tick_includes_the_quiet_pairs(
    app, city_a, in_city, cohort_a, outbox
):
    paired(city_a, in_city, cohort_a, 0)  # quiet since the start: long enough
    assert "pair_reminders: 2" in tick(app)
    assert len(outbox()) == 3
    assert "pair_reminders: 0" in tick(app)
    assert len(outbox()) == 3
