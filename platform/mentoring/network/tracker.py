"""The network's tracker as pure rules: stages, their dates, the criterion.

No Flask, no database: the stage a city is in, what a stage change stamps, and
how the network counts against the programme report's goal.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

# In the order a city goes through them.
STAGES = ("informed", "interested", "onboarding", "live")
# The report (BRIEF.md): at least 20 cities or regions informed, and 7 wanted
# to run the programme against a success criterion of at least 4.
INTERESTED_CRITERION = 4
INFORMED_TARGET = 20


class Tracked(Protocol):
    """What the rules need of a tracker row (``network.models.TrackedCity``)."""

    stage: str
    informed_on: date | None
    interested_on: date | None
    onboarding_on: date | None
    live_on: date | None


def date_field(stage: str) -> str:
    return f"{stage}_on"


def move(row: Tracked, stage: str, today: date) -> None:
    """Put ``row`` in ``stage``, stamping the dates of the way there.

    A stage reached keeps the day it was first reached; stages skipped on the
    way get today (a city told and interested on one call is informed that
    day). Moving back clears the dates of the stages it leaves, so every date
    shown is one the city really is past.
    """
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}")
    reached = STAGES.index(stage)
    for index, name in enumerate(STAGES):
        field = date_field(name)
        if index <= reached and getattr(row, field) is None:
            setattr(row, field, today)
        elif index > reached:
            setattr(row, field, None)
    row.stage = stage


@dataclass(frozen=True)
class Counts:
    """Rows per stage, and the report's two goals."""

    by_stage: dict[str, int]
    interested_or_further: int
    informed: int
    criterion: int = INTERESTED_CRITERION
    informed_target: int = INFORMED_TARGET

    @property
    def criterion_met(self) -> bool:
        return self.interested_or_further >= self.criterion


def counts(stages: Iterable[str]) -> Counts:
    """Count the rows' stages: every tracked city has at least been informed."""
    by_stage = dict.fromkeys(STAGES, 0)
    for stage in stages:
        by_stage[stage] += 1
    further = sum(by_stage[s] for s in STAGES[1:])
    return Counts(by_stage, further, sum(by_stage.values()))
