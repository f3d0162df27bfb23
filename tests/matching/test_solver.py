"""The matching solver (issue 4, points 4 and 6): exact, checked by brute force.

The property tests compare the solver with an exhaustive search over every
partial matching of small random instances (up to 6x6, rectangular, cells
``None``, random locks, forbidden pairs and left-out people): the same number
of pairs and the same total, no forbidden pair, locks kept.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentoring.matching import match
from mentoring.matching.solver import Solution, blocking_pairs, solve

ROOT = Path(__file__).resolve().parents[2]

cells = st.one_of(
    st.none(),
    st.integers(-20, 20),
    st.floats(-100, 100, allow_nan=False, allow_infinity=False),
)


@st.composite
def instances(draw: st.DrawFn) -> list[list[float | None]]:
    rows, cols = draw(st.integers(0, 6)), draw(st.integers(0, 6))
    return [[draw(cells) for _ in range(cols)] for _ in range(rows)]


@st.composite
def constrained(draw: st.DrawFn) -> tuple[list[list[float | None]], dict]:
    scores = draw(instances())
    rows = len(scores)
    cols = len(scores[0]) if rows else 0
    if not rows or not cols:
        return scores, {}
    pair = st.tuples(st.integers(0, rows - 1), st.integers(0, cols - 1))
    constraints = {
        "locked": draw(st.lists(pair, min_size=1, max_size=3)),
        "forbidden": draw(st.lists(pair, max_size=4)),
        "left_out_mentees": draw(st.sets(st.integers(0, rows - 1), max_size=2)),
        "left_out_mentors": draw(st.sets(st.integers(0, cols - 1), max_size=2)),
    }
    if draw(st.booleans()):  # half the cases: keep only the locks that can hold
        constraints["locked"] = usable_locks(scores, constraints)
    return scores, constraints


def usable_locks(scores, constraints) -> list[tuple[int, int]]:
    kept: list[tuple[int, int]] = []
    for i, j in constraints["locked"]:
        trial = {**constraints, "locked": [*kept, (i, j)]}
        if locks_are_consistent(scores, trial):
            kept.append((i, j))
    return kept


def brute_force(
    scores, locked=(), forbidden=(), left_out_mentees=(), left_out_mentors=()
):
    """(most pairs, best total) over every matching that keeps the rules."""
    rows = len(scores)
    cols = len(scores[0]) if rows else 0
    locks = dict(locked)
    banned = set(forbidden)

    def usable(i, j):
        return (
            scores[i][j] is not None
            and (i, j) not in banned
            and i not in left_out_mentees
            and j not in left_out_mentors
        )

    best = (-1, -math.inf)

    def walk(i, used, count, total):
        nonlocal best
        if i == rows:
            best = max(best, (count, total))
            return
        if i in locks:
            walk(i + 1, used | {locks[i]}, count + 1, total + scores[i][locks[i]])
            return
        walk(i + 1, used, count, total)
        for j in range(cols):
            if j not in used and j not in locks.values() and usable(i, j):
                walk(i + 1, used | {j}, count + 1, total + scores[i][j])

    walk(0, frozenset(), 0, 0.0)
    return best


def locks_are_consistent(scores, constraints) -> bool:
    locked = set(constraints.get("locked", ()))
    mentees = [i for i, _ in locked]
    mentors = [j for _, j in locked]
    return (
        len(set(mentees)) == len(mentees)
        and len(set(mentors)) == len(mentors)
        and all(
            scores[i][j] is not None
            and (i, j) not in constraints["forbidden"]
            and i not in constraints["left_out_mentees"]
            and j not in constraints["left_out_mentors"]
            for i, j in locked
        )
    )


def assert_is_matching(pairs, scores, forbidden=()):
    assert len({i for i, _ in pairs}) == len(pairs)
    assert len({j for _, j in pairs}) == len(pairs)
    assert all(scores[i][j] is not None for i, j in pairs)
    assert not set(pairs) & set(forbidden)
    assert pairs == sorted(pairs)


@settings(max_examples=400, deadline=None)
@given(instances())
def test_match_has_the_most_pairs_and_then_the_best_total(scores):
    pairs = match(scores)
    assert_is_matching(pairs, scores)
    count, total = brute_force(scores)
    assert len(pairs) == count
    assert math.fsum(scores[i][j] for i, j in pairs) == pytest.approx(total, abs=1e-9)


@settings(max_examples=400, deadline=None)
@given(constrained())
def test_solve_keeps_locks_forbids_and_left_out_and_is_optimal(case):
    scores, constraints = case
    if constraints and not locks_are_consistent(scores, constraints):
        with pytest.raises(ValueError, match="locked pairs"):
            solve(scores, **constraints)
        return
    solution = solve(scores, **constraints)
    assert_is_matching(solution.pairs, scores, constraints.get("forbidden", ()))
    assert set(constraints.get("locked", ())) <= set(solution.pairs)
    assert not {i for i, _ in solution.pairs} & set(
        constraints.get("left_out_mentees", ())
    )
    assert not {j for _, j in solution.pairs} & set(
        constraints.get("left_out_mentors", ())
    )
    count, total = brute_force(scores, **constraints)
    assert len(solution.pairs) == count
    assert solution.total == pytest.approx(total, abs=1e-9)
    assert solution.greedy_pairs <= count
    if solution.greedy_pairs == count:
        assert solution.greedy_total <= total + 1e-9


def test_empty_input_gives_no_pairs():
    assert match([]) == []
    assert match([[], []]) == []
    assert solve([]) == Solution(pairs=[], total=0.0, greedy_total=0.0, greedy_pairs=0)


def test_one_by_one():
    assert match([[3.5]]) == [(0, 0)]
    assert match([[-2]]) == [(0, 0)]  # a pair is made even with a negative score
    assert match([[None]]) == []


def test_all_none_gives_no_pairs():
    assert match([[None, None, None], [None, None, None]]) == []


def test_more_pairs_beat_a_bigger_total():
    scores = [[10, 9], [9, None]]
    solution = solve(scores)
    assert solution.pairs == [(0, 1), (1, 0)]
    assert solution.total == 18
    # Greedy takes the 10 first and then nobody is left for mentee 1.
    assert (solution.greedy_pairs, solution.greedy_total) == (1, 10)


def test_optimal_total_beats_greedy():
    scores = [[10, 8], [8, 1]]  # greedy: 10 + 1 = 11; optimal: 8 + 8 = 16
    solution = solve(scores)
    assert solution.pairs == [(0, 1), (1, 0)]
    assert (solution.total, solution.greedy_total) == (16, 11)
    assert solution.total > solution.greedy_total


def test_rectangular_inputs_match_as_many_as_the_smaller_side():
    wide = [[1, 5, 2, 4]]
    assert match(wide) == [(0, 1)]
    tall = [[1], [5], [None], [4]]
    assert match(tall) == [(1, 0)]
    assert len(match([[1, 2, 3], [4, 5, 6]])) == 2


def test_a_lock_is_kept_even_when_it_costs_total():
    scores = [[10, 1], [1, 10]]
    assert solve(scores, locked=[(0, 1)]).pairs == [(0, 1), (1, 0)]
    assert solve(scores, locked=[(0, 1)]).total == 2


def test_forbid_and_leave_out():
    scores = [[10, 1], [1, 10]]
    assert solve(scores, forbidden=[(0, 0)]).pairs == [(0, 1), (1, 0)]
    assert solve(scores, left_out_mentees=[1]).pairs == [(0, 0)]
    assert solve(scores, left_out_mentors=[0, 1]).pairs == []


@pytest.mark.parametrize(
    ("constraints", "message"),
    [
        ({"locked": [(0, 0), (0, 1)]}, "same mentee twice"),
        ({"locked": [(0, 1), (1, 1)]}, "same mentor twice"),
        ({"locked": [(1, 1)]}, "forbidden, have no score"),  # None cell
        ({"locked": [(0, 0)], "forbidden": [(0, 0)]}, "forbidden"),
        ({"locked": [(0, 0)], "left_out_mentees": [0]}, "leave someone out"),
        ({"locked": [(0, 0)], "left_out_mentors": [0]}, "leave someone out"),
        ({"locked": [(2, 0)]}, "out of range"),
        ({"forbidden": [(0, 5)]}, "out of range"),
        ({"left_out_mentees": [-1]}, "out of range"),
    ],
)
def test_conflicting_or_impossible_constraints_are_refused(constraints, message):
    with pytest.raises(ValueError, match=message):
        solve([[1, 2], [3, None]], **constraints)


@pytest.mark.parametrize(
    ("scores", "message"),
    [
        ([[1, 2], [3]], "rectangular"),
        ([[1, float("nan")]], "finite"),
        ([[1, float("inf")]], "finite"),
        ([[1, "2"]], "number or None"),
        ([[True, 2]], "number or None"),
        ([1, 2], "sequence of cells"),
        ("12", "2-D sequence"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(scores, message):
    with pytest.raises(ValueError, match=message):
        match(scores)


def test_large_and_tiny_scores_keep_the_pair_count_first():
    # A huge score must not tempt the solver into fewer pairs.
    assert len(match([[1e12, 1e12], [1e12, None]])) == 2
    assert match([[1e-12, 2e-12], [3e-12, 1e-12]]) == [(0, 1), (1, 0)]


MENTEE_RATINGS = [[5, 3, 1], [5, 4, 2], [1, 2, 5]]
MENTOR_RATINGS = [[2, 4, 1], [5, 3, 1], [1, None, 5]]  # rows mentees, columns mentors


def test_blocking_pairs_on_a_hand_made_example():
    full = [(0, 0), (1, 1), (2, 2)]
    # Mentee 1 prefers mentor 0 (5 > 4), and mentor 0 prefers mentee 1 (5 > 2).
    assert blocking_pairs(full, MENTEE_RATINGS, MENTOR_RATINGS) == [(1, 0)]
    stable = [(0, 1), (1, 0), (2, 2)]
    assert blocking_pairs(stable, MENTEE_RATINGS, MENTOR_RATINGS) == []


def test_unmatched_people_block_with_anyone_they_rated_who_prefers_them():
    # Mentee 1 and 2 are unmatched; mentor 1 never rated mentee 2.
    found = blocking_pairs([(0, 0)], MENTEE_RATINGS, MENTOR_RATINGS)
    assert found == [(1, 0), (1, 1), (1, 2), (2, 2)]
    assert blocking_pairs([], [[None]], [[5]]) == []  # the mentee did not rate


def test_equal_ratings_do_not_block():
    assert blocking_pairs([(0, 0), (1, 1)], [[4, 4], [4, 4]], [[4, 4], [4, 4]]) == []


def test_blocking_pairs_refuses_bad_input():
    with pytest.raises(ValueError, match="same shape"):
        blocking_pairs([], [[1, 2]], [[1]])
    with pytest.raises(ValueError, match="at most once"):
        blocking_pairs([(0, 0), (0, 1)], [[1, 2]], [[1, 2]])


def test_importing_the_matching_core_loads_no_flask_and_no_database():
    code = (
        "import sys, mentoring.matching, mentoring.matching.solver,"
        " mentoring.matching.scores, mentoring.matching.speed_dating;"
        " loaded = [m for m in ('flask', 'sqlalchemy', 'flask_sqlalchemy')"
        " if m in sys.modules]; print(loaded)"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "platform")}
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed code
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    assert result.stdout.strip() == "[]"
