"""The rules of pairs and meetings, with no Flask and no database: tested directly."""

from __future__ import annotations

from datetime import date

NUDGE, ALERT = "nudge", "alert"
MIN_MINUTES, MAX_MINUTES = 15, 480
MAX_NOTES = 5000


def quiet_since(last_meeting: date | None, paired_on: date, cohort_start: date) -> date:
    """The day a pair's quiet spell began.

    Its last meeting; without one, the pairing or the cohort's start, whichever
    is later (a pair made before the start is not quiet before it begins). A
    meeting logged from before the pairing does not make a new pair overdue.
    """
    start = max(paired_on, cohort_start)
    return max(last_meeting, start) if last_meeting is not None else start


def due_kinds(since: date, today: date, weeks: int) -> list[str]:
    """What a pair quiet since ``since`` is owed today: a nudge at ``weeks``
    weeks, and also a coordinator alert at twice as many (a missed run catches up).
    """
    if weeks <= 0:
        return []
    quiet_days = (today - since).days
    kinds = [NUDGE] if quiet_days >= 7 * weeks else []
    if quiet_days >= 14 * weeks:
        kinds.append(ALERT)
    return kinds


def quiet_weeks(since: date, today: date) -> int:
    """Whole weeks of quiet, for the friendly prompt on the participant's home."""
    return max((today - since).days // 7, 0)


def meeting_date_problem(held_on: date, today: date, cohort_start: date) -> str | None:
    """``"future"`` or ``"before_start"`` when a meeting date cannot be right."""
    if held_on > today:
        return "future"
    if held_on < cohort_start:
        return "before_start"
    return None


def pairing_problem(
    mentee_role: str | None,
    mentor_role: str | None,
    mentee_paired: bool,
    mentor_paired: bool,
) -> str | None:
    """Why a mentee and a mentor of a cohort cannot be paired, or ``None``.

    A role of ``None`` means the person is not a participant of that cohort.
    """
    if mentee_role != "mentee":
        return "not_mentee"
    if mentor_role != "mentor":
        return "not_mentor"
    if mentee_paired:
        return "mentee_paired"
    if mentor_paired:
        return "mentor_paired"
    return None
