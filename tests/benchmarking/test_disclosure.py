"""Disclosure control, the primary rules (pure; issue 9 point 3)."""

from __future__ import annotations

import pytest

from mentoring.benchmarking.disclosure import (
    ALL_TIME,
    FEW_CITIES,
    NETWORK,
    OUTCOMES,
    SECONDARY,
    SMALL_BASE,
    SMALL_COMPLEMENT,
    SMALL_COUNT,
    Cell,
    publish,
    round_share,
)


def share(city: str, n: int, count: int, period: str = "2025") -> Cell:
    return Cell(city, period, "mentees_in_work_after_six_months", "share", n, count)


@pytest.mark.parametrize(
    ("count", "n", "percent"),
    [(12, 25, 50), (1, 40, 5), (3, 40, 10), (0, 10, 0), (10, 10, 100), (7, 20, 35)],
)
def test_shares_are_rounded_to_five_points_halves_up(count, n, percent):
    assert round_share(count, n) == percent


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        (Cell("a", "all", "mentees", "count", 4, 4), SMALL_COUNT),
        (Cell("a", "all", "mentees", "count", 5, 5), None),
        (share("a", 9, 5), SMALL_BASE),
        (share("a", 12, 4), SMALL_COMPLEMENT),
        (share("a", 12, 8), SMALL_COMPLEMENT),
        (share("a", 12, 7), None),
        (Cell("a", "all", "meetings_per_pair", "mean", 9, 40), SMALL_BASE),
    ],
)
def test_small_counts_bases_and_complements_are_not_published(cell, reason):
    (figure, *_rest) = publish([cell])
    assert figure.reason == reason
    assert figure.suppressed == (reason is not None)
    assert (figure.n is None) == (reason is not None)


def test_a_network_figure_needs_three_cities():
    two = publish([share("a", 20, 10), share("b", 20, 8)])
    assert [f.reason for f in two if f.city == NETWORK] == [FEW_CITIES]
    three = publish([share("a", 20, 10), share("b", 20, 8), share("c", 20, 6)])
    (network,) = [f for f in three if f.city == NETWORK]
    assert (network.n, network.value) == (60, 40)


def count(city: str, n: int, period: str = "2025") -> Cell:
    return Cell(city, period, "mentees", "count", n, n)


def hidden(figures) -> set[tuple[str, str]]:
    return {(f.city, f.period) for f in figures if f.suppressed}


def test_a_total_does_not_give_away_the_one_hidden_city():
    figures = publish([count("a", 3), count("b", 7), count("c", 9), count("d", 6)])
    assert hidden(figures) == {("a", "2025"), ("d", "2025")}
    assert [f.reason for f in figures if f.city == "d"] == [SECONDARY]
    assert all(f.n is None for f in figures if f.suppressed)


def test_a_hidden_year_is_not_all_time_minus_the_other_years():
    cells = [
        count(c, n, p)
        for c, years in {"a": (3, 6), "b": (7, 8), "c": (9, 5)}.items()
        for p, n in zip(("2024", "2025", ALL_TIME), (*years, sum(years)), strict=True)
    ]
    got = hidden(publish(cells))
    assert ("a", "2024") in got
    assert got & {("a", "2025"), ("a", ALL_TIME)}  # a's row has a second gap
    assert got - {("a", "2024")} & {("b", "2024"), ("c", "2024"), (NETWORK, "2024")}


def test_the_last_outcome_is_not_the_base_minus_the_others():
    counts = {"a": (10, 6, 2, 6, 10), "b": (12, 6, 6, 6, 10), "c": (8, 5, 7, 5, 5)}
    cells = [
        Cell(city, "2025", measure, "share", sum(parts), k)
        for city, parts in counts.items()
        for measure, k in zip(OUTCOMES, parts, strict=True)
    ]
    a = [f for f in publish(cells) if f.city == "a"]
    assert sum(f.suppressed for f in a) >= 2  # never one gap in a partition


def test_publishing_twice_gives_the_same_figures():
    cells = [count("a", 3), count("b", 7), count("c", 9), count("d", 6)]
    assert publish(cells) == publish(cells)
