"""When a survey is due (pure: no Flask, no database).

End-of-programme surveys when the cohort is closed, the follow-up 182 days
after the cohort's end, the midway check-in once the midway meeting has
started. A missed tick catches up within ``CATCH_UP``; older occasions are
left alone, so a city that starts using surveys does not mail old cohorts.
"""

from __future__ import annotations

from datetime import datetime, timedelta

FOLLOWUP_AFTER = timedelta(days=182)
CATCH_UP = timedelta(days=90)
REMINDERS = {"7": timedelta(days=7), "14": timedelta(days=14)}


def reminder_due(
    sent_at: datetime | None,
    reminded_7_at: datetime | None,
    reminded_14_at: datetime | None,
    now: datetime,
) -> str | None:
    """Which reminder is due now: "14", "7" or none.

    After a missed run only the latest one is sent (never two at once).
    """
    if sent_at is None or reminded_14_at is not None:
        return None
    if now >= sent_at + REMINDERS["14"]:
        return "14"
    if now >= sent_at + REMINDERS["7"] and reminded_7_at is None:
        return "7"
    return None
