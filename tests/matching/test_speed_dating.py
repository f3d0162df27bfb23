"""The speed-dating plan (issue 4, points 1 and 6): its guarantees on many sizes."""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentoring.matching.speed_dating import SpeedDatingPlan, plan

sizes = st.integers(1, 20)
ks = st.integers(1, 7)


@st.composite
def affinities(draw: st.DrawFn) -> tuple[int, int, int, list[list[float | None]]]:
    mentees, mentors, k = draw(sizes), draw(sizes), draw(ks)
    seed = draw(st.integers(0, 2**32 - 1))
    chance = random.Random(seed)
    table = [
        [None if chance.random() < 0.05 else chance.random() for _ in range(mentors)]
        for _ in range(mentees)
    ]
    return mentees, mentors, k, table


def assert_guarantees(result: SpeedDatingPlan, mentees: int, mentors: int, k: int):
    meetings = min(k, mentors)
    for meetings_in_round in result.rounds:
        seated = [i for i, _ in meetings_in_round]
        tables = [j for _, j in meetings_in_round]
        assert len(set(seated)) == len(seated), "a mentee twice in a round"
        assert len(set(tables)) == len(tables), "a mentor twice in a round"
        assert all(0 <= i < mentees and 0 <= j < mentors for i, j in meetings_in_round)
    every = [pair for meetings_in_round in result.rounds for pair in meetings_in_round]
    assert len(set(every)) == len(every), "a pair met twice"
    per_mentee = [sum(1 for i, _ in every if i == mentee) for mentee in range(mentees)]
    assert per_mentee == [meetings] * mentees
    busiest = math.ceil(mentees * meetings / mentors)
    assert all(sum(1 for _, j in every if j == m) <= busiest for m in range(mentors))
    # As few rounds as the busiest person needs, well within k * ceil(max / min).
    assert len(result.rounds) == max(meetings, busiest)
    assert len(result.rounds) <= k * math.ceil(
        max(mentees, mentors) / min(mentees, mentors)
    )
    assert all(result.rounds), "an empty round"
    assert result.tables == mentors


@settings(max_examples=300, deadline=None)
@given(sizes, sizes, ks)
def test_plan_guarantees_without_affinity(mentees, mentors, k):
    assert_guarantees(plan(mentees, mentors, k), mentees, mentors, k)


@settings(max_examples=200, deadline=None)
@given(affinities())
def test_plan_guarantees_with_affinity_and_it_prefers_likely_matches(case):
    mentees, mentors, k, table = case
    result = plan(mentees, mentors, k, table)
    assert_guarantees(result, mentees, mentors, k)
    assert plan(mentees, mentors, k, table) == result  # deterministic
    # The chosen meetings are at least as likely to match as the plain rotation's.
    rotation = plan(mentees, mentors, k)
    assert affinity_met(result, table) >= affinity_met(rotation, table) - 1e-9


def affinity_met(result: SpeedDatingPlan, table) -> float:
    worst = -1.0  # an avoided (None) pair counts below any real affinity
    return sum(
        worst if table[i][j] is None else table[i][j]
        for meetings in result.rounds
        for i, j in meetings
    )


def test_high_affinity_pairs_meet_more_often_than_with_zero_affinity():
    mentees = mentors = 10
    liked = {(i, (i + 5) % 10) for i in range(10)} | {
        (i, (i + 7) % 10) for i in range(10)
    }
    table = [
        [1.0 if (i, j) in liked else 0.0 for j in range(mentors)] for i in range(10)
    ]
    zero = [[0.0] * mentors for _ in range(mentees)]

    def liked_meetings(result):
        return sum((i, j) in liked for meetings in result.rounds for i, j in meetings)

    assert liked_meetings(plan(mentees, mentors, 3, table)) == 20  # all of them
    assert liked_meetings(plan(mentees, mentors, 3, zero)) < 20
    assert liked_meetings(plan(mentees, mentors, 3)) < 20


def test_avoided_pairs_do_not_meet_when_others_can():
    table = [[None, 1, 1], [1, None, 1], [1, 1, None]]
    result = plan(3, 3, 2, table)
    met = {pair for meetings in result.rounds for pair in meetings}
    assert met == {(0, 1), (0, 2), (1, 0), (1, 2), (2, 0), (2, 1)}


def test_more_mentees_than_mentors_some_sit_out():
    result = plan(15, 12, 5)
    assert len(result.rounds) == 7  # ceil(15 * 5 / 12)
    sat_out = [i for r in range(len(result.rounds)) for i in result.sitting_out(r)]
    assert sorted(sat_out) == sorted(list(range(15)) * 2)  # 7 rounds - 5 meetings each
    assert all(result.empty_tables(r) == [] for r in range(6))


def test_more_mentors_than_mentees_some_tables_are_empty():
    result = plan(4, 10, 5)
    assert len(result.rounds) == 5
    assert all(result.sitting_out(r) == [] for r in range(5))
    assert all(len(result.empty_tables(r)) == 6 for r in range(5))


def test_each_persons_schedule():
    result = plan(3, 2, 5)  # each mentee meets both mentors, in 3 rounds
    for mentee in range(3):
        schedule = result.mentee_schedule(mentee)
        assert len(schedule) == 3
        assert sorted(j for j in schedule if j is not None) == [0, 1]
    for mentor in range(2):
        visitors = [i for i in result.mentor_schedule(mentor) if i is not None]
        assert sorted(visitors) == [0, 1, 2]


def test_nobody_means_no_rounds():
    assert plan(0, 5).rounds == []
    assert plan(5, 0).rounds == []
    assert plan(5, 0).tables == 0
    assert plan(0, 5).tables == 5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((3, 3, 0), "k must be"),
        ((-1, 3, 2), "n_mentees must be"),
        ((3, 2.5, 2), "n_mentors must be"),
        ((2, 2, 1, [[1, 2]]), "2x2"),
        ((1, 2, 1, [[1, float("nan")]]), "finite"),
    ],
)
def test_bad_input_is_refused(args, message):
    with pytest.raises(ValueError, match=message):
        plan(*args)
