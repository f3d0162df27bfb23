"""The kickoff's speed-dating plan: rounds x tables, nobody meets anyone twice.

Each mentor keeps a table (mentor j at table j); mentees move between rounds.
The plan is built in two steps:

1. *Who meets whom*: every mentee meets ``min(k, mentors)`` different mentors
   and each mentor at most ``ceil(mentees * meetings / mentors)`` mentees. With
   an affinity table this is the choice of meetings with the largest total
   affinity (a small integer program, solved exactly by SciPy's HiGHS; its
   constraint matrix is a bipartite incidence matrix, so it is easy); without
   one, a rotation (mentee i takes the next block of mentors) spreads meetings
   evenly.
2. *When*: the meetings are coloured into rounds so that nobody is twice in a
   round (König's edge colouring of a bipartite graph with alternating-path
   swaps). That needs exactly as many rounds as the busiest person has
   meetings: ``max(meetings, ceil(mentees * meetings / mentors))``, the least
   possible.

Unequal numbers: with more mentees than mentors some mentees sit out a round;
with more mentors some tables are empty in a round. Deterministic: the same
input always gives the same plan.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

from mentoring.matching.grid import check_number, shape_of

Meeting = tuple[int, int]  # (mentee, mentor); the mentor's table is the mentor index


@dataclass(frozen=True)
class SpeedDatingPlan:
    n_mentees: int
    n_mentors: int
    rounds: list[list[Meeting]]
    tables: int  # one per mentor

    def sitting_out(self, round_index: int) -> list[int]:
        """Mentees without a table in this round."""
        seated = {mentee for mentee, _ in self.rounds[round_index]}
        return [i for i in range(self.n_mentees) if i not in seated]

    def empty_tables(self, round_index: int) -> list[int]:
        """Mentors (tables) nobody visits in this round."""
        busy = {mentor for _, mentor in self.rounds[round_index]}
        return [j for j in range(self.n_mentors) if j not in busy]

    def mentee_schedule(self, mentee: int) -> list[int | None]:
        """Per round, the mentor (table) this mentee visits, or None (sits out)."""
        return [dict(meetings).get(mentee) for meetings in self.rounds]

    def mentor_schedule(self, mentor: int) -> list[int | None]:
        """Per round, the mentee at this mentor's table, or None (empty)."""
        return [{j: i for i, j in meetings}.get(mentor) for meetings in self.rounds]


def plan(
    n_mentees: int,
    n_mentors: int,
    k: int = 5,
    affinity: Sequence[Sequence[float | None]] | None = None,
) -> SpeedDatingPlan:
    """Rounds in which each mentee meets ``min(k, n_mentors)`` mentors.

    ``affinity`` (rows mentees, columns mentors, higher = more likely to match;
    ``None`` = better not, used only when nothing else fits) steers who meets.
    """
    _check_sizes(n_mentees, n_mentors, k)
    weights = _affinity(affinity, n_mentees, n_mentors)
    meetings = min(k, n_mentors)
    if n_mentees == 0 or meetings == 0:
        return SpeedDatingPlan(n_mentees, n_mentors, [], n_mentors)
    cap = math.ceil(n_mentees * meetings / n_mentors)
    if weights is None:
        edges = _rotation(n_mentees, n_mentors, meetings)
    else:
        edges = _best_meetings(weights, meetings, cap)
    rounds = _colour(edges, max(meetings, cap))
    return SpeedDatingPlan(n_mentees, n_mentors, rounds, n_mentors)


def _check_sizes(n_mentees: int, n_mentors: int, k: int) -> None:
    for name, value, least in (
        ("n_mentees", n_mentees, 0),
        ("n_mentors", n_mentors, 0),
        ("k", k, 1),
    ):
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            raise ValueError(f"{name} must be a whole number >= {least}, not {value!r}")


