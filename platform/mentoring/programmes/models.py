"""A cohort runs four months; mentees and mentors take part; pairs are matched."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mentoring.accounts.models import User
from mentoring.core.i18n import _l
from mentoring.core.models import Timestamps, UUIDPrimaryKey
from mentoring.core.scoping import TenantOwned, same_tenant_fk, tenant_table_args
from mentoring.extensions import db
from mentoring.programmes.status import CohortStatus

COHORT_STATUSES = {  # the statuses' labels, in the order of CohortStatus
    CohortStatus.PLANNING: _l("Planning"),
    CohortStatus.RECRUITING: _l("Recruiting"),
    CohortStatus.MATCHING: _l("Matching"),
    CohortStatus.RUNNING: _l("Running"),
    CohortStatus.CLOSED: _l("Closed"),
}
PARTICIPANT_ROLES = {"mentor": _l("Mentor"), "mentee": _l("Mentee")}


class Cohort(UUIDPrimaryKey, Timestamps, TenantOwned, db.Model):
    """One run of the programme in a city (the report's "forløb")."""

    __tablename__ = "cohorts"
    __table_args__ = tenant_table_args(UniqueConstraint("tenant_id", "name"))

    name: Mapped[str] = mapped_column(String(120))
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    status: Mapped[str] = mapped_column(String(20), default=CohortStatus.PLANNING)
    mentee_capacity: Mapped[int] = mapped_column(default=15)
    mentor_capacity: Mapped[int] = mapped_column(default=15)
    # A pair with no logged meeting for this many weeks is nudged; at twice
    # as many the coordinator is alerted. Copied from the city's template.
    nudge_after_weeks: Mapped[int] = mapped_column(default=3, server_default="3")

    participants: Mapped[list[Participant]] = relationship(
        back_populates="cohort",
        cascade="all, delete-orphan",
        foreign_keys="Participant.cohort_id",
    )
    pairs: Mapped[list[Pair]] = relationship(
        back_populates="cohort",
        cascade="all, delete-orphan",
        foreign_keys="Pair.cohort_id",
    )

    @property
    def status_label(self) -> str:
        return str(COHORT_STATUSES[self.status])

    @property
    def is_closed(self) -> bool:
        """A closed cohort is read-only: no edits, no more answers to its events."""
        return self.status == CohortStatus.CLOSED


class Participant(UUIDPrimaryKey, Timestamps, TenantOwned, db.Model):
    """A person taking part in one cohort, as mentor or mentee."""

    __tablename__ = "participants"
    __table_args__ = tenant_table_args(
        UniqueConstraint("tenant_id", "cohort_id", "user_id"),
        same_tenant_fk("cohort_id", "cohorts", ondelete="CASCADE"),
        same_tenant_fk("user_id", "users", ondelete="CASCADE"),
    )

    cohort_id: Mapped[uuid.UUID] = mapped_column(index=True)
    user_id: Mapped[uuid.UUID] = mapped_column(index=True)
    role: Mapped[str] = mapped_column(String(10))
    # A withdrawn participant left the cohort: the row stays for the history
    # and the figures (counted as withdrawn), but no pair, invitation or survey.
    withdrawn_at: Mapped[datetime | None]
    withdrawal_reason: Mapped[str | None] = mapped_column(String(200))

    cohort: Mapped[Cohort] = relationship(
        back_populates="participants", foreign_keys=[cohort_id]
    )
    user: Mapped[User] = relationship(foreign_keys=[user_id])

    @property
    def role_label(self) -> str:
        return str(PARTICIPANT_ROLES[self.role])

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class Pair(UUIDPrimaryKey, Timestamps, TenantOwned, db.Model):
    """A mentor and a mentee working together through one cohort."""

    __tablename__ = "pairs"
    __table_args__ = tenant_table_args(
        UniqueConstraint("tenant_id", "mentee_id"),
        UniqueConstraint("tenant_id", "mentor_id"),
        same_tenant_fk("cohort_id", "cohorts", ondelete="CASCADE"),
        same_tenant_fk("mentee_id", "participants", ondelete="CASCADE"),
        same_tenant_fk("mentor_id", "participants", ondelete="CASCADE"),
    )

    cohort_id: Mapped[uuid.UUID] = mapped_column(index=True)
    mentee_id: Mapped[uuid.UUID] = mapped_column()
    mentor_id: Mapped[uuid.UUID] = mapped_column()

    cohort: Mapped[Cohort] = relationship(
        back_populates="pairs", foreign_keys=[cohort_id]
    )
    mentee: Mapped[Participant] = relationship(foreign_keys=[mentee_id])
    mentor: Mapped[Participant] = relationship(foreign_keys=[mentor_id])


STEP_KINDS = {
    "career_workshop": _l("Career workshop for mentees"),
    "mentor_course": _l("Mentor course"),
    "kickoff": _l("Kickoff with speed-dating"),
    "midway": _l("Midway meeting"),
    "interview_session": _l("Job-interview session"),
    "closing": _l("Closing event"),
    "mentor_workshop": _l("Mentor workshop between cohorts"),
    "other": _l("Other event"),
}
AUDIENCES = {"mentees": _l("Mentees"), "mentors": _l("Mentors"), "both": _l("Everyone")}


class CohortTemplate(UUIDPrimaryKey, Timestamps, TenantOwned, db.Model):
    """A city's recipe for a cohort: capacity, length and the programme's steps.

    One per city, created with the programme's defaults the first time it is
    needed; the coordinator edits it, and each new cohort copies it.
    """

    __tablename__ = "cohort_templates"
    __table_args__ = tenant_table_args(UniqueConstraint("tenant_id"))

    mentee_capacity: Mapped[int] = mapped_column(default=15)
    mentor_capacity: Mapped[int] = mapped_column(default=15)
    duration_weeks: Mapped[int] = mapped_column(default=17)
    nudge_after_weeks: Mapped[int] = mapped_column(default=3)

    steps: Mapped[list[TemplateStep]] = relationship(
        back_populates="template",
        cascade="all, delete-orphan",
        order_by="TemplateStep.offset_days",
        foreign_keys="TemplateStep.template_id",
    )


class TemplateStep(UUIDPrimaryKey, Timestamps, TenantOwned, db.Model):
    """One programme step of the template, placed in days from the cohort's start."""

    __tablename__ = "template_steps"
    __table_args__ = tenant_table_args(
        same_tenant_fk("template_id", "cohort_templates", ondelete="CASCADE"),
    )

    template_id: Mapped[uuid.UUID] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(String(30))
    offset_days: Mapped[int]  # negative: before the cohort starts (mentor course)
    start_time: Mapped[str] = mapped_column(String(5), default="17:00")  # local HH:MM
    duration_minutes: Mapped[int] = mapped_column(default=120)
    audience: Mapped[str] = mapped_column(String(10), default="both")
    title_da: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200))
    description_da: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    location: Mapped[str] = mapped_column(String(200), default="")

    template: Mapped[CohortTemplate] = relationship(
        back_populates="steps", foreign_keys=[template_id]
    )
