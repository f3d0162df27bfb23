"""Event reminders, two days before: the database says what is due.

The tick (``flask jobs tick``) finds due invitations in every city and enqueues
one job each; the job claims its invitation with one atomic UPDATE, so a second
tick or a repeated job sends nothing twice. A missed tick catches up: anything
still within the 48 hours before the start is due.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ColumnElement
from sqlalchemy.orm import joinedload

from mentoring.core.models import utcnow
from mentoring.core.scoping import cross_tenant
from mentoring.events.models import Event, EventInvitation
from mentoring.events.rules import REMINDER_WINDOW, reminder_due
from mentoring.events.services import remind
from mentoring.extensions import db
from mentoring.jobs import city_job, enqueue_after_commit
from mentoring.programmes.models import Participant
from mentoring.tenancy.models import Tenant


def _due(now: datetime) -> tuple[ColumnElement[bool], ...]:
    return (
        EventInvitation.reminded_at.is_(None),
        EventInvitation.rsvp != "no",
        Event.cancelled_at.is_(None),
        Event.starts_at > now,
        Event.starts_at <= now + REMINDER_WINDOW,
        Participant.withdrawn_at.is_(None),  # a withdrawn participant: no reminder
    )


def enqueue_due_reminders(now: datetime | None = None) -> int:
    """Enqueue a reminder job per due invitation (after the caller commits)."""
    now = now or utcnow()
    with cross_tenant(db.session, "job tick: ids of due event reminders"):
        rows = db.session.execute(
            db.select(EventInvitation.tenant_id, EventInvitation.id)
            .join(Event, Event.id == EventInvitation.event_id)
            .join(Participant, Participant.id == EventInvitation.participant_id)
            .where(*_due(now))
        ).all()
    for tenant_id, invitation_id in rows:
        enqueue_after_commit(
            send_event_reminder, str(tenant_id), str(invitation_id), now.isoformat()
        )
    return len(rows)


@city_job
def send_event_reminder(tenant: Tenant, invitation_id: str, now: str) -> str:
    """Claim the invitation's reminder and queue the e-mail, in one transaction."""
    invitation = _invitation(uuid.UUID(invitation_id))
    if invitation is None or invitation.event.cancelled_at is not None:
        return "skipped"
    if invitation.participant.is_withdrawn:
        return "skipped"
    if not reminder_due(invitation.event.starts_at, datetime.fromisoformat(now)):
        return "skipped"
    if not _claim(invitation.id):
        return "skipped"
    remind(invitation, tenant)
    db.session.commit()
    return "sent"


def _invitation(invitation_id: uuid.UUID) -> EventInvitation | None:
    return db.session.scalar(
        db.select(EventInvitation)
        .where(EventInvitation.id == invitation_id)
        .options(
            joinedload(EventInvitation.event),
            joinedload(EventInvitation.participant).joinedload(Participant.user),
        )
    )


def _claim(invitation_id: uuid.UUID) -> bool:
    """One atomic UPDATE: of two runs, exactly one sets ``reminded_at``."""
    claimed = db.session.execute(
        db.update(EventInvitation)
        .where(
            EventInvitation.id == invitation_id,
            EventInvitation.reminded_at.is_(None),
            EventInvitation.rsvp != "no",
        )
        .values(reminded_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    return bool(claimed)
