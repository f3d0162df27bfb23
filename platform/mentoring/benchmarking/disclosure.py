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
  another table.

How secondary suppression works (:func:`protect`). The analyst knows the
sums between the tables (:func:`relations`): the network against its cities,
all time against the years, the five outcomes against their common base. A
hidden cell is safe when there is *other data* that publishes exactly the same
tables and reason codes and in which that cell differs: a witness, found by
:mod:`.perturbation` as a change of -1, 0 or +1 to each hidden cell that keeps
every sum, leaves published cells and every base ``n`` as they are, and keeps
each changed cell within what its reason code says (a ``small_count`` stays
below 5, a ``secondary`` cell stays publishable). Published shares and means are
treated as exact, which is stricter than their rounding. For each cell hidden
by a primary rule, in a fixed order: while it has no witness, hide one more
published cell related to it (nearest first, then a city before the network,
a year before all time, the smallest count first; of the first LOOKAHEAD the
first that gives a witness at once). Hiding more never takes a witness away,
so once every cell has one, the tables are stable. Same input, same output.

A count cell's ``n`` is its count, so it moves with it; a share's ``n`` stays
put in the witness, so working out ``n`` never pins the count. A share or mean
of nobody (``n == 0``) has nothing to protect.

``docs/DISCLOSURE.md`` explains the rules for people.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from mentoring.benchmarking.perturbation import Domain, Line, witness

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
PRIMARY = frozenset({SMALL_COUNT, SMALL_BASE, SMALL_COMPLEMENT})

# The six-month outcomes: every mentee who answered is in exactly one of them.
OUTCOMES = (
    "mentees_in_work_after_six_months",
    "mentees_in_education",
    "mentees_self_employed",
    "mentees_clarified",
    "mentees_job_seeking",
)
PARTITIONS: tuple[tuple[str, ...], ...] = (OUTCOMES,)
LOOKAHEAD = 12  # candidates tried for the one that protects a cell at once

Key = tuple[str, str, str]  # (city, period, measure)


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


