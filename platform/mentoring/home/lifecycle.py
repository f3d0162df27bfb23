"""Where a cohort is in its life, and the coordinator's next step (pure).

From plain facts about one cohort (its status, applications, events, plan,
pairs, slots and dates) to one of seven stages and the one next step the
cohort page offers as its primary action. No Flask, no database: the view
gathers the facts and turns the step's key into a label and a link.

Closing is never the next step: it is final, so the page offers it quietly,
and only once the closing event is over (``may_close``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from mentoring.surveys.rules import CATCH_UP, FOLLOWUP_AFTER

STAGES = (
    "recruiting",
    "kickoff_planned",
    "pairs_published",
    "running",
    "surveys_out",
    "followup_due",
    "closed",
)


@dataclass(frozen=True)
class CohortFacts:
    """What the stage and the next step depend on; datetimes are aware UTC."""

    status: str
    now: datetime
    today: date  # the city's date
    ends_on: date
    new_applications: int = 0
    plan_made: bool = False
    kickoff_at: datetime | None = None
    pairs: int = 0
    interview_at: datetime | None = None
    interview_slots: int = 0
    interview_id: uuid.UUID | None = None  # where the step's link points
    closing_ends_at: datetime | None = None


@dataclass(frozen=True)
class NextStep:
    """The primary action: a page to open, or a status to move the cohort to."""

    key: str
    status: str | None = None  # set when the step is a status change (a POST)


def may_close(facts: CohortFacts) -> bool:
    """Closing is offered (and accepted) once the closing event is over, or,
    for a cohort without one, once its end date has passed."""
    if facts.closing_ends_at is not None:
        return facts.closing_ends_at <= facts.now
    return facts.ends_on < facts.today


def followup_on(ends_on: date) -> date:
    """The day the six-month follow-up survey is due."""
    return ends_on + FOLLOWUP_AFTER


def stage(facts: CohortFacts) -> str:
    """The cohort's stage, one of ``STAGES``."""
    if facts.status in ("planning", "recruiting"):
        return "recruiting"
    if facts.status == "matching":
        return "pairs_published" if facts.pairs else "kickoff_planned"
    if facts.status == "running":
        return "running"
    due = followup_on(facts.ends_on)
    if facts.today < due:
        return "surveys_out"
    if facts.today < due + CATCH_UP:
        return "followup_due"
    return "closed"


def next_step(facts: CohortFacts) -> NextStep:
    """The one next step for the cohort's stage."""
    return _STEPS[stage(facts)](facts)


def _recruiting(facts: CohortFacts) -> NextStep:
    if facts.status == "planning":
        return NextStep("open_recruiting", status="recruiting")
    if facts.new_applications:
        return NextStep("review_applications")
    return NextStep("close_recruiting", status="matching")


def _kickoff(facts: CohortFacts) -> NextStep:
    if not facts.plan_made:
        return NextStep("make_plan")
    if facts.kickoff_at is None or facts.kickoff_at > facts.now:
        return NextStep("see_plan")
    return NextStep("matching_board")


def _running(facts: CohortFacts) -> NextStep:
    interview_ahead = facts.interview_at is not None and facts.interview_at > facts.now
    if interview_ahead and not facts.interview_slots:
        weeks_left = facts.interview_at - facts.now
        if weeks_left <= timedelta(weeks=4):
            return NextStep("interview_slots")
    return NextStep("meetings")


_STEPS = {
    "recruiting": _recruiting,
    "kickoff_planned": _kickoff,
    "pairs_published": lambda f: NextStep("start_cohort", status="running"),
    "running": _running,
    "surveys_out": lambda f: NextStep("end_answers"),
    "followup_due": lambda f: NextStep("followup_answers"),
    "closed": lambda f: NextStep("results"),
}
