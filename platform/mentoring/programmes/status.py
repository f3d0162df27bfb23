"""A cohort's status: which changes are allowed, and why one is refused (pure).

planning -> recruiting -> matching -> running -> closed, with two steps back
(recruiting -> planning, matching -> recruiting) for a coordinator who moved on
too early. Closed is final: a closed cohort's data feeds the follow-up and the
network's comparisons, so it is never re-opened.
"""

from __future__ import annotations

from enum import StrEnum


class CohortStatus(StrEnum):
    """The one list of a cohort's statuses; values are what the database stores."""

    PLANNING = "planning"
    RECRUITING = "recruiting"
    MATCHING = "matching"
    RUNNING = "running"
    CLOSED = "closed"


STATUSES = tuple(CohortStatus)

TRANSITIONS: dict[str, tuple[CohortStatus, ...]] = {
    CohortStatus.PLANNING: (CohortStatus.RECRUITING,),
    CohortStatus.RECRUITING: (CohortStatus.MATCHING, CohortStatus.PLANNING),
    CohortStatus.MATCHING: (CohortStatus.RUNNING, CohortStatus.RECRUITING),
    CohortStatus.RUNNING: (CohortStatus.CLOSED,),
    CohortStatus.CLOSED: (),
}

# Reason codes for a refused change; the view maps each to a translated message.
UNKNOWN = "unknown_status"
UNCHANGED = "unchanged"
CLOSED_IS_FINAL = "closed_is_final"
NOT_ALLOWED = "not_allowed"
NEEDS_PAIRS = "needs_pairs"
NEEDS_CONFIRMATION = "needs_confirmation"
TOO_EARLY = "too_early"


def next_statuses(current: str) -> tuple[CohortStatus, ...]:
    """The statuses a cohort in ``current`` may move to, forward first."""
    return TRANSITIONS.get(current, ())


def refusal(
    current: str, target: str, pairs: int, confirmed: bool, may_close: bool = True
) -> str | None:
    """Why moving from ``current`` to ``target`` is refused, or None if allowed.

    ``pairs`` is the cohort's number of pairs (running needs one);
    ``confirmed`` is the coordinator's explicit confirmation (closing needs it);
    ``may_close`` says the closing event is over (closing needs that too).
    """
    if target not in STATUSES or current not in STATUSES:
        return UNKNOWN
    if target == current:
        return UNCHANGED
    if current == CohortStatus.CLOSED:
        return CLOSED_IS_FINAL
    if target not in TRANSITIONS[current]:
        return NOT_ALLOWED
    if target == CohortStatus.RUNNING and pairs < 1:
        return NEEDS_PAIRS
    if target == CohortStatus.CLOSED and not may_close:
        return TOO_EARLY
    if target == CohortStatus.CLOSED and not confirmed:
        return NEEDS_CONFIRMATION
    return None
