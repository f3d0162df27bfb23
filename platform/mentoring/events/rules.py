"""Pure rules for events: who is invited, when reminders are due, who may book
which interview slot and who may read its feedback. No Flask, no database."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time

AUDIENCE_ROLES = {
    "mentees": frozenset({"mentee"}),
    "mentors": frozenset({"mentor"}),
    "both": frozenset({"mentee", "mentor"}),
}
RSVP_ANSWERS = ("yes", "maybe", "no")
# The programme reminds people two days before; a missed tick still catches up.
REMINDER_WINDOW = timedelta(hours=48)
MAX_SLOTS = 20


def audience_roles(audience: str) -> frozenset[str]:
    """Participant roles an event with ``audience`` invites."""
    return AUDIENCE_ROLES.get(audience, AUDIENCE_ROLES["both"])


def local_to_utc(day: date, at: time, timezone: str) -> datetime:
    """A wall-clock time in the city's zone as an aware UTC datetime."""
    return datetime.combine(day, at, tzinfo=ZoneInfo(timezone)).astimezone(
        ZoneInfo("UTC")
    )


def utc_to_local(moment: datetime, timezone: str) -> datetime:
    return moment.astimezone(ZoneInfo(timezone))


def reminder_due(starts_at: datetime, now: datetime) -> bool:
    """A reminder is due from 48 h before the start until the start."""
    return now < starts_at <= now + REMINDER_WINDOW


def slot_times(
    start: datetime, minutes: int, count: int
) -> list[tuple[datetime, datetime]]:
    """``count`` back-to-back slots of ``minutes`` from ``start``."""
    length = timedelta(minutes=minutes)
    return [(start + i * length, start + (i + 1) * length) for i in range(count)]


def booking_problem(
    interviewer_id: uuid.UUID,
    own_mentor_id: uuid.UUID | None,
    slot_taken: bool,
    already_booked: bool,
    event_started: bool,
) -> str | None:
    """Why a mentee may not book a slot (a code), or ``None`` when they may."""
    if event_started:
        return "started"
    if already_booked:
        return "already_booked"
    if slot_taken:
        return "taken"
    if own_mentor_id is not None and interviewer_id == own_mentor_id:
        return "own_mentor"
    return None


def may_read_feedback(
    role: str,
    user_id: uuid.UUID,
    interviewer_user_id: uuid.UUID,
    mentee_user_id: uuid.UUID | None,
) -> bool:
    """The mentee, the interviewer who wrote it and the city's coordinators."""
    if role == "coordinator":
        return True
    return user_id in (interviewer_user_id, mentee_user_id)


def when_text(
    starts_at: datetime, ends_at: datetime, timezone: str, locale: str
) -> str:
    """E.g. "Thursday, 5 March 2026, 17:00–19:00", in the city's zone and locale."""
    zone = ZoneInfo(timezone)
    start, end = starts_at.astimezone(zone), ends_at.astimezone(zone)
    day = format_date(start.date(), "full", locale=locale)
    from_, to = (format_time(t, "short", locale=locale) for t in (start, end))
    if end.date() != start.date():
        to = f"{format_date(end.date(), 'medium', locale=locale)} {to}"
    return f"{day}, {from_}–{to}"
