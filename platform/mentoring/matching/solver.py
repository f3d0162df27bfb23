"""The matching solver: the most pairs, then the largest total score, exactly.

Rows are mentees, columns are mentors, ``None`` marks a pair that must not be
made. The optimum comes from SciPy's ``linear_sum_assignment`` (the Hungarian
method family, exact) on values ``BIG + score``: BIG is larger than any
difference two matchings' scores can make, so one pair more always beats any
gain in score, and among matchings with the most pairs the largest total wins.
Cells that may not be used are worth 0, and an assignment to one of them just
means "unmatched" and is dropped.

Coordinator constraints: locked pairs are taken out first (their rows and
columns removed) and added back; forbidden pairs and left-out people are
treated like ``None``. A greedy pass (best pair first) is reported alongside,
so the coordinator can see what the exact method gains.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

from mentoring.matching.baseline import greedy
from mentoring.matching.grid import Grid, check_indices, check_pairs, shape_of, to_array

Pair = tuple[int, int]


@dataclass(frozen=True)
class Solution:
    """An optimal matching and, for comparison, the greedy baseline's result."""

    pairs: list[Pair]  # (mentee, mentor), sorted by mentee index
    total: float
    greedy_total: float
    greedy_pairs: int


def match(scores: Grid) -> list[Pair]:
    """The contract's entry point: the most pairs, then the largest total.

    ``scores`` is a 2-D sequence (rows mentees, columns mentors, higher is
    better, ``None`` = must not be paired); returns ``(mentee, mentor)`` pairs
    sorted by mentee, each index at most once.
    """
    values, allowed = to_array(scores)
    return _optimal(values, allowed)


def solve(
    scores: Grid,
    *,
    locked: Iterable[Pair] = (),
    forbidden: Iterable[Pair] = (),
    left_out_mentees: Iterable[int] = (),
    left_out_mentors: Iterable[int] = (),
) -> Solution:
    """The optimal matching under the coordinator's constraints.

    Locked pairs are always in the result; forbidden pairs and left-out people
    never are. Conflicting constraints raise ValueError with the reason.
    """
    values, allowed = to_array(scores)
    shape = values.shape
    for i, j in check_pairs(forbidden, shape, "forbidden"):
        allowed[i, j] = False
    allowed[
        sorted(check_indices(left_out_mentees, shape[0], "mentee", "left out")), :
    ] = False
    allowed[
        :, sorted(check_indices(left_out_mentors, shape[1], "mentor", "left out"))
    ] = False
    locks = _checked_locks(check_pairs(locked, shape, "locked"), allowed)
    for i, j in locks:
        allowed[i, :] = False
        allowed[:, j] = False
    pairs = sorted(locks + _optimal(values, allowed))
    baseline = greedy(values, allowed)
    return Solution(
        pairs=pairs,
        total=_total(values, pairs),
        greedy_total=_total(values, locks + baseline),
        greedy_pairs=len(locks) + len(baseline),
    )


def _checked_locks(locks: list[Pair], allowed: np.ndarray) -> list[Pair]:
    """Locks that can all hold at once, or a ValueError saying which cannot."""
    for side, name in ((0, "mentee"), (1, "mentor")):
        people = [pair[side] for pair in locks]
        twice = sorted({p for p in people if people.count(p) > 1})
        if twice:
            raise ValueError(f"locked pairs use the same {name} twice: {twice}")
    unusable = [pair for pair in locks if not allowed[pair]]
    if unusable:
        raise ValueError(
            "locked pairs are forbidden, have no score or leave someone out: "
            f"{unusable}"
        )
    return locks


def _optimal(values: np.ndarray, allowed: np.ndarray) -> list[Pair]:
    """Maximum-cardinality, then maximum-total matching over allowed cells."""
    if not allowed.any():
        return []
    used = values[allowed]
    low, spread = used.min(), float(used.max() - used.min())
    # Scores are shifted to [0, spread]: a matching with k+1 pairs is then worth
    # at least (k+1)*BIG and one with k pairs at most k*(BIG + spread), so any
    # BIG above min(rows, cols) * spread makes one pair more always win.
    big = min(values.shape) * spread + 1.0
    weights = np.where(allowed, values - low + big, 0.0)
    rows, cols = linear_sum_assignment(weights, maximize=True)
    keep = allowed[rows, cols]
    return sorted(zip(rows[keep].tolist(), cols[keep].tolist(), strict=True))


def _total(values: np.ndarray, pairs: Sequence[Pair]) -> float:
    return math.fsum(float(values[i, j]) for i, j in pairs)


def blocking_pairs(
    pairs: Iterable[Pair], mentee_ratings: Grid, mentor_ratings: Grid
) -> list[Pair]:
    """Pairs outside the matching that would both rather be together.

    Both rating tables have rows = mentees and columns = mentors (``None`` = not
    rated). (i, j) blocks when mentee i rates mentor j strictly above i's
    partner (or i is unmatched and rated j) and mentor j rates mentee i
    strictly above j's partner (or j is unmatched and rated i). A stable
    matching has none; the count tells the coordinator how far from stable the
    proposal is under the stated preferences.
    """
    shape = shape_of(mentee_ratings, "mentee_ratings")
    if shape_of(mentor_ratings, "mentor_ratings") != shape:
        raise ValueError("mentee_ratings and mentor_ratings must have the same shape")
    by_mentee, by_mentor = _partners(check_pairs(pairs, shape, "pairs"))
    mentee_view, mentee_rated = to_array(mentee_ratings, "mentee_ratings")
    mentor_view, mentor_rated = to_array(mentor_ratings, "mentor_ratings")
    # What each person's current partner is worth to them (-inf: none or unrated).
    mentee_bar = _partner_rating(mentee_view, mentee_rated, by_mentee)
    mentor_bar = _partner_rating(mentor_view.T, mentor_rated.T, by_mentor)
    blocks = (
        mentee_rated
        & (mentee_view > mentee_bar[:, None])
        & mentor_rated
        & (mentor_view > mentor_bar[None, :])
    )
    rows, cols = np.nonzero(blocks)
    return list(zip(rows.tolist(), cols.tolist(), strict=True))


def _partners(pairs: list[Pair]) -> tuple[dict[int, int], dict[int, int]]:
    by_mentee = dict(pairs)
    by_mentor = {j: i for i, j in pairs}
    if len(by_mentee) != len(pairs) or len(by_mentor) != len(pairs):
        raise ValueError("pairs must use each mentee and each mentor at most once")
    return by_mentee, by_mentor


def _partner_rating(
    view: np.ndarray, rated: np.ndarray, partner: dict[int, int]
) -> np.ndarray:
    """Per row, the rating given to the partner; -inf if unmatched or unrated.

    So a rated ``other`` beats an unrated partner, and a partner never beats
    themself (the strict ">" excludes the matched pair).
    """
    bar = np.full(view.shape[0], -np.inf)
    for person, other in partner.items():
        if rated[person, other]:
            bar[person] = view[person, other]
    return bar
