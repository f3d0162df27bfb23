"""A cohort runs four months; mentees and mentors take part; pairs are matched."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mentoring.accounts.models import User
from mentoring.core.i18n import _l
from mentoring.core.models import Timestamps, UUIDPrimaryKey
from mentoring.core.scoping import TenantOwned, same_tenant_fk, tenant_table_args
from mentoring.extensions import db

COHORT_STATUSES = {
    "planning": _l("Planning"),
    "recruiting": _l("Recruiting"),
    "matching": _l("Matching"),
    "running": _l("Running"),
    "closed": _l("Closed"),
}
PARTICIPANT_ROLES = {"mentor": _l("Mentor"), "mentee": _l("Mentee")}


class Cohort(UUIDPrimaryKey, Timestamps, TenantOwned, db.Model):
    """One run of the programme in a city (the report's "forløb")."""

    __tablename__ = "cohorts"
    __table_args__ = tenant_table_args(UniqueConstraint("tenant_id", "name"))

    name: Mapped[str] = mapped_column(String(120))
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    status: Mapped[str] = mapped_column(String(20), default="planning")
    mentee_capacity: Mapped[int] = mapped_column(default=15)
    mentor_capacity: Mapped[int] = mapped_column(default=15)

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

    cohort: Mapped[Cohort] = relationship(
        back_populates="participants", foreign_keys=[cohort_id]
    )
    user: Mapped[User] = relationship(foreign_keys=[user_id])

    @property
    def role_label(self) -> str:
        return str(PARTICIPANT_ROLES[self.role])


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
