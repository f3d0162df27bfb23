"""Where a cohort is in its life and its next step (the pure rule)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from mentoring.home.lifecycle import CohortFacts, may_close, next_step, stage

NOW = datetime(2026, 4, 15, 10, 0, tzinfo=UTC)
TODAY = NOW.date()


def facts(status: str = "running", **kw: object) -> CohortFacts:
    kw.setdefault("ends_on", TODAY + timedelta(days=50))
    return CohortFacts(status=status, now=NOW, today=TODAY, **kw)


@pytest.mark.parametrize(
    ("given", "expected_stage", "step", "target"),
    [
        (facts("planning"), "recruiting", "open_recruiting", "recruiting"),
        (
            facts("recruiting", new_applications=4),
            "recruiting",
            "review_applications",
            None,
        ),
        (facts("recruiting"), "recruiting", "close_recruiting", "matching"),
        (facts("matching"), "kickoff_planned", "make_plan", None),
        (
            facts("matching", plan_made=True, kickoff_at=NOW + timedelta(days=2)),
            "kickoff_planned",
            "see_plan",
            None,
        ),
        (
            facts("matching", plan_made=True, kickoff_at=NOW - timedelta(days=2)),
            "kickoff_planned",
            "matching_board",
            None,
        ),
        (facts("matching", pairs=12), "pairs_published", "start_cohort", "running"),
        (facts("running", pairs=12), "running", "meetings", None),
        (
            facts("running", interview_at=NOW + timedelta(days=20)),
            "running",
            "interview_slots",
            None,
        ),
        (
            facts("running", interview_at=NOW + timedelta(days=20), interview_slots=8),
            "running",
            "meetings",
            None,
        ),
        (
            facts("running", interview_at=NOW + timedelta(days=60)),
            "running",
            "meetings",  # the slots can wait until four weeks before
            None,
        ),
        (
            facts("closed", ends_on=TODAY - timedelta(days=10)),
            "surveys_out",
            "end_answers",
            None,
        ),
        (
            facts("closed", ends_on=TODAY - timedelta(days=182)),
            "followup_due",
            "followup_answers",
            None,
        ),
        (
            facts("closed", ends_on=TODAY - timedelta(days=400)),
            "closed",
            "results",
            None,
        ),
    ],
)
def test_each_stage_has_its_next_step(given, expected_stage, step, target):
    assert stage(given) == expected_stage
    assert next_step(given).key == step
    assert next_step(given).status == target


def test_closing_is_never_the_next_step():
    late = facts("running", closing_ends_at=NOW - timedelta(days=1))
    assert may_close(late)
    assert next_step(late).status is None


def test_closing_waits_for_the_closing_event_or_else_the_end_date():
    assert not may_close(facts(closing_ends_at=NOW + timedelta(minutes=1)))
    assert may_close(facts(closing_ends_at=NOW))
    assert not may_close(facts(ends_on=TODAY))
    assert may_close(facts(ends_on=TODAY - timedelta(days=1)))
    # A closing event moved past the end date still decides.
    after_end = NOW + timedelta(days=3)
    assert not may_close(facts(ends_on=date(2026, 4, 1), closing_ends_at=after_end))
