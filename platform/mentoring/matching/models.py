"""Kickoff speed-dating, the ratings that follow it, and the matching board's state.

The pure parts (scores, solver, plan generator) live in sibling modules with no
database; these tables only keep what the coordinator and participants did.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mentoring.core.models import Timestamps, UUIDPrimaryKey
from mentoring.core.scoping import TenantOwned, same_tenant_fk, tenant_table_args
from mentoring.extensions import db
from mentoring.programmes.models import Cohort, Participant

RATING_MIN, RATING_MAX = 1, 5
CONSTRAINT_KINDS = ("lock", "forbid", "leave_out")


class SpeedDatingPlan(UUIDPrimaryKey, Timestamps, TenantOwned, db.Model):
    """The kickoff's rounds x tables for one cohort (regenerated until ratings come)."""

    __tablename__ = "speed_dating_plans"
    __table_args__ = tenant_table_args(
        UniqueConstraint("tenant_id", "cohort_id"),
        same_tenant_fk("cohort_id", "cohorts", ondelete="CASCADE"),
    )

    cohort_id: Mapped[uuid.UUID] = mapped_column(index=True)
    k: Mapped[int] = mapped_column(default=5)
    tables: Mapped[int] = mapped_column(default=0)
    rounds: Mapped[int] = mapped_column(default=0)

    cohort: Mapped[Cohort] = relationship(foreign_keys=[cohort_id])
    meetings: Mapped[list[SpeedDate]] = relationship(
        back_populates="plan",
        cascade="all, delete-orphan",
        foreign_keys="SpeedDate.plan_id",
    )


class SpeedDate(UUIDPrimaryKey, TenantOwned, db.Model):
    """One short talk: a mentee and a mentor at a table in a round."""

    __tablename__ = "speed_dates"
    __table_args__ = tenant_table_args(
        UniqueConstraint("tenant_id", "plan_id", "mentee_id", "mentor_id"),
        UniqueConstraint("tenant_id", "plan_id", "round_no", "table_no"),
        same_tenant_fk("plan_id", "speed_dating_plans", ondelete="CASCADE"),
        same_tenant_fk("mentee_id", "participants", ondelete="CASCADE"),
        same_tenant_fk("mentor_id", "participants", ondelete="CASCADE"),
    )

    plan_id: Mapped[uuid.UUID] = mapped_column(index=True)
    round_no: Mapped[int]
    table_no: Mapped[int]
    mentee_id: Mapped[uuid.UUID] = mapped_column(index=True)
    mentor_id: Mapped[uuid.UUID] = mapped_column(index=True)

    plan: Mapped[SpeedDatingPlan] = relationship(
        back_populates="meetings", foreign_keys=[plan_id]
    )
    mentee: Mapped[Participant] = relationship(foreign_keys=[mentee_id])
    mentor: Mapped[Participant] = relationship(foreign_keys=[mentor_id])


class MatchingSettings(UUIDPrimaryKey, Timestamps, TenantOwned, db.Model):
    """Per cohort: score weights, the rating deadline, and the last proposal.

    ``proposal`` is the last solve, kept small: ``{"pairs": [[mentee id, mentor
    id, score]], "total", "greedy_total", "blocking"}``; publishing creates
    exactly the pairs the coordinator saw.
    """

    __tablename__ = "matching_settings"
    __table_args__ = tenant_table_args(
        UniqueConstraint("tenant_id", "cohort_id"),
        same_tenant_fk("cohort_id", "cohorts", ondelete="CASCADE"),
    )

    cohort_id: Mapped[uuid.UUID] = mapped_column(index=True)
    weights: Mapped[dict[str, float]] = mapped_column(JSON, default=dict)
    rating_deadline_at: Mapped[datetime | None]
    proposal: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class Rating(UUIDPrimaryKey, Timestamps, TenantOwned, db.Model):
    """How much one participant would like to work with someone they met (1-5)."""

    __tablename__ = "matching_ratings"
    __table_args__ = tenant_table_args(
        UniqueConstraint("tenant_id", "rater_id", "rated_id"),
        CheckConstraint(
            f"value BETWEEN {RATING_MIN} AND {RATING_MAX}", name="value_range"
        ),
        same_tenant_fk("cohort_id", "cohorts", ondelete="CASCADE"),
        same_tenant_fk("rater_id", "participants", ondelete="CASCADE"),
        same_tenant_fk("rated_id", "participants", ondelete="CASCADE"),
    )

    cohort_id: Mapped[uuid.UUID] = mapped_column(index=True)
    rater_id: Mapped[uuid.UUID] = mapped_column(index=True)
    rated_id: Mapped[uuid.UUID] = mapped_column(index=True)
    value: Mapped[int]


class MatchingConstraint(UUIDPrimaryKey, Timestamps, TenantOwned, db.Model):
    """A coordinator's adjustment: lock or forbid a pair, or leave someone out."""

    __tablename__ = "matching_constraints"
    __table_args__ = tenant_table_args(
        same_tenant_fk("cohort_id", "cohorts", ondelete="CASCADE"),
        same_tenant_fk("mentee_id", "participants", ondelete="CASCADE"),
        same_tenant_fk("mentor_id", "participants", ondelete="CASCADE"),
    )

    cohort_id: Mapped[uuid.UUID] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(String(10))  # CONSTRAINT_KINDS
    mentee_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    mentor_id: Mapped[uuid.UUID | None] = mapped_column(index=True)


class RatingReminder(UUIDPrimaryKey, TenantOwned, db.Model):
    """A reminder to rate, sent once per person and deadline (the unique key)."""

    __tablename__ = "matching_rating_reminders"
    __table_args__ = tenant_table_args(
        UniqueConstraint("tenant_id", "participant_id", "deadline_at"),
        same_tenant_fk("participant_id", "participants", ondelete="CASCADE"),
    )

    participant_id: Mapped[uuid.UUID] = mapped_column(index=True)
    deadline_at: Mapped[datetime]
    sent_at: Mapped[datetime]
