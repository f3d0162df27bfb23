"""The cities' spread (median, quartiles) and the network's chart: pure."""

from __future__ import annotations

import pytest

from mentoring.benchmarking.charts import Point, scale_top, spread_chart
from mentoring.benchmarking.spread import Spread, spread


def test_no_published_value_gives_no_spread():
    assert spread([]) is None
    assert spread([None, None]) is None


def test_one_city_is_its_own_median_and_quartiles():
    assert spread([40]) == Spread(1, 40, 40, 40, 40, 40)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([30, 40, 50], Spread(3, 30, 35, 40, 45, 50)),
        ([10, 20, 30, 40], Spread(4, 10, 17.5, 25, 32.5, 40)),
        ([55, 30, None, 45, 40, 35], Spread(5, 30, 35, 40, 45, 55)),
        ([2.5, 2.5], Spread(2, 2.5, 2.5, 2.5, 2.5, 2.5)),
    ],
)
def test_quartiles_are_inclusive_and_suppressed_values_left_out(values, expected):
    assert spread(values) == expected


def test_the_scale_is_percent_for_shares_and_a_round_ceiling_otherwise():
    assert scale_top("share", [12, None]) == 100
    assert scale_top("count", [None, 37]) == 40
    assert scale_top("mean", [2.4]) == 3
    assert scale_top("count", [None]) == 1


def _chart(points, band):
    return spread_chart(
        points,
        band,
        kind="share",
        chart_id="c",
        title="T <b>",
        description="D",
        band_label="band",
        median_label="median",
        criterion_label="criterion",
    )


def test_the_chart_draws_points_band_median_and_criteria():
    points = [Point("A & B", 50, "50 %", criterion=33), Point("C", None, "hidden")]
    svg = _chart(points, spread([50]))
    assert svg.count('class="chart__point"') == 1
    assert svg.count('class="chart__criterion"') == 1
    assert 'class="chart__band"' in svg and 'class="chart__median"' in svg
    assert "A &amp; B" in svg and "T &lt;b&gt;" in svg and ">hidden<" in svg
    assert 'role="img"' in svg and 'aria-labelledby="c-title c-desc"' in svg
    assert "style=" not in svg


def test_the_chart_without_any_published_city_has_no_band():
    svg = _chart([Point("C", None, "hidden")], None)
    assert 'class="chart__band"' not in svg and "<circle" not in svg
