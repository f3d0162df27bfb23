"""The pure rules: when a pair is quiet, what it owes, which dates and pairs do."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mentoring.meetings.rules import (
    ALERT,
    NUDGE,
    due_kinds,
    meeting_date_problem,
    pairing_problem,
    quiet_since,
    quiet_weeks,
)

START = date(2026, 9, 1)


def test_quiet_since_the_last_meeting():
    assert quiet_since(date(2026, 10, 5), date(2026, 9, 3), START) == date(2026, 10, 5)


def test_without_a_meeting_quiet_since_pairing_or_start_whichever_is_later():
    assert quiet_since(None, date(2026, 8, 20), START) == START
    assert quiet_since(None, date(2026, 9, 10), START) == date(2026, 9, 10)


def test_a_meeting_from_before_the_pairing_does_not_make_a_new_pair_overdue():
    assert quiet_since(date(2026, 9, 2), date(2026, 9, 10), START) == date(2026, 9, 10)


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (0, []),
        (20, []),
        (21, [NUDGE]),
        (41, [NUDGE]),
        (42, [NUDGE, ALERT]),  # a missed run at 2N still owes the nudge too
        (100, [NUDGE, ALERT]),
    ],
)
def test_a_nudge_at_n_weeks_and_an_alert_at_twice_as_many(days, expected):
    assert due_kinds(START, START + timedelta(days=days), 3) == expected


def test_no_reminders_when_the_city_turned_them_off():
    assert due_kinds(START, START + timedelta(days=400), 0) == []


def test_quiet_weeks_are_whole_weeks():
    assert quiet_weeks(START, START + timedelta(days=27)) == 3
    assert quiet_weeks(START, START - timedelta(days=3)) == 0


@pytest.mark.parametrize(
    ("held_on", "problem"),
    [
        (date(2026, 10, 1), None),
        (START, None),
        (date(2026, 10, 10), None),  # today
        (date(2026, 10, 11), "future"),
        (date(2026, 8, 31), "before_start"),
    ],
)
def test_a_meeting_date_is_between_the_cohort_start_and_today(held_on, problem):
    assert meeting_date_problem(held_on, date(2026, 10, 10), START) == problem


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (("mentee", "mentor", False, False), None),
        ((None, "mentor", False, False), "not_mentee"),
        (("mentor", "mentor", False, False), "not_mentee"),
        (("mentee", None, False, False), "not_mentor"),
        (("mentee", "mentee", False, False), "not_mentor"),
        (("mentee", "mentor", True, False), "mentee_paired"),
        (("mentee", "mentor", False, True), "mentor_paired"),
    ],
)
def test_pairing_needs_a_free_mentee_and_a_free_mentor_of_the_cohort(args, problem):
    assert pairing_problem(*args) == problem
