"""When a template step happens in a given cohort (pure: dates and time zones only)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def step_times(
    starts_on: date,
    offset_days: int,
    start_time: str,
    duration_minutes: int,
    timezone: str,
) -> tuple[datetime, datetime]:
    """UTC start and end of a step ``offset_days`` after ``starts_on``.

    The step keeps its local wall-clock time ("17:00 in Copenhagen") on its own
    day, whether that day is in summer or winter time.
    """
    day = starts_on + timedelta(days=offset_days)
    local = datetime.combine(day, time.fromisoformat(start_time), ZoneInfo(timezone))
    starts_at = local.astimezone(UTC)
    return starts_at, starts_at + timedelta(minutes=duration_minutes)
