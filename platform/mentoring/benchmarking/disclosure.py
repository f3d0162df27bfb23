"""Disclosure control for the network's tables (pure: no Flask, no database).

A cohort has about fifteen mentees, so a careless table tells one person's
outcome. The network therefore sees fixed tables, built here from per-city
counts by these rules:

* a count below :data:`MIN_COUNT` is not published;
* a share only when its base ``n`` is at least :data:`MIN_BASE` and both the
  count and its complement (``n - count``) are at least :data:`MIN_COUNT`;
* published shares are rounded to :data:`ROUND_TO` percentage points;
* a network figure (pooled over cities) only from at least :data:`MIN_CITIES`
  cities;
* secondary suppression: no suppressed cell may be worked out from a total,
  from the other cities, from another period (a year against all time) or from
  another table (see :func:`publish`).

``docs/DISCLOSURE.md`` explains the rules for people.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

MIN_COUNT = 5
MIN_BASE = 10
ROUND_TO = 5
MIN_CITIES = 3
NETWORK = "network"
ALL_TIME = "all"

Kind = Literal["share", "count", "mean"]

# Why a cell is not published (stable codes; the pages explain them in words).
SMALL_COUNT = "small_count"  # a count below MIN_COUNT
SMALL_BASE = "small_base"  # a share whose base is below MIN_BASE
SMALL_COMPLEMENT = "small_complement"  # count or n - count below MIN_COUNT
FEW_CITIES = "few_cities"  # a network figure from fewer than MIN_CITIES cities
SECONDARY = "secondary"  # would let a suppressed cell be worked out


@dataclass(frozen=True)
class Cell:
    """One city's raw figure for one period and measure: counts, never people.

    ``n`` is the base (people who answered, or took part; pairs for a mean);
    ``count`` the numerator of a share, the count itself for a count measure
    (``n`` equal), or the sum for a mean (meetings per pair: meetings).
    """

    city: str
    period: str
    measure: str
    kind: Kind
    n: int
    count: int


@dataclass(frozen=True)
class Figure:
    """A published (or suppressed) figure: what the network may see.

    ``value`` is a share in whole percent (rounded to ROUND_TO), a count, or a
    mean to one decimal; ``None`` when suppressed, with ``reason`` saying why.
    """

    city: str
    period: str
    measure: str
    kind: Kind
    n: int | None
    value: float | None
    reason: str | None = None

    @property
    def suppressed(self) -> bool:
        return self.value is None


def round_share(count: int, n: int) -> int:
    """``count / n`` in percent, rounded to the nearest ROUND_TO (halves up)."""
    steps = (200 * count + ROUND_TO * n) // (2 * ROUND_TO * n)
    return int(steps * ROUND_TO)


def primary_reason(cell: Cell) -> str | None:
    """Why ``cell`` may not be published on its own, or None if it may."""
    if cell.kind == "count":
        return SMALL_COUNT if cell.count < MIN_COUNT else None
    if cell.kind == "mean":
        return SMALL_BASE if cell.n < MIN_BASE else None
    if cell.n < MIN_BASE:
        return SMALL_BASE
    if cell.count < MIN_COUNT or cell.n - cell.count < MIN_COUNT:
        return SMALL_COMPLEMENT
    return None


def figure(cell: Cell, reason: str | None = None) -> Figure:
    """The published form of ``cell`` (suppressed when ``reason`` is given)."""
    if reason is not None:
        return Figure(
            cell.city, cell.period, cell.measure, cell.kind, None, None, reason
        )
    if cell.kind == "count":
        value: float = cell.count
    elif cell.kind == "mean":
        value = round(cell.count / cell.n, 1)
    else:
        value = round_share(cell.count, cell.n)
    return Figure(cell.city, cell.period, cell.measure, cell.kind, cell.n, value)


def pooled(cells: Iterable[Cell]) -> list[Cell]:
    """The network's cells: each (period, measure) summed over its cities."""
    totals: dict[tuple[str, str], Cell] = {}
    cities: dict[tuple[str, str], set[str]] = {}
    for cell in cells:
        key = (cell.period, cell.measure)
        cities.setdefault(key, set()).add(cell.city)
        if key in totals:
            old = totals[key]
            totals[key] = replace(old, n=old.n + cell.n, count=old.count + cell.count)
        else:
            totals[key] = replace(cell, city=NETWORK)
    return [totals[key] for key in sorted(totals)]


def publish(cells: Sequence[Cell]) -> list[Figure]:
    """Every city's figure and the network's, with primary suppression applied.

    The network figure of a (period, measure) needs MIN_CITIES contributing
    cities and passes the same rules as a city's.
    """
    figures = [figure(cell, primary_reason(cell)) for cell in cells]
    contributors: dict[tuple[str, str], int] = {}
    for cell in cells:
        key = (cell.period, cell.measure)
        contributors[key] = contributors.get(key, 0) + 1
    for total in pooled(cells):
        if contributors[(total.period, total.measure)] < MIN_CITIES:
            figures.append(figure(total, FEW_CITIES))
        else:
            figures.append(figure(total, primary_reason(total)))
    return figures
