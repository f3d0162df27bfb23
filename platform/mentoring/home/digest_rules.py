"""The coordinators' digest, the parts that are plain rules (no Flask, no database)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

DIGEST_HOUR = time(7)  # the city's local time from which the day's digest is due
FIRST_PERIOD = timedelta(days=1)  # a city's first digest looks back one day
# A digest covers up to a minute ago: a request that wrote a row just before the
# job ran may not have committed yet, and would otherwise fall between digests.
SETTLE = timedelta(minutes=1)
NEW, CHANGED, CANCELLED = "new", "changed", "cancelled"


def digest_day(now: datetime, timezone: str) -> date | None:
    """The city's local date whose digest is due at ``now``; ``None`` before 07:00."""
    local = now.astimezone(ZoneInfo(timezone))
    return local.date() if local.time() >= DIGEST_HOUR else None


def net_change(
    changes: Sequence[tuple[str, datetime, object]],
) -> tuple[str, datetime | None] | None:
    """What one mentee's booking changes in a period add up to, oldest first.

    ``changes`` are ``(kind, slot start, interviewer)`` with kind booked or
    cancelled. Returns ``(new|changed|cancelled, the earlier time)`` or
    ``None`` when they cancel out (booked and cancelled the same day, or
    cancelled and booked the very same slot again).
    """
    if not changes:
        return None
    (first_kind, first_at, first_by), (last_kind, last_at, last_by) = (
        changes[0],
        changes[-1],
    )
    if first_kind == "booked":
        return (NEW, None) if last_kind == "booked" else None
    if last_kind == "cancelled":
        return CANCELLED, first_at
    if (first_at, first_by) == (last_at, last_by):
        return None
    return CHANGED, first_at
