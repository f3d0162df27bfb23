"""An analyst who tries to work out every hidden cell from the published tables.

It knows what the network sees and how the tables relate, nothing more:

* published figures: exact counts and bases ``n``; a rounded share is the
  interval of counts that round to it, a mean to one decimal the interval of
  sums that round to it;
* what a reason code says (``small_count``: below 5; ``small_base``: ``n``
  below 10; ``small_complement``: ``n`` at least 10 and the count or its
  complement below 5; ``secondary``: the cell itself would have passed);
* the sums: the network is the sum of its cities, all time the sum of the
  years, the members of a partition share one ``n`` and their counts add up to it.

It models every figure as two unknown integers (``n`` and the count) and, for
each hidden count, solves two integer programs (scipy's HiGHS): the least and
the greatest value consistent with all of that. When they meet, the cell has
been recovered. This is exact, not a heuristic: it finds every combination of
differences, however many tables it takes. The true data only name the
targets and check the attacker (the truth must lie within its bounds).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from mentoring.benchmarking.disclosure import (
    ALL_TIME,
    NETWORK,
    SECONDARY,
    SMALL_BASE,
    SMALL_COMPLEMENT,
    SMALL_COUNT,
    Cell,
    Figure,
    pooled,
    round_share,
)

CAP = 500  # a bound on any count: generous, and only ever helps the attacker
Key = tuple[str, str, str]


class Model:
    """Integer variables with bounds, linear constraints, and one disjunction."""

    def __init__(self) -> None:
        self.lo: list[int] = []
        self.hi: list[int] = []
        self.linear: list[tuple[list[tuple[int, int]], int, int]] = []
        self.either: list[tuple[int, int]] = []  # count <= 4 or count >= n - 4

    def var(self, lo: int, hi: int) -> int:
        self.lo.append(lo)
        self.hi.append(hi)
        return len(self.lo) - 1

    def add(self, terms: list[tuple[int, int]], lo: int, hi: int) -> None:
        """``lo <= sum(coef * x) <= hi``."""
        self.linear.append((terms, lo, hi))


def _program(model: Model) -> tuple[LinearConstraint, Bounds, np.ndarray]:
    """The model as a mixed-integer program; a 0/1 switch per disjunction."""
    size = len(model.lo) + len(model.either)
    rows, lows, highs = [], [], []
    for terms, low, high in model.linear:
        row = np.zeros(size)
        for v, a in terms:
            row[v] += a
        rows.append(row)
        lows.append(low)
        highs.append(high)
    for j, (c, n) in enumerate(model.either):
        z = len(model.lo) + j  # 0: count <= 4; 1: count >= n - 4
        small = np.zeros(size)
        small[c], small[z] = 1, -CAP
        large = np.zeros(size)
        large[c], large[n], large[z] = 1, -1, -CAP
        rows += [small, large]
        lows += [-np.inf, -4 - CAP]
        highs += [4, np.inf]
    bounds = Bounds(
        [*model.lo, *[0] * len(model.either)], [*model.hi, *[1] * len(model.either)]
    )
    return LinearConstraint(np.array(rows), lows, highs), bounds, np.ones(size)


def extent(program: tuple, var: int) -> tuple[int, int]:
    """The least and the greatest value ``var`` can take: exact, by integer programs."""
    constraints, bounds, integrality = program
    found = []
    for sign in (1, -1):
        objective = np.zeros(len(integrality))
        objective[var] = sign
        result = milp(
            objective, constraints=constraints, bounds=bounds, integrality=integrality
        )
        assert result.success, result.message  # the true data are a solution
        found.append(round(result.x[var]))
    return found[0], found[1]


def _interval(figure: Figure) -> tuple[int, int]:
    """The counts (or sums) that publish as ``figure.value`` with its ``n``."""
    n = figure.n
    assert n is not None
    if figure.kind == "count":
        return int(figure.value), int(figure.value)
    if figure.kind == "share":
        fits = [c for c in range(n + 1) if round_share(c, n) == figure.value]
    else:
        top = int((figure.value + 1) * n) + 1
        fits = [s for s in range(top + 1) if round(s / n, 1) == figure.value]
    return min(fits), max(fits)


def _model(
    figures: Sequence[Figure],
    truth: dict[Key, Cell],
    partitions: Sequence[tuple[str, ...]],
) -> tuple[Model, dict[Key, tuple[int, int]]]:
    model, of = Model(), {}
    for f in figures:
        key = (f.city, f.period, f.measure)
        if f.suppressed:
            n = model.var(0, CAP)
            c = model.var(0, CAP)
        else:
            lo, hi = _interval(f)
            n = model.var(f.n, f.n)
            c = model.var(lo, hi)
        of[key] = (n, c)
        _what_the_reason_says(model, f, n, c)
    _sums(model, of, partitions)
    return model, of


def _what_the_reason_says(model: Model, f: Figure, n: int, c: int) -> None:
    if f.kind == "count":
        model.add([(c, 1), (n, -1)], 0, 0)
    elif f.kind == "share":
        model.add([(c, 1), (n, -1)], -CAP, 0)
    if f.reason == SMALL_COUNT:
        model.add([(c, 1)], 0, 4)
    elif f.reason == SMALL_BASE:
        model.add([(n, 1)], 0, 9)
    elif f.reason == SMALL_COMPLEMENT:
        model.add([(n, 1)], 10, CAP)
        model.either.append((c, n))
    elif f.reason == SECONDARY:
        if f.kind == "count":
            model.add([(c, 1)], 5, CAP)
        else:
            model.add([(n, 1)], 10, CAP)
        if f.kind == "share":
            model.add([(c, 1)], 5, CAP)
            model.add([(n, 1), (c, -1)], 5, CAP)


def _sums(
    model: Model,
    of: dict[Key, tuple[int, int]],
    partitions: Sequence[tuple[str, ...]],
) -> None:
    def equal_sum(total: Key, parts: list[Key]) -> None:
        for which in (0, 1):  # n, then the count
            terms = [(of[total][which], -1)] + [(of[p][which], 1) for p in parts]
            model.add(terms, 0, 0)

    keys = sorted(of)
    for city, period, measure in keys:
        if city == NETWORK:
            parts = [k for k in keys if k[1:] == (period, measure) and k[0] != NETWORK]
            equal_sum((city, period, measure), parts)
        if period == ALL_TIME:
            years = [
                k for k in keys if k[0] == city and k[2] == measure and k[1] != ALL_TIME
            ]
            if years:
                equal_sum((city, period, measure), years)
    for city, period in sorted({k[:2] for k in keys}):
        for group in partitions:
            members = [(city, period, m) for m in group]
            if all(m in of for m in members):
                base = of[members[0]][0]
                for m in members[1:]:
                    model.add([(of[m][0], 1), (base, -1)], 0, 0)
                model.add([(of[m][1], 1) for m in members] + [(base, -1)], 0, 0)


def targets(figures: Sequence[Figure], truth: dict[Key, Cell]) -> list[Key]:
    """The cells that were hidden to protect people: a share of nobody excepted."""
    primary = {SMALL_COUNT, SMALL_BASE, SMALL_COMPLEMENT}
    found = []
    for f in figures:
        key = (f.city, f.period, f.measure)
        if f.reason in primary and (f.kind == "count" or truth[key].n > 0):
            found.append(key)
    return found


def recovered(
    figures: Sequence[Figure],
    cells: Sequence[Cell],
    partitions: Sequence[tuple[str, ...]],
) -> dict[Key, int]:
    """Every hidden count the published figures pin to a single value."""
    truth = {(c.city, c.period, c.measure): c for c in [*cells, *pooled(cells)]}
    model, of = _model(figures, truth, partitions)
    program, found = _program(model), {}
    for key in targets(figures, truth):
        low, high = extent(program, of[key][1])
        assert low <= truth[key].count <= high
        if low == high:
            found[key] = low
    return found
