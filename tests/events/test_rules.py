"""Pure event rules: local times, reminder window, booking and feedback rules."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta

from mentoring.events.rules import (
    audience_roles,
    booking_problem,
    local_to_utc,
    may_read_feedback,
    reminder_due,
    slot_times,
    when_text,
)

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def test_a_local_time_becomes_utc_across_daylight_saving():
    winter = local_to_utc(date(2026, 3, 5), time(17, 0), "Europe/Copenhagen")
    summer = local_to_utc(date(2026, 4, 5), time(17, 0), "Europe/Copenhagen")
    assert winter == datetime(2026, 3, 5, 16, 0, tzinfo=UTC)
    assert summer == datetime(2026, 4, 5, 15, 0, tzinfo=UTC)
    assert winter.utcoffset() == timedelta(0)


def test_the_audience_decides_the_roles_invited():
    assert audience_roles("mentees") == {"mentee"}
    assert audience_roles("mentors") == {"mentor"}
    assert audience_roles("both") == {"mentee", "mentor"}


def test_a_reminder_is_due_in_the_48_hours_before_the_start():
    assert reminder_due(NOW + timedelta(hours=30), NOW)  # a missed tick catches up
    assert reminder_due(NOW + timedelta(hours=48), NOW)
    assert not reminder_due(NOW + timedelta(hours=49), NOW)
    assert not reminder_due(NOW - timedelta(minutes=1), NOW)  # past: none
    assert not reminder_due(NOW, NOW)


def test_slots_follow_each_other():
    start = datetime(2026, 5, 1, 13, 0, tzinfo=UTC)
    slots = slot_times(start, 20, 3)
    assert [s.strftime("%H:%M") for s, _ in slots] == ["13:00", "13:20", "13:40"]
    assert slots[-1][1] == datetime(2026, 5, 1, 14, 0, tzinfo=UTC)


def test_a_mentee_may_not_book_their_own_mentor():
    mentor, other = uuid.uuid4(), uuid.uuid4()
    ok = {"slot_taken": False, "already_booked": False, "event_started": False}
    assert booking_problem(other, mentor, **ok) is None
    assert booking_problem(mentor, mentor, **ok) == "own_mentor"
    assert booking_problem(mentor, None, **ok) is None  # not paired: anyone
    assert booking_problem(other, mentor, **{**ok, "slot_taken": True}) == "taken"
    assert (
        booking_problem(other, mentor, **{**ok, "already_booked": True})
        == "already_booked"
    )
    assert booking_problem(other, mentor, **{**ok, "event_started": True}) == "started"


def test_feedback_is_for_the_mentee_the_interviewer_and_coordinators():
    mentee, interviewer, someone = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    assert may_read_feedback("mentee", mentee, interviewer, mentee)
    assert may_read_feedback("mentor", interviewer, interviewer, mentee)
    assert may_read_feedback("coordinator", someone, interviewer, mentee)
    assert not may_read_feedback("mentee", someone, interviewer, mentee)
    assert not may_read_feedback("mentor", someone, interviewer, mentee)
    assert not may_read_feedback("mentee", someone, interviewer, None)


def test_the_time_of_an_event_reads_naturally_in_both_languages():
    start = datetime(2026, 3, 5, 16, 0, tzinfo=UTC)
    end = start + timedelta(hours=2)
    assert (
        when_text(start, end, "Europe/Copenhagen", "en_GB")
        == "Thursday, 5 March 2026, 17:00–19:00"
    )
    assert when_text(start, end, "Europe/Copenhagen", "da_DK").startswith(
        "torsdag den 5. marts 2026, 17.00"
    )
