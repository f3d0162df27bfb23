"""Server-rendered SVG bar charts: no JavaScript, readable by screen readers.

Pure: no Flask. Texts come in already translated and are escaped here; colours
come from the city's CSS custom properties through classes (the CSP forbids
inline styles), with plain fills as a fallback.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

LABEL_WIDTH = 220
PLOT_WIDTH = 320
VALUE_WIDTH = 140
BAR_HEIGHT = 22
GAP = 12
TOP = 8


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its share (None: nothing to draw) and its value text."""

    label: str
    share: float | None
    text: str


def bar_chart(
    bars: Sequence[Bar],
    *,
    chart_id: str,
    title: str,
    description: str,
    criterion: float | None = None,
    criterion_label: str = "",
) -> str:
    """Horizontal bars with an optional marker line at the criterion."""
    height = TOP * 2 + len(bars) * (BAR_HEIGHT + GAP)
    width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img"'
        f' viewBox="0 0 {width} {height}" width="100%"'
        f' aria-labelledby="{_a(chart_id)}-title {_a(chart_id)}-desc">',
        f'<title id="{_a(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{_a(chart_id)}-desc">{escape(description)}</desc>',
    ]
    parts += [_bar(bar, index) for index, bar in enumerate(bars)]
    if criterion is not None:
        parts.append(_criterion(criterion, criterion_label, height))
    parts.append("</svg>")
    return "".join(parts)


def bar_width(share: float | None) -> float:
    """The bar's length in the plot: proportional to the share, clipped to 0-1."""
    return round(min(max(share or 0.0, 0.0), 1.0) * PLOT_WIDTH, 2)


def _bar(bar: Bar, index: int) -> str:
    y = TOP + index * (BAR_HEIGHT + GAP)
    middle = y + BAR_HEIGHT / 2
    width = bar_width(bar.share)
    return (
        f'<text class="chart__label" x="{LABEL_WIDTH - 8}" y="{middle}"'
        f' text-anchor="end" dominant-baseline="middle">{escape(bar.label)}</text>'
        f'<rect class="chart__track" x="{LABEL_WIDTH}" y="{y}" width="{PLOT_WIDTH}"'
        f' height="{BAR_HEIGHT}" fill="#eeeeee"/>'
        f'<rect class="chart__bar" x="{LABEL_WIDTH}" y="{y}" width="{width}"'
        f' height="{BAR_HEIGHT}" fill="#1f4e79"/>'
        f'<text class="chart__value" x="{LABEL_WIDTH + PLOT_WIDTH + 8}" y="{middle}"'
        f' dominant-baseline="middle">{escape(bar.text)}</text>'
    )


def _criterion(criterion: float, label: str, height: int) -> str:
    x = LABEL_WIDTH + bar_width(criterion)
    return (
        f'<line class="chart__criterion" x1="{x}" x2="{x}" y1="0" y2="{height}"'
        f' stroke="#000000" stroke-width="2" stroke-dasharray="4 3">'
        f"<title>{escape(label)}</title></line>"
    )


def _a(value: str) -> str:
    return escape(value, quote=True)
