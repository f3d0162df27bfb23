"""The city's getting-started checklist, after the programme's guide (pure).

"How to Get Started" took a new city step by step from success criteria to the
six-month follow-up. Here each step is ticked from facts about the city's own
data, so the checklist needs no manual bookkeeping; the first open step carries
the link to what to do next.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class CityFacts:
    """What the city has done so far, counted from its data."""

    success_criteria_set: bool = False
    cohorts: int = 0
    mentors: int = 0  # accepted mentor applications or mentor participants
    mentees: int = 0
    events: int = 0
    kickoffs_held: int = 0  # kickoff events that have begun
    pairs: int = 0
    closed_cohorts: int = 0
    current_cohort_id: uuid.UUID | None = None  # the newest cohort, for links


@dataclass(frozen=True)
class ChecklistStep:
    """One step: ``key`` names its text; ``endpoint``/``args`` the next action."""

    key: str
    done: bool
    endpoint: str | None = None
    args: dict[str, Any] = field(default_factory=dict)
    is_next: bool = False


def _cohort_args(facts: CityFacts) -> dict[str, Any]:
    return {"cohort_id": facts.current_cohort_id} if facts.current_cohort_id else {}


def _cohort_page(facts: CityFacts) -> str:
    return "home.cohort" if facts.current_cohort_id else "programmes.cohort_new"


def checklist(facts: CityFacts) -> list[ChecklistStep]:
    """The guide's steps in order, ticked from ``facts``; the first open one is next."""
    args = _cohort_args(facts)
    pairs_endpoint = "meetings.cohort_pairs" if args else "programmes.cohort_new"
    steps = [
        ChecklistStep(
            "success_criteria", facts.success_criteria_set, "results.criteria"
        ),
        ChecklistStep("cohort", facts.cohorts > 0, "programmes.cohort_new"),
        ChecklistStep("mentors", facts.mentors > 0, "applications.review"),
        ChecklistStep("mentees", facts.mentees > 0, "applications.review"),
        ChecklistStep("events", facts.events > 0, _cohort_page(facts), args),
        ChecklistStep("kickoff", facts.kickoffs_held > 0, _cohort_page(facts), args),
        ChecklistStep("match", facts.pairs > 0, pairs_endpoint, args),
        ChecklistStep("follow_up", facts.closed_cohorts > 0, _cohort_page(facts), args),
    ]
    return _mark_next(steps)


def _mark_next(steps: list[ChecklistStep]) -> list[ChecklistStep]:
    for index, step in enumerate(steps):
        if not step.done:
            steps[index] = ChecklistStep(
                step.key, step.done, step.endpoint, step.args, is_next=True
            )
            break
    return steps
