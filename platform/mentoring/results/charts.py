"""Server-rendered SVG bar charts: no JavaScript, readable by screen readers.

Pure: no Flask. Texts come in already translated and are escaped here; colours
come from the city's CSS custom properties through classes (the CSP forbids
inline styles), with plain fills as a fallback.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

# Sized for a phone: the viewBox is about as wide as a phone's column, so the
# text keeps its size there (CSS caps the width on a desktop). Each label sits
# on its own lines above its bar, wrapped, so labels never overlap.
WIDTH = 380
PLOT_WIDTH = 236
VALUE_X = PLOT_WIDTH + 8
LABEL_CHARS = 42  # about what one line of WIDTH holds at the chart's font size
LINE_HEIGHT = 18
BAR_HEIGHT = 20
GAP = 14
TOP = 4


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
    """Horizontal bars, each under its label, with a marker at the criterion."""
    parts, y = [], TOP
    for bar in bars:
        part, y = _bar(bar, y, criterion, criterion_label)
        parts.append(part)
    height = y + TOP
    head = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img"'
        f' viewBox="0 0 {WIDTH} {height}" width="100%"'
        f' aria-labelledby="{_a(chart_id)}-title {_a(chart_id)}-desc">',
        f'<title id="{_a(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{_a(chart_id)}-desc">{escape(description)}</desc>',
    ]
    return "".join([*head, *parts, "</svg>"])


def bar_width(share: float | None) -> float:
    """The bar's length in the plot: proportional to the share, clipped to 0-1."""
    return round(min(max(share or 0.0, 0.0), 1.0) * PLOT_WIDTH, 2)


def label_lines(label: str) -> list[str]:
    """The label wrapped to the chart's width (a long word stays whole)."""
    return textwrap.wrap(label, LABEL_CHARS, break_long_words=False) or [""]


def _bar(
    bar: Bar, top: float, criterion: float | None, criterion_label: str
) -> tuple[str, float]:
    """One bar's markup and where the next one starts."""
    lines = label_lines(bar.label)
    spans = "".join(
        f'<tspan x="0" dy="{0 if i == 0 else LINE_HEIGHT}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    y = top + len(lines) * LINE_HEIGHT + 2
    middle = y + BAR_HEIGHT / 2
    markup = (
        f'<text class="chart__label" x="0" y="{top + LINE_HEIGHT - 4}">{spans}</text>'
        f'<rect class="chart__track" x="0" y="{y}" width="{PLOT_WIDTH}"'
        f' height="{BAR_HEIGHT}" fill="#eeeeee"/>'
        f'<rect class="chart__bar" x="0" y="{y}" width="{bar_width(bar.share)}"'
        f' height="{BAR_HEIGHT}" fill="#1f4e79"/>'
        f'<text class="chart__value" x="{VALUE_X}" y="{middle}"'
        f' dominant-baseline="middle">{escape(bar.text)}</text>'
    )
    if criterion is not None:
        markup += _criterion(criterion, criterion_label, y)
    return markup, y + BAR_HEIGHT + GAP


def _criterion(criterion: float, label: str, y: float) -> str:
    x = bar_width(criterion)
    return (
        f'<line class="chart__criterion" x1="{x}" x2="{x}" y1="{y - 3}"'
        f' y2="{y + BAR_HEIGHT + 3}" stroke="#000000" stroke-width="2"'
        f' stroke-dasharray="4 3"><title>{escape(label)}</title></line>'
    )


def _a(value: str) -> str:
    return escape(value, quote=True)
