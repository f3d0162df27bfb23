"""Disclosure control under attack (issue 9 point 3): no hidden cell can be worked out.

Hypothesis builds small networks of cities with consistent data (years adding
up to all time, five outcomes adding up to their base); the attacker in
``attacker.py`` then uses every published figure to pin each hidden count.
Against the primary rules alone it succeeds; against ``publish`` it must fail.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentoring.benchmarking.disclosure import (
    ALL_TIME,
    MIN_BASE,
    MIN_CITIES,
    MIN_COUNT,
    NETWORK,
    OUTCOMES,
    PARTITIONS,
    Cell,
    Figure,
    primary,
    publish,
    round_share,
)
from tests.benchmarking.attacker import recovered

COUNT = "mentees"
SHARE = "mentees_network_grown"
MEAN = "meetings_per_pair"


@st.composite
def year(draw, city: str, period: str) -> list[Cell]:
    """One city's cells for one year: a count, a share, a mean, the outcomes."""
    mentees = draw(st.integers(0, 14))
    asked = draw(st.integers(0, 22))
    grown = draw(st.integers(0, asked))
    pairs = draw(st.integers(0, 16))
    meetings = draw(st.integers(0, 3 * pairs))
    answered = draw(st.integers(0, 22))
    cuts = sorted(draw(st.lists(st.integers(0, answered), min_size=4, max_size=4)))
    parts = [b - a for a, b in zip([0, *cuts], [*cuts, answered], strict=True)]
    return [
        Cell(city, period, COUNT, "count", mentees, mentees),
        Cell(city, period, SHARE, "share", asked, grown),
        Cell(city, period, MEAN, "mean", pairs, meetings),
        *(
            Cell(city, period, m, "share", answered, k)
            for m, k in zip(OUTCOMES, parts, strict=True)
        ),
    ]


@st.composite
def networks(draw) -> list[Cell]:
    """3–5 cities, 1–3 years each, and all time as the sum of the years."""
    cities = [f"city-{i}" for i in range(draw(st.integers(3, 5)))]
    years = [str(2023 + i) for i in range(draw(st.integers(1, 3)))]
    cells: list[Cell] = []
    for city in cities:
        per_year = [draw(year(city, y)) for y in years]
        cells += [c for cells_of_year in per_year for c in cells_of_year]
        for same in zip(*per_year, strict=True):
            first = same[0]
            cells.append(
                Cell(
                    city,
                    ALL_TIME,
                    first.measure,
                    first.kind,
                    sum(c.n for c in same),
                    sum(c.count for c in same),
                )
            )
    return cells


def _cities(cells: list[Cell]) -> dict[tuple[str, str], int]:
    found: dict[tuple[str, str], set[str]] = {}
    for c in cells:
        found.setdefault((c.period, c.measure), set()).add(c.city)
    return {k: len(v) for k, v in found.items()}


def _passes_primary(f: Figure, cities: int) -> bool:
    """The primary rules, read off a published figure (its n and value)."""
    if f.city == NETWORK and cities < MIN_CITIES:
        return False
    if f.kind == "count":
        return f.value >= MIN_COUNT
    if f.kind == "mean":
        return f.n >= MIN_BASE
    return f.n >= MIN_BASE and f.value % 5 == 0


ATTACK = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@ATTACK
@given(networks())
def test_no_hidden_cell_can_be_worked_out_from_the_published_tables(cells):
    figures = publish(cells)
    assert recovered(figures, cells, PARTITIONS) == {}


@ATTACK
@given(networks())
def test_every_published_figure_passes_the_primary_rules(cells):
    truth = {(c.city, c.period, c.measure): c for c in cells}
    cities = _cities(cells)
    for f in publish(cells):
        if f.suppressed:
            assert f.n is None and f.reason is not None
            continue
        assert f.reason is None
        assert _passes_primary(f, cities[(f.period, f.measure)])
        if f.city != NETWORK:
            cell = truth[(f.city, f.period, f.measure)]
            if f.kind == "share":
                assert MIN_COUNT <= cell.count <= cell.n - MIN_COUNT
                assert f.value == round_share(cell.count, cell.n)


@settings(max_examples=15, deadline=None)
@given(networks())
def test_publishing_is_deterministic(cells):
    assert publish(cells) == publish(list(cells))


def test_the_attacker_recovers_cells_the_primary_rules_alone_leave_open():
    """Without secondary suppression the attack works: it is a real attacker."""
    cells = [
        Cell(c, p, COUNT, "count", n, n)
        for c, years in {"a": (3, 6), "b": (7, 8), "c": (9, 5)}.items()
        for p, n in zip(("2024", "2025", ALL_TIME), (*years, sum(years)), strict=True)
    ]
    found = recovered(primary(cells), cells, PARTITIONS)
    assert found == {("a", "2024", COUNT): 3}
    assert recovered(publish(cells), cells, PARTITIONS) == {}
