"""A meeting a pair logged, and the nudges sent when a pair goes quiet."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import JSON, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mentoring.accounts.models import User
from mentoring.core.i18n import _l
from mentoring.core.models import Timestamps, UUIDPrimaryKey
from mentoring.core.scoping import TenantOwned, same_tenant_fk, tenant_table_args
from mentoring.extensions import db
from mentoring.programmes.models import Pair

MEETING_TOPICS = {
    "cv": _l("CV and application"),
    "job_search": _l("Job search"),
    "interview": _l("Job interviews"),
    "network": _l("Network"),
    "work_culture": _l("Danish work culture"),
    "education": _l("Education"),
    "language": _l("Danish language"),
    "other": _l("Other"),
}


class Meeting(UUIDPrimaryKey, Timestamps, TenantOwned, db.Model):
    """One 1:1 meeting. The notes are the pair's own: no coordinator reads them."""

    __tablename__ = "meetings"
    __table_args__ = tenant_table_args(
        same_tenant_fk("pair_id", "pairs", ondelete="CASCADE"),
        same_tenant_fk("logged_by_id", "users", ondelete="SET NULL"),
    )

    pair_id: Mapped[uuid.UUID] = mapped_column(index=True)
    logged_by_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    held_on: Mapped[date] = mapped_column(index=True)
    duration_minutes: Mapped[int]
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")

    pair: Mapped[Pair] = relationship(foreign_keys=[pair_id])
    logged_by: Mapped[User | None] = relationship(foreign_keys=[logged_by_id])

    @property
    def topic_labels(self) -> list[str]:
        return [str(MEETING_TOPICS.get(key, key)) for key in self.topics or []]


class PairReminder(UUIDPrimaryKey, Timestamps, TenantOwned, db.Model):
    """A nudge to a quiet pair, or an alert to its coordinator: once per quiet spell.

    ``since`` is the date the pair's quiet spell began (its last meeting, or the
    cohort's start): the unique key makes a repeated job run send nothing twice.
    """

    __tablename__ = "pair_reminders"
    __table_args__ = tenant_table_args(
        UniqueConstraint("tenant_id", "pair_id", "kind", "since"),
        same_tenant_fk("pair_id", "pairs", ondelete="CASCADE"),
    )

    pair_id: Mapped[uuid.UUID] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(String(10))  # nudge | alert
    since: Mapped[date]
    sent_at: Mapped[datetime]
