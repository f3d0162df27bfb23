"""The network's comparison of cities: counts per city and what may be published.

None of these tables holds a person: only counts per city, period and measure
(``BenchmarkCell``), the figures that passed disclosure control
(``BenchmarkFigure``, all the network pages ever read), and each city's choice
to share (``CitySharing``, the city's own row).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mentoring.core.models import Timestamps, UUIDPrimaryKey
from mentoring.core.scoping import TenantOwned, tenant_table_args
from mentoring.extensions import db


class BenchmarkRun(UUIDPrimaryKey, db.Model):
    """One computation of the snapshot: when, how many cities, how it ended."""

    __tablename__ = "benchmark_runs"

    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reason: Mapped[str] = mapped_column(String(20))  # nightly | cohort_closed | asked
    cities: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(10), default="running")


class BenchmarkCell(UUIDPrimaryKey, db.Model):
    """A sharing city's raw count for one period and measure (never a person).

    ``n`` is the base, ``count`` the numerator (for a mean: the sum). Read only by
    the snapshot's disclosure control, never by a page.
    """

    __tablename__ = "benchmark_cells"
    __table_args__ = (UniqueConstraint("tenant_id", "period", "measure"),)

    tenant_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("tenants.id", ondelete="CASCADE"), index=True
    )
    period: Mapped[str] = mapped_column(String(8))  # "2025", or "all"
    measure: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(8))  # share | count | mean
    n: Mapped[int] = mapped_column(Integer)
    count: Mapped[int] = mapped_column(Integer)
    computed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class BenchmarkFigure(UUIDPrimaryKey, db.Model):
    """A figure as the network may see it: published, or suppressed with a reason.

    ``city`` is the city's name or pseudonym when the snapshot was made (or
    ``network`` for the pooled figure); ``tenant_id`` lets a city find its own
    row and is never shown on the network's pages.
    """

    __tablename__ = "benchmark_figures"
    __table_args__ = (UniqueConstraint("city", "period", "measure"),)

    tenant_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("tenants.id", ondelete="CASCADE"), index=True
    )
    city: Mapped[str] = mapped_column(String(200))
    demo: Mapped[bool] = mapped_column(default=False)
    period: Mapped[str] = mapped_column(String(8))
    measure: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(8))
    n: Mapped[int | None] = mapped_column(Integer)
    value: Mapped[float | None]
    reason: Mapped[str | None] = mapped_column(String(20))
    computed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    @property
    def suppressed(self) -> bool:
        return self.value is None


class CitySharing(UUIDPrimaryKey, Timestamps, TenantOwned, db.Model):
    """The city's choice: share its figures with the network, named or not."""

    __tablename__ = "city_sharing"
    # The pseudonym is unique across cities: the database refuses a taken one,
    # so choosing it never needs to read another city's row.
    __table_args__ = tenant_table_args(
        UniqueConstraint("tenant_id"), UniqueConstraint("pseudonym")
    )

    shares: Mapped[bool] = mapped_column(default=True)
    named: Mapped[bool] = mapped_column(default=True)
    # Stable once made, so a city under a pseudonym is the same city every year.
    pseudonym: Mapped[str] = mapped_column(String(40))
