"""Read-side queries for events: each a fixed number of SQL statements.

Records are looked up by id with a select: another city's record is simply not
found (404), exactly like a missing one.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, case, func
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from mentoring.accounts.models import User
from mentoring.core.models import utcnow
from mentoring.events.models import CalendarFeed, Event, EventInvitation, InterviewSlot
from mentoring.extensions import db
from mentoring.programmes.models import Pair, Participant

CHECKIN_LIMIT = 500  # a cohort has ~30 people; a bound keeps a typo harmless


@dataclass(frozen=True)
class Attendance:
    """Who came to an event, out of how many invited and how many said yes."""

    checked_in: int = 0
    invited: int = 0
    yes: int = 0


def attendance_by_event(cohort_id: uuid.UUID) -> dict[uuid.UUID, Attendance]:
    """Attendance counts of every event of a cohort (one query)."""
    return _attendance(Event.cohort_id == cohort_id)


def event_attendance(event_id: uuid.UUID) -> Attendance:
    """Attendance counts of one event (one query)."""
    return _attendance(Event.id == event_id).get(event_id, Attendance())


def _attendance(where: ColumnElement[bool]) -> dict[uuid.UUID, Attendance]:
    rows = db.session.execute(
        db.select(
            EventInvitation.event_id,
            func.count(EventInvitation.checked_in_at),
            func.count(),
            func.sum(case((EventInvitation.rsvp == "yes", 1), else_=0)),
        )
        .join(Event, Event.id == EventInvitation.event_id)
        .where(where)
        .group_by(EventInvitation.event_id)
    ).all()
    return {
        event_id: Attendance(int(came), int(invited), int(yes or 0))
        for event_id, came, invited, yes in rows
    }


def cohort_events(cohort_id: uuid.UUID) -> list[Event]:
    """The cohort's events in time order."""
    return list(
        db.session.scalars(
            db.select(Event)
            .where(Event.cohort_id == cohort_id)
            .order_by(Event.starts_at, Event.title_en)
        )
    )


def event_or_404(event_id: uuid.UUID) -> Event:
    """An event of this city with its cohort loaded."""
    return db.one_or_404(
        db.select(Event).where(Event.id == event_id).options(joinedload(Event.cohort))
    )


def invited_not_declined_count(event_id: uuid.UUID) -> int:
    """How many a change or cancellation of the event is told to."""
    return db.session.scalar(
        db.select(func.count(EventInvitation.id)).where(
            EventInvitation.event_id == event_id, EventInvitation.rsvp != "no"
        )
    )


def checkin_invitations(
    event_id: uuid.UUID, search: str = "", limit: int = CHECKIN_LIMIT
) -> list[EventInvitation]:
    """The event's invitees by name, each with participant and user (one query)."""
    query = (
        db.select(EventInvitation)
        .join(EventInvitation.participant)
        .join(Participant.user)
        .where(EventInvitation.event_id == event_id)
        .options(contains_eager(EventInvitation.participant, Participant.user))
        .order_by(User.full_name, User.email)
        .limit(limit)
    )
    if search.strip():
        pattern = f"%{search.strip().lower()}%"
        query = query.where(func.lower(User.full_name).like(pattern))
    return list(db.session.scalars(query).unique())


def walk_in_candidates(event: Event) -> list[Participant]:
    """The cohort's participants without an invitation to ``event``, by name
    (one query): who can be let in at the door as a walk-in."""
    invited = db.select(EventInvitation.participant_id).where(
        EventInvitation.event_id == event.id
    )
    query = (
        db.select(Participant)
        .join(Participant.user)
        .where(Participant.cohort_id == event.cohort_id)
        .where(Participant.id.not_in(invited))
        .options(contains_eager(Participant.user))
        .order_by(User.full_name, User.email)
    )
    return list(db.session.scalars(query))


def invitation_for_event_or_404(
    event_id: uuid.UUID, invitation_id: uuid.UUID
) -> EventInvitation:
    """One invitee of an event, with participant and user loaded (one query)."""
    return db.one_or_404(
        db.select(EventInvitation)
        .join(EventInvitation.participant)
        .join(Participant.user)
        .where(
            EventInvitation.id == invitation_id, EventInvitation.event_id == event_id
        )
        .options(contains_eager(EventInvitation.participant, Participant.user))
    )


def _mine(user_id: uuid.UUID):  # noqa: ANN202 - a select under construction
    return (
        db.select(EventInvitation)
        .join(EventInvitation.participant)
        .join(EventInvitation.event)
        .join(Event.cohort)
        .where(Participant.user_id == user_id)
        .options(
            contains_eager(EventInvitation.event).contains_eager(Event.cohort),
            contains_eager(EventInvitation.participant),
        )
    )


