"""Events of a cohort, who is invited, who came; and the job-interview slots."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mentoring.accounts.models import User
from mentoring.core.i18n import _l
from mentoring.core.models import Timestamps, UUIDPrimaryKey, utcnow
from mentoring.core.scoping import TenantOwned, same_tenant_fk, tenant_table_args
from mentoring.extensions import db
from mentoring.programmes.models import Cohort, Participant

RSVP_CHOICES = {
    "pending": _l("Not answered"),
    "yes": _l("Coming"),
    "no": _l("Not coming"),
    "maybe": _l("Maybe"),
}


class Event(UUIDPrimaryKey, Timestamps, TenantOwned, db.Model):
    """A programme event (workshop, kickoff, midway meeting, ...) of one cohort."""

    __tablename__ = "events"
    __table_args__ = tenant_table_args(
        same_tenant_fk("cohort_id", "cohorts", ondelete="CASCADE"),
    )

    cohort_id: Mapped[uuid.UUID] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(String(30))  # programmes.models.STEP_KINDS
    title_da: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200))
    description_da: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime]
    location: Mapped[str] = mapped_column(String(200), default="")
    audience: Mapped[str] = mapped_column(String(10), default="both")
    invitations_sent_at: Mapped[datetime | None]
    # A cancelled event stays (calendars must learn of it) but is no longer held.
    cancelled_at: Mapped[datetime | None]
    # Bumped on every change so calendar clients replace the old copy.
    sequence: Mapped[int] = mapped_column(default=0)

    cohort: Mapped[Cohort] = relationship(foreign_keys=[cohort_id])
    invitations: Mapped[list[EventInvitation]] = relationship(
        back_populates="event",
        cascade="all, delete-orphan",
        foreign_keys="EventInvitation.event_id",
    )

    def title(self, locale: str) -> str:
        return self.title_en if str(locale).startswith("en") else self.title_da

    def description(self, locale: str) -> str:
        return (
            self.description_en if str(locale).startswith("en") else self.description_da
        )


class EventInvitation(UUIDPrimaryKey, Timestamps, TenantOwned, db.Model):
    """One participant invited to one event: their answer, reminder and check-in."""

    __tablename__ = "event_invitations"
    __table_args__ = tenant_table_args(
        UniqueConstraint("tenant_id", "event_id", "participant_id"),
        same_tenant_fk("event_id", "events", ondelete="CASCADE"),
        same_tenant_fk("participant_id", "participants", ondelete="CASCADE"),
    )

    event_id: Mapped[uuid.UUID] = mapped_column(index=True)
    participant_id: Mapped[uuid.UUID] = mapped_column(index=True)
    rsvp: Mapped[str] = mapped_column(String(10), default="pending")
    responded_at: Mapped[datetime | None]
    invited_at: Mapped[datetime | None]
    reminded_at: Mapped[datetime | None]
    checked_in_at: Mapped[datetime | None]

    event: Mapped[Event] = relationship(
        back_populates="invitations", foreign_keys=[event_id]
    )
    participant: Mapped[Participant] = relationship(foreign_keys=[participant_id])

    @property
    def rsvp_label(self) -> str:
        return str(RSVP_CHOICES.get(self.rsvp, self.rsvp))

    @property
    def is_open(self) -> bool:
        """Answers are taken until the event starts, never for a cancelled event
        and never once the cohort is closed."""
        event = self.event
        return (
            event.cancelled_at is None
            and event.starts_at > utcnow()
            and not event.cohort.is_closed
        )


class CalendarFeed(UUIDPrimaryKey, Timestamps, TenantOwned, db.Model):
    """A person's secret calendar address; revoking it makes a new one."""

    __tablename__ = "calendar_feeds"
    __table_args__ = tenant_table_args(
        UniqueConstraint("tenant_id", "user_id"),
        UniqueConstraint("token_hash"),
        same_tenant_fk("user_id", "users", ondelete="CASCADE"),
    )

    user_id: Mapped[uuid.UUID] = mapped_column(index=True)
    # Only a hash is stored: a database dump does not reveal anyone's calendar.
    token_hash: Mapped[str] = mapped_column(String(64))

    user: Mapped[User] = relationship(foreign_keys=[user_id])


class InterviewSlot(UUIDPrimaryKey, Timestamps, TenantOwned, db.Model):
    """A practice job interview at the job-interview session.

    The interviewer is a mentor of the cohort who is not the booking mentee's
    own mentor; the feedback is read only by that mentee and the coordinator.
    """

    __tablename__ = "interview_slots"
    __table_args__ = tenant_table_args(
        UniqueConstraint("tenant_id", "event_id", "interviewer_id", "starts_at"),
        UniqueConstraint("tenant_id", "event_id", "mentee_id"),
        same_tenant_fk("event_id", "events", ondelete="CASCADE"),
        same_tenant_fk("interviewer_id", "participants", ondelete="CASCADE"),
        same_tenant_fk("mentee_id", "participants", ondelete="SET NULL"),
    )

    event_id: Mapped[uuid.UUID] = mapped_column(index=True)
    interviewer_id: Mapped[uuid.UUID] = mapped_column(index=True)
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    mentee_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    booked_at: Mapped[datetime | None]
    feedback: Mapped[str | None] = mapped_column(Text)
    feedback_at: Mapped[datetime | None]

    event: Mapped[Event] = relationship(foreign_keys=[event_id])
    interviewer: Mapped[Participant] = relationship(foreign_keys=[interviewer_id])
    mentee: Mapped[Participant | None] = relationship(foreign_keys=[mentee_id])


BOOKED, CANCELLED = "booked", "cancelled"


class InterviewBookingChange(UUIDPrimaryKey, Timestamps, TenantOwned, db.Model):
    """A mentee booked or cancelled an interview slot: kept as a row, because a
    cancellation clears the slot and the coordinators' digest must still tell."""

    __tablename__ = "interview_booking_changes"
    __table_args__ = tenant_table_args(
        same_tenant_fk("event_id", "events", ondelete="CASCADE"),
        same_tenant_fk("mentee_id", "participants", ondelete="CASCADE"),
        same_tenant_fk("interviewer_id", "participants", ondelete="CASCADE"),
    )

    event_id: Mapped[uuid.UUID] = mapped_column(index=True)
    mentee_id: Mapped[uuid.UUID] = mapped_column(index=True)
    interviewer_id: Mapped[uuid.UUID] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(String(10))  # booked | cancelled
    starts_at: Mapped[datetime]  # the slot's time, kept after the slot is freed

    event: Mapped[Event] = relationship(foreign_keys=[event_id])
    mentee: Mapped[Participant] = relationship(foreign_keys=[mentee_id])
    interviewer: Mapped[Participant] = relationship(foreign_keys=[interviewer_id])
