"""Disclosure control, the primary rules (pure; issue 9 point 3)."""

from __future__ import annotations

import pytest

from mentoring.benchmarking.disclosure import (
    FEW_CITIES,
    NETWORK,
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