def upcoming_invitations(
    user_id: uuid.UUID, limit: int = 5, now: datetime | None = None
) -> list[EventInvitation]:
    """The user's next events (not yet over), soonest first, with the event loaded.

    Only events of cohorts the user takes part in: an invitation belongs to
    one of their participations.
    """
    now = now or utcnow()
    query = (
        _mine(user_id)
        .where(Event.ends_at > now, Event.cancelled_at.is_(None))
        .order_by(Event.starts_at)
    )
    return list(db.session.scalars(query.limit(limit)))


def my_invitations(user_id: uuid.UUID) -> list[EventInvitation]:
    """Every invitation of the user to an event still held, in time order, with
    the event loaded (a cancelled event stays only in the calendar feed)."""
    query = _mine(user_id).where(Event.cancelled_at.is_(None))
    return list(db.session.scalars(query.order_by(Event.starts_at)))


def feed_invitations(user_id: uuid.UUID) -> list[EventInvitation]:
    """What the personal calendar feed shows: the user's invitations except
    those they said no to (a declined event leaves their calendar). A cancelled
    event stays in, as STATUS:CANCELLED, so calendars remove it."""
    query = _mine(user_id).where(EventInvitation.rsvp != "no")
    return list(db.session.scalars(query.order_by(Event.starts_at)))


def my_invitation_or_404(
    invitation_id: uuid.UUID, user_id: uuid.UUID
) -> EventInvitation:
    """The user's own invitation; someone else's is as absent as a missing one."""
    return db.one_or_404(_mine(user_id).where(EventInvitation.id == invitation_id))


def my_invitation_to(event_id: uuid.UUID, user_id: uuid.UUID) -> EventInvitation | None:
    """The user's invitation to one event, if they were invited (one query)."""
    return db.session.scalar(_mine(user_id).where(EventInvitation.event_id == event_id))


# -- calendars ------------------------------------------------------------------


def token_hash(token: str) -> str:
    """What is stored of a calendar token: its SHA-256 (the token is random)."""
    return hashlib.sha256(token.encode()).hexdigest()


def feed_of(user_id: uuid.UUID) -> CalendarFeed | None:
    return db.session.scalar(
        db.select(CalendarFeed).where(CalendarFeed.user_id == user_id)
    )


def feed_owner(token: str) -> User | None:
    """The active user whose calendar address carries ``token``, if any."""
    return db.session.scalar(
        db.select(User)
        .join(CalendarFeed, CalendarFeed.user_id == User.id)
        .where(CalendarFeed.token_hash == token_hash(token), User.active.is_(True))
    )


def takes_part(cohort_id: uuid.UUID, user_id: uuid.UUID) -> Participant | None:
    """The user's participation in a cohort, if they take part."""
    return db.session.scalar(
        db.select(Participant).where(
            Participant.cohort_id == cohort_id, Participant.user_id == user_id
        )
    )


# -- job-interview session ---------------------------------------------------------


def slots_of(event_id: uuid.UUID) -> list[InterviewSlot]:
    """Every slot of an event with interviewer and mentee users (three queries)."""
    return list(
        db.session.scalars(
            db.select(InterviewSlot)
            .where(InterviewSlot.event_id == event_id)
            .options(
                selectinload(InterviewSlot.interviewer).joinedload(Participant.user),
                selectinload(InterviewSlot.mentee).joinedload(Participant.user),
            )
            .order_by(InterviewSlot.starts_at, InterviewSlot.interviewer_id)
        )
    )


def slot_or_404(slot_id: uuid.UUID) -> InterviewSlot:
    """One slot with its event, interviewer and mentee loaded."""
    return db.one_or_404(
        db.select(InterviewSlot)
        .where(InterviewSlot.id == slot_id)
        .options(
            joinedload(InterviewSlot.event),
            selectinload(InterviewSlot.interviewer).joinedload(Participant.user),
            selectinload(InterviewSlot.mentee).joinedload(Participant.user),
        )
    )


def cohort_mentors(cohort_id: uuid.UUID) -> list[Participant]:
    """Mentor participants of a cohort (possible interviewers), by name."""
    return list(
        db.session.scalars(
            db.select(Participant)
            .join(Participant.user)
            .where(Participant.cohort_id == cohort_id, Participant.role == "mentor")
            .options(contains_eager(Participant.user))
            .order_by(User.full_name)
        )
    )


def own_mentor_id(mentee_id: uuid.UUID) -> uuid.UUID | None:
    """The mentor participant paired with this mentee participant, if any."""
    return db.session.scalar(
        db.select(Pair.mentor_id).where(Pair.mentee_id == mentee_id)
    )


def booked_slot(event_id: uuid.UUID, mentee_id: uuid.UUID) -> InterviewSlot | None:
    return db.session.scalar(
        db.select(InterviewSlot).where(
            InterviewSlot.event_id == event_id, InterviewSlot.mentee_id == mentee_id
        )
    )
