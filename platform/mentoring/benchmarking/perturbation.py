"""A witness that a hidden cell cannot be worked out (pure: no Flask, no database).

Disclosure control proves a suppressed cell safe by *constructing* another set of
data that the published tables cannot tell from the real one and in which that
cell differs: a perturbation ``d`` of the hidden cells, each within a small
domain around its true value (``-1..1``, cut down so that the changed value
still fits what its reason code says), such that every linear relation between
cells (a total, a year against all time, the parts of one base) still holds:
``sum(sign * d[key]) == 0`` over each line. Published cells do not move.

This module knows nothing of cities or measures: variables are opaque keys.
It is a small depth-first search with bounds propagation; a node budget keeps
it finite, and running out of budget counts as "no witness" (the caller then
suppresses more, which is the safe side).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence

Line = Sequence[tuple[Hashable, int]]  # (variable, sign): sum(sign * d) == 0
Domain = tuple[int, int]  # inclusive bounds of d

BUDGET = 20_000


class _OutOfBudget(Exception):
    pass


def witness(
    domains: Mapping[Hashable, Domain],
    lines: Sequence[Line],
    target: Hashable,
    budget: int = BUDGET,
) -> dict[Hashable, int] | None:
    """A perturbation moving ``target`` and keeping every line, or None.

    Variables missing from ``domains`` are published: they stay at 0.
    """
    hidden = [[(v, s) for v, s in line if v in domains] for line in lines]
    hidden = _component([line for line in hidden if line], target)
    if target not in domains:
        return None
    reached = {v for line in hidden for v, _s in line} | {target}
    bounds = {v: list(domains[v]) for v in sorted(reached, key=str)}
    counter = [budget]
    for move in (1, -1):
        trial = {v: list(b) for v, b in bounds.items()}
        lo, hi = trial[target]
        if not lo <= move <= hi:
            continue
        trial[target] = [move, move]
        try:
            found = _search(trial, hidden, counter)
        except _OutOfBudget:
            return None
        if found is not None:
            return found
    return None


def _component(lines: list[list], target: Hashable) -> list[list]:
    """The lines connected to ``target`` through hidden cells: the rest stay 0."""
    by_var: dict[Hashable, list[int]] = {}
    for i, line in enumerate(lines):
        for v, _s in line:
            by_var.setdefault(v, []).append(i)
    seen_lines: set[int] = set()
    todo, seen = [target], {target}
    while todo:
        for i in by_var.get(todo.pop(), []):
            if i not in seen_lines:
                seen_lines.add(i)
                for v, _s in lines[i]:
                    if v not in seen:
                        seen.add(v)
                        todo.append(v)
    return [lines[i] for i in sorted(seen_lines)]


def _propagate(bounds: dict[Hashable, list[int]], lines: list[list]) -> bool:
    """Tighten bounds until nothing changes; False when a line cannot hold."""
    changed = True
    while changed:
        changed = False
        for line in lines:
            low = sum(bounds[v][0] if s > 0 else -bounds[v][1] for v, s in line)
            high = sum(bounds[v][1] if s > 0 else -bounds[v][0] for v, s in line)
            if low > 0 or high < 0:
                return False
            for v, s in line:
                lo, hi = bounds[v]
                term_lo, term_hi = (lo, hi) if s > 0 else (-hi, -lo)
                # the rest of the line spans [low - term_lo, high - term_hi]
                new_lo, new_hi = -(high - term_hi), -(low - term_lo)
                if s < 0:
                    new_lo, new_hi = -new_hi, -new_lo
                if new_lo > lo or new_hi < hi:
                    bounds[v] = [max(lo, new_lo), min(hi, new_hi)]
                    if bounds[v][0] > bounds[v][1]:
                        return False
                    changed = True
    return True


def _search(
    bounds: dict[Hashable, list[int]], lines: list[list], counter: list[int]
) -> dict[Hashable, int] | None:
    counter[0] -= 1
    if counter[0] < 0:
        raise _OutOfBudget
    if not _propagate(bounds, lines):
        return None
    open_ = [v for v, (lo, hi) in bounds.items() if lo < hi]
    if not open_:
        return {v: lo for v, (lo, _hi) in bounds.items()}
    var = min(open_, key=lambda v: (bounds[v][1] - bounds[v][0], str(v)))
    lo, hi = bounds[var]
    # Zero first: the fewest cells moved; then the other values in order.
    for value in sorted(range(lo, hi + 1), key=lambda x: (abs(x), x)):
        trial = {v: list(b) for v, b in bounds.items()}
        trial[var] = [value, value]
        found = _search(trial, lines, counter)
        if found is not None:
            return found
    return None
