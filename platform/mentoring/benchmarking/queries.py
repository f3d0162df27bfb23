"""Reads of the published snapshot: all any page ever sees of the network.

Every function reads ``BenchmarkFigure`` (figures that passed disclosure
control) and nothing else about the cities' programmes; never a tenant-owned
table. Each is one statement, whatever the number of cities.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func

from mentoring.benchmarking.disclosure import ALL_TIME, NETWORK
from mentoring.benchmarking.models import BenchmarkFigure
from mentoring.benchmarking.spread import Spread, spread
from mentoring.extensions import db
from mentoring.results.measures import MEASURES

# The headline figures of the public impact page: network rows only.
HEADLINES: tuple[str, ...] = (
    "participants_mentees",
    "participants_mentors",
    "cohorts",
    "mentees_in_work_after_six_months",
)


@dataclass(frozen=True)
class Filters:
    """What an analyst narrowed the figures to; the defaults show everything."""

    period: str | None = None  # None: every period
    without_demo: bool = False

    def apply(self, query):  # noqa: ANN001, ANN201 - a select of BenchmarkFigure
        if self.period is not None:
            query = query.where(BenchmarkFigure.period == self.period)
        if self.without_demo:
            query = query.where(BenchmarkFigure.demo.is_(False))
        return query


def _ordered(query):  # noqa: ANN001, ANN202
    network_last = (BenchmarkFigure.city == NETWORK).asc()
    return query.order_by(
        BenchmarkFigure.measure,
        BenchmarkFigure.period,
        network_last,
        BenchmarkFigure.city,
    )


def figures(
    filters: Filters = Filters(), measure: str | None = None
) -> list[BenchmarkFigure]:
    """Published figures, by measure, period and city (the network's row last)."""
    query = filters.apply(db.select(BenchmarkFigure))
    if measure is not None:
        query = query.where(BenchmarkFigure.measure == measure)
    return list(db.session.scalars(_ordered(query)))


def periods() -> list[str]:
    """The periods in the snapshot: all time first, then the years, newest first."""
    found = db.session.scalars(db.select(BenchmarkFigure.period).distinct())
    years = sorted((p for p in found if p != ALL_TIME), reverse=True)
    return [ALL_TIME, *years]


def measure_keys(prefix: str = "") -> list[str]:
    """Every measure key in the snapshot (starting with ``prefix``), sorted."""
    query = db.select(BenchmarkFigure.measure).distinct()
    if prefix:
        query = query.where(BenchmarkFigure.measure.startswith(prefix))
    return sorted(db.session.scalars(query))


@dataclass(frozen=True)
class MeasureFigures:
    """One measure in one period: the network's row, the cities' rows, spread."""

    measure: str
    period: str
    network: BenchmarkFigure | None
    cities: list[BenchmarkFigure]
    spread: Spread | None

    @property
    def kind(self) -> str:
        rows = [*self.cities, *([self.network] if self.network else [])]
        return rows[0].kind if rows else "share"

    @property
    def suppressed(self) -> int:
        return sum(1 for row in self.cities if row.suppressed)


def grouped(rows: Iterable[BenchmarkFigure]) -> list[MeasureFigures]:
    """``rows`` as one :class:`MeasureFigures` per (measure, period), in order."""
    groups: dict[tuple[str, str], list[BenchmarkFigure]] = {}
    for row in rows:
        groups.setdefault((row.measure, row.period), []).append(row)
    return [_group(key, members) for key, members in groups.items()]


def _group(key: tuple[str, str], rows: Sequence[BenchmarkFigure]) -> MeasureFigures:
    network = next((r for r in rows if r.city == NETWORK), None)
    cities = [r for r in rows if r.city != NETWORK]
    return MeasureFigures(
        key[0], key[1], network, cities, spread(r.value for r in cities)
    )


@dataclass(frozen=True)
class Comparison:
    """A city's own figure for a measure beside the network's and the range."""

    measure: str
    kind: str
    own: BenchmarkFigure
    network: BenchmarkFigure
    spread: Spread | None


def comparison(tenant_id: uuid.UUID) -> list[Comparison]:
    """The city's own all-time figures with the network's, where both exist,
    in the results page's order.

    "Own" means the row whose ``tenant_id`` is this city's: never found by name,
    so another city's row can never be shown as the city's.
    """
    rows = figures(Filters(period=ALL_TIME))
    found = []
    for group in grouped(rows):
        own = next((r for r in group.cities if r.tenant_id == tenant_id), None)
        if own is not None and group.network is not None:
            found.append(
                Comparison(group.measure, own.kind, own, group.network, group.spread)
            )
    return sorted(found, key=lambda c: (_results_order(c.measure), c.measure))


def _results_order(key: str) -> int:
    """The results page's order first (shared measures), then the others."""
    order = [m.key for m in MEASURES]
    return order.index(key) if key in order else len(order)


@dataclass(frozen=True)
class Headlines:
    """The public page's figures: counts of cities and the network's rows."""

    cities: int
    figures: dict[str, BenchmarkFigure]


def headlines() -> Headlines:
    """How many cities the snapshot covers, and the network's all-time headlines."""
    cities = db.session.scalar(
        db.select(func.count(func.distinct(BenchmarkFigure.city))).where(
            BenchmarkFigure.city != NETWORK, BenchmarkFigure.period == ALL_TIME
        )
    )
    rows = db.session.scalars(
        db.select(BenchmarkFigure).where(
            BenchmarkFigure.city == NETWORK,
            BenchmarkFigure.period == ALL_TIME,
            BenchmarkFigure.measure.in_(HEADLINES),
        )
    )
    return Headlines(cities or 0, {row.measure: row for row in rows})
