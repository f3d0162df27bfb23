"""The network's chart: each city as a point, the spread behind them (pure).

One row per city, its published value as a dot (a suppressed city keeps its row
with the words "not published" instead), each named city's success criterion
as a short tick on its row, and behind every row the band from the first to the
third quartile of the cities with the median as a line. No Flask: texts come in
translated and are escaped here; colours come through classes (the CSP forbids
inline styles), with plain fills as a fallback.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from mentoring.benchmarking.spread import Spread

LABEL_WIDTH = 220
PLOT_WIDTH = 320
VALUE_WIDTH = 160
ROW_HEIGHT = 26
TOP = 8
AXIS = 22


@dataclass(frozen=True)
class Point:
    """One city: its label, value (None: suppressed), value text and criterion."""

    label: str
    value: float | None
    text: str
    criterion: float | None = None


def scale_top(kind: str, values: Sequence[float | None]) -> float:
    """The value at the plot's right edge: 100 for a share, else a round ceiling."""
    if kind == "share":
        return 100.0
    top = max((v for v in values if v is not None), default=0.0)
    if top <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(top))
    return math.ceil(top / magnitude) * magnitude


def _x(value: float, top: float) -> float:
    return round(LABEL_WIDTH + min(max(value / top, 0.0), 1.0) * PLOT_WIDTH, 2)


def spread_chart(
    points: Sequence[Point],
    spread: Spread | None,
    *,
    kind: str,
    chart_id: str,
    title: str,
    description: str,
    band_label: str,
    median_label: str,
    criterion_label: str,
) -> str:
    """The SVG for ``points`` on a common scale, with the cities' spread."""
    top = scale_top(kind, [p.value for p in points])
    plot_height = TOP * 2 + max(len(points), 1) * ROW_HEIGHT
    height = plot_height + AXIS
    width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH
    cid = escape(chart_id, quote=True)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart--spread"'
        f' role="img" viewBox="0 0 {width} {height}" width="100%"'
        f' aria-labelledby="{cid}-title {cid}-desc">',
        f'<title id="{cid}-title">{escape(title)}</title>',
        f'<desc id="{cid}-desc">{escape(description)}</desc>',
    ]
    if spread is not None:
        parts.append(_band(spread, top, plot_height, band_label, median_label))
    for index, point in enumerate(points):
        parts.append(_row(point, index, top, criterion_label))
    parts.append(_axis(top, plot_height, kind))
    parts.append("</svg>")
    return "".join(parts)


def _band(
    spread: Spread, top: float, height: int, band_label: str, median_label: str
) -> str:
    left, right, middle = (_x(v, top) for v in (spread.q1, spread.q3, spread.median))
    return (
        f'<rect class="chart__band" x="{left}" y="0" width="{round(right - left, 2)}"'
        f' height="{height}" fill="#dde6f0"><title>{escape(band_label)}</title></rect>'
        f'<line class="chart__median" x1="{middle}" x2="{middle}" y1="0"'
        f' y2="{height}" stroke="#1f4e79" stroke-width="2">'
        f"<title>{escape(median_label)}</title></line>"
    )


def _row(point: Point, index: int, top: float, criterion_label: str) -> str:
    y = TOP + index * ROW_HEIGHT
    middle = y + ROW_HEIGHT / 2
    parts = [
        f'<text class="chart__label" x="{LABEL_WIDTH - 8}" y="{middle}"'
        f' text-anchor="end" dominant-baseline="middle">{escape(point.label)}</text>',
        f'<line class="chart__track" x1="{LABEL_WIDTH}" x2="{LABEL_WIDTH + PLOT_WIDTH}"'
        f' y1="{middle}" y2="{middle}" stroke="#bbbbbb" stroke-width="1"/>',
    ]
    if point.criterion is not None:
        x = _x(point.criterion, top)
        parts.append(
            f'<line class="chart__criterion" x1="{x}" x2="{x}" y1="{y + 3}"'
            f' y2="{y + ROW_HEIGHT - 3}" stroke="#000000" stroke-width="2"'
            f' stroke-dasharray="3 2"><title>{escape(criterion_label)}</title></line>'
        )
    if point.value is not None:
        parts.append(
            f'<circle class="chart__point" cx="{_x(point.value, top)}" cy="{middle}"'
            f' r="6" fill="#1f4e79"/>'
        )
    cls = (
        "chart__value" if point.value is not None else "chart__value chart__value--none"
    )
    parts.append(
        f'<text class="{cls}" x="{LABEL_WIDTH + PLOT_WIDTH + 8}" y="{middle}"'
        f' dominant-baseline="middle">{escape(point.text)}</text>'
    )
    return "".join(parts)


def _axis(top: float, y: int, kind: str) -> str:
    ticks = [top * step / 4 for step in range(5)]
    unit = " %" if kind == "share" else ""
    labels = "".join(
        f'<text class="chart__tick" x="{_x(t, top)}" y="{y + AXIS - 6}"'
        f' text-anchor="middle">{_number(t)}{unit}</text>'
        for t in ticks
    )
    return (
        f'<line class="chart__axis" x1="{LABEL_WIDTH}" x2="{LABEL_WIDTH + PLOT_WIDTH}"'
        f' y1="{y}" y2="{y}" stroke="#555555" stroke-width="1"/>{labels}'
    )


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
