"""Writes for the job-interview session: open slots, book, cancel, feedback.

A mentee books one slot (the unique key (event, mentee) guarantees it) with an
interviewer who is not their own mentor; booking is one atomic UPDATE on a
free slot, so two mentees tapping the same slot cannot both get it.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.exc import IntegrityError

from mentoring.core.models import utcnow
from mentoring.events.models import (
    BOOKED,
    CANCELLED,
    Event,
    InterviewBookingChange,
    InterviewSlot,
)
from mentoring.events.queries import booked_slot, own_mentor_id
from mentoring.events.rules import booking_problem, slot_times
from mentoring.extensions import db
from mentoring.programmes.models import Participant

FEEDBACK_MAX = 2000


def open_slots(
    event: Event, interviewer: Participant, start: datetime, minutes: int, count: int
) -> int:
    """Open ``count`` slots of ``minutes`` from ``start``; existing ones are kept."""
    taken = set(
        db.session.scalars(
            db.select(InterviewSlot.starts_at).where(
                InterviewSlot.event_id == event.id,
                InterviewSlot.interviewer_id == interviewer.id,
            )
        )
    )
    new = [
        InterviewSlot(
            event_id=event.id, interviewer_id=interviewer.id, starts_at=s, ends_at=e
        )
        for s, e in slot_times(start, minutes, count)
        if s not in taken
    ]
    db.session.add_all(new)
    db.session.flush()
    return len(new)


def remove_slot(slot: InterviewSlot) -> bool:
    """Remove a slot nobody has booked; a booked one stays."""
    if slot.mentee_id is not None:
        return False
    db.session.delete(slot)
    db.session.flush()
    return True


def book(
    slot: InterviewSlot, mentee: Participant, now: datetime | None = None
) -> str | None:
    """Book ``slot`` for ``mentee``; returns a problem code or ``None`` if booked."""
    now = now or utcnow()
    problem = booking_problem(
        interviewer_id=slot.interviewer_id,
        own_mentor_id=own_mentor_id(mentee.id),
        slot_taken=slot.mentee_id is not None,
        already_booked=booked_slot(slot.event_id, mentee.id) is not None,
        event_started=slot.event.starts_at <= now,
    )
    return problem or _take(slot, mentee)


def _take(slot: InterviewSlot, mentee: Participant) -> str | None:
    """The atomic claim: only a free slot is taken; one slot per mentee."""
    try:
        with db.session.begin_nested():
            taken = db.session.execute(
                db.update(InterviewSlot)
                .where(InterviewSlot.id == slot.id, InterviewSlot.mentee_id.is_(None))
                .values(mentee_id=mentee.id, booked_at=utcnow())
                .execution_options(synchronize_session=False)
            ).rowcount
    except IntegrityError:
        return "already_booked"
    if not taken:
        return "taken"
    _record(slot, mentee.id, BOOKED)
    return None


def cancel(event: Event, mentee: Participant, now: datetime | None = None) -> bool:
    """A mentee cancels their booking, until the session starts."""
    now = now or utcnow()
    if event.starts_at <= now:
        return False
    slot = booked_slot(event.id, mentee.id)
    cancelled = db.session.execute(
        db.update(InterviewSlot)
        .where(InterviewSlot.event_id == event.id, InterviewSlot.mentee_id == mentee.id)
        .values(mentee_id=None, booked_at=None, feedback=None, feedback_at=None)
        .execution_options(synchronize_session=False)
    ).rowcount
    if cancelled and slot is not None:
        _record(slot, mentee.id, CANCELLED)
    return bool(cancelled)


def _record(slot: InterviewSlot, mentee_id: uuid.UUID, kind: str) -> None:
    """Keep the change for the coordinators' digest (a cancel clears the slot)."""
    db.session.add(
        InterviewBookingChange(
            event_id=slot.event_id,
            mentee_id=mentee_id,
            interviewer_id=slot.interviewer_id,
            kind=kind,
            starts_at=slot.starts_at,
        )
    )
    db.session.flush()


def leave_feedback(slot: InterviewSlot, text: str) -> None:
    """The interviewer's short written feedback (the view checks who writes)."""
    slot.feedback = text.strip()[:FEEDBACK_MAX] or None
    slot.feedback_at = utcnow() if slot.feedback else None
    db.session.flush()