def primary(cells: Sequence[Cell]) -> list[Figure]:
    """The first step only: each city's figure and the network's, primary rules.

    Never publish this on its own (the tests attack it to show why). The
    network figure of a (period, measure) needs MIN_CITIES contributing cities
    and passes the same rules as a city's.
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


def _key(cell: Cell) -> Key:
    return (cell.city, cell.period, cell.measure)


def relations(
    cells: Iterable[Cell], partitions: Sequence[tuple[str, ...]] = PARTITIONS
) -> list[Line]:
    """Every sum an analyst can form between the tables: ``sum(sign * count) == 0``.

    The network against its cities, all time against the years (for a city
    and for the network), and the members of a partition against their common
    base (the base itself is published with any member, so only the counts
    appear: they add up to it).
    """
    keys = {_key(c) for c in cells}
    by_column: dict[tuple[str, str], list[Key]] = {}
    by_row: dict[tuple[str, str], list[Key]] = {}
    for city, period, measure in sorted(keys):
        if city != NETWORK:
            by_column.setdefault((period, measure), []).append((city, period, measure))
        if period != ALL_TIME:
            by_row.setdefault((city, measure), []).append((city, period, measure))
    lines: list[Line] = []
    for (period, measure), parts in by_column.items():
        if (NETWORK, period, measure) in keys:
            lines.append([((NETWORK, period, measure), -1), *((k, 1) for k in parts)])
    for (city, measure), years in by_row.items():
        if (city, ALL_TIME, measure) in keys:
            lines.append([((city, ALL_TIME, measure), -1), *((k, 1) for k in years)])
    for city, period in sorted({(k[0], k[1]) for k in keys}):
        for group in partitions:
            members = [(city, period, measure) for measure in group]
            if len(members) > 1 and all(k in keys for k in members):
                lines.append([(k, 1) for k in members])
    return lines


def _consistent(cell: Cell, reason: str, count: int) -> bool:
    """Could ``cell`` hold ``count`` and still be suppressed for ``reason``?"""
    if count < 0 or (cell.kind == "share" and count > cell.n):
        return False
    if cell.kind == "count":
        moved = replace(cell, n=count, count=count)
    else:
        moved = replace(cell, count=count)
    if reason == FEW_CITIES:
        return True
    if reason == SECONDARY:
        return primary_reason(moved) is None
    return primary_reason(moved) == reason


def _domain(cell: Cell, reason: str) -> Domain:
    """How far the cell may move by one: a hidden cell's value is only bounded
    by what its reason code tells (a contiguous range, as the true value is in).
    """
    moves = [d for d in (-1, 0, 1) if _consistent(cell, reason, cell.count + d)]
    return (min(moves), max(moves))


def _has_people(cell: Cell) -> bool:
    """A share or mean of nobody tells nothing about anybody."""
    return cell.kind == "count" or cell.n > 0


class _Protection:
    """The state of secondary suppression: who is hidden, what relates them."""

    def __init__(
        self,
        cells: Sequence[Cell],
        reasons: dict[Key, str | None],
        partitions: Sequence[tuple[str, ...]],
    ) -> None:
        self.cells = {_key(c): c for c in cells}
        self.reasons = reasons
        self.lines = relations(cells, partitions)
        self.touching: dict[Key, list[int]] = {}
        for i, line in enumerate(self.lines):
            for key, _sign in line:
                self.touching.setdefault(key, []).append(i)

    def safe(self, target: Key, extra: Key | None = None) -> bool:
        """Is there other data, same published tables, where ``target`` differs?"""
        domains = {
            key: _domain(self.cells[key], reason)
            for key, reason in self.reasons.items()
            if reason is not None
        }
        if extra is not None:
            domains[extra] = _domain(self.cells[extra], SECONDARY)
        return witness(domains, self.lines, target) is not None

    def candidates(self, target: Key) -> list[Key]:
        """Published cells related to ``target``, nearest and smallest first.

        Distance counts hidden cells in between; then city cells before the
        network's, years before all time, small counts before large.
        """
        found: dict[Key, int] = {}
        seen, frontier, distance = {target}, [target], 0
        while frontier:
            following = []
            for key in frontier:
                for i in self.touching.get(key, []):
                    for other, _sign in self.lines[i]:
                        if other in seen:
                            continue
                        seen.add(other)
                        if self.reasons[other] is None:
                            found[other] = distance
                        else:
                            following.append(other)
            frontier, distance = sorted(following), distance + 1

        def rank(key: Key) -> tuple:
            city, period, _measure = key
            return (
                found[key],
                city == NETWORK,
                period == ALL_TIME,
                self.cells[key].count,
                key,
            )

        return sorted(found, key=rank)

    def protect(self, target: Key) -> bool:
        """Hide more cells until ``target`` cannot be worked out; False if it can."""
        while not self.safe(target):
            candidates = self.candidates(target)
            if not candidates:
                return False
            chosen = next(
                (c for c in candidates[:LOOKAHEAD] if self.safe(target, extra=c)),
                candidates[0],
            )
            self.reasons[chosen] = SECONDARY
        return True


def protect(
    cells: Sequence[Cell],
    reasons: dict[Key, str | None],
    partitions: Sequence[tuple[str, ...]] = PARTITIONS,
) -> list[Key]:
    """Secondary suppression: mark more of ``reasons`` SECONDARY, in place.

    Returns the cells that could not be protected (none for real tables: with
    everything related hidden, a cell can always move by one).
    """
    state = _Protection(cells, reasons, partitions)
    targets = sorted(
        key
        for key, reason in reasons.items()
        if reason in PRIMARY and _has_people(state.cells[key])
    )
    return [target for target in targets if not state.protect(target)]


def publish(
    cells: Sequence[Cell], *, partitions: Sequence[tuple[str, ...]] = PARTITIONS
) -> list[Figure]:
    """Every city's figure and the network's, after primary and secondary rules.

    One figure per input cell, in order, then one per (period, measure) for the
    network. ``partitions`` names the groups of share measures whose counts
    add up to one base.
    """
    figures = primary(cells)
    every = [*cells, *pooled(cells)]
    reasons = {_key(c): f.reason for c, f in zip(every, figures, strict=True)}
    protect(every, reasons, partitions)
    return [figure(cell, reasons[_key(cell)]) for cell in every]