def _affinity(
    affinity: Sequence[Sequence[float | None]] | None, rows: int, cols: int
) -> np.ndarray | None:
    """Affinity as floats, ``None`` cells far below every real one."""
    if affinity is None:
        return None
    shape = shape_of(affinity, "affinity")
    if shape != (rows, cols) and rows * cols:
        raise ValueError(f"affinity must be {rows}x{cols} (mentees x mentors)")
    values = np.zeros((rows, cols))
    avoid = np.zeros((rows, cols), dtype=bool)
    for i, row in enumerate(affinity):
        for j, cell in enumerate(row):
            if cell is None:
                avoid[i, j] = True
            else:
                values[i, j] = check_number(cell, f"affinity[{i}][{j}]")
    if avoid.any():
        # Lower than any plan without avoided pairs could lose by using real ones.
        spread = float(np.ptp(values[~avoid])) if (~avoid).any() else 0.0
        values[avoid] = values[~avoid].min(initial=0.0) - (spread + 1) * values.size
    return values


def _rotation(n_mentees: int, n_mentors: int, meetings: int) -> list[Meeting]:
    """Mentee i meets the next ``meetings`` mentors after mentee i-1's block."""
    return [
        (i, (i * meetings + t) % n_mentors)
        for i in range(n_mentees)
        for t in range(meetings)
    ]


def _best_meetings(weights: np.ndarray, meetings: int, cap: int) -> list[Meeting]:
    """The meetings with the largest total affinity under the degree limits."""
    rows, cols = weights.shape
    index = np.arange(rows * cols)
    by_mentee = coo_array((np.ones(rows * cols), (index // cols, index)))
    by_mentor = coo_array((np.ones(rows * cols), (index % cols, index)))
    result = milp(
        c=-weights.ravel(),
        integrality=np.ones(rows * cols),
        bounds=Bounds(0, 1),
        constraints=[
            LinearConstraint(by_mentee, meetings, meetings),
            LinearConstraint(by_mentor, 0, cap),
        ],
    )
    if not result.success:  # cannot happen: the rotation is always feasible
        raise RuntimeError(f"speed-dating plan not found: {result.message}")
    chosen = np.flatnonzero(result.x > 0.5)
    return [(int(x // cols), int(x % cols)) for x in chosen]


def _colour(edges: list[Meeting], colours: int) -> list[list[Meeting]]:
    """Split the meetings into ``colours`` rounds, nobody twice in a round.

    Bipartite edge colouring: give each meeting a round free for both people;
    if the mentee's free round ``a`` is taken at the mentor, swap rounds ``a``
    and ``b`` (the mentor's free round) along the alternating path from the
    mentor, which never reaches the mentee, so ``a`` becomes free there.
    """
    at_mentee: dict[int, dict[int, int]] = {}
    at_mentor: dict[int, dict[int, int]] = {}
    for mentee, mentor in sorted(edges):
        by_i, by_j = at_mentee.setdefault(mentee, {}), at_mentor.setdefault(mentor, {})
        a = _free(by_i, colours)
        if a in by_j:
            _swap_path(mentor, a, _free(by_j, colours), at_mentee, at_mentor)
        by_i[a], by_j[a] = mentor, mentee
    rounds: list[list[Meeting]] = [[] for _ in range(colours)]
    for mentee, taken in at_mentee.items():
        for colour, mentor in taken.items():
            rounds[colour].append((mentee, mentor))
    return sorted((sorted(r) for r in rounds), key=len, reverse=True)


def _free(taken: dict[int, int], colours: int) -> int:
    return next(c for c in range(colours) if c not in taken)


def _swap_path(
    mentor: int,
    a: int,
    b: int,
    at_mentee: dict[int, dict[int, int]],
    at_mentor: dict[int, dict[int, int]],
) -> None:
    """Swap colours a and b along the a/b path that starts at ``mentor``."""
    path: list[tuple[int, int, int]] = []  # (mentee, mentor, colour)
    person, on_mentor_side, colour = mentor, True, a
    while True:
        side = at_mentor if on_mentor_side else at_mentee
        other = side.get(person, {}).get(colour)
        if other is None:
            break
        edge = (other, person) if on_mentor_side else (person, other)
        path.append((*edge, colour))
        person, on_mentor_side = other, not on_mentor_side
        colour = b if colour == a else a
    for mentee, mentor_j, colour in path:
        del at_mentee[mentee][colour], at_mentor[mentor_j][colour]
    for mentee, mentor_j, colour in path:
        swapped = b if colour == a else a
        at_mentee[mentee][swapped] = mentor_j
        at_mentor[mentor_j][swapped] = mentee
