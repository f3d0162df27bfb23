"""What the coordinators' daily digest has covered: the database's memory of it."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mentoring.core.models import Timestamps, UUIDPrimaryKey
from mentoring.core.scoping import TenantOwned, tenant_table_args
from mentoring.extensions import db


class CoordinatorDigest(UUIDPrimaryKey, Timestamps, TenantOwned, db.Model):
    """One city's digest for one local day, covering ``[period_start, period_end)``.

    The unique (city, day) key is the claim: of two runs only one inserts it, so
    nothing is sent twice; the next digest starts where this one ended.
    """

    __tablename__ = "coordinator_digests"
    __table_args__ = tenant_table_args(UniqueConstraint("tenant_id", "day"))

    day: Mapped[date]
    period_start: Mapped[datetime]
    period_end: Mapped[datetime]
    applications: Mapped[int] = mapped_column(default=0)
    bookings: Mapped[int] = mapped_column(default=0)
    recipients: Mapped[int] = mapped_column(default=0)
