"""The programme report's charts: one per measure, a bar per cohort and one for
all cohorts, from the same figures as the effect table.

The HTML page and the PDF both draw them with ``results.charts.bar_chart`` (the
results page's SVG); in the PDF the chart's ``<title>`` becomes the figure's
alternative text, so there it names every bar's value (``chart_alt``).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import format_percent
from markupsafe import Markup

from mentoring.core.i18n import _
from mentoring.reports.queries import ReportData
from mentoring.results.aggregation import Figure
from mentoring.results.charts import Bar, bar_chart
from mentoring.results.measures import MEASURES


@dataclass(frozen=True)
class ReportChart:
    """One measure's bars, already in the report's language."""

    key: str
    title: str
    bars: list[Bar]
    criterion: float | None
    criterion_label: str


def report_charts(data: ReportData) -> list[ReportChart]:
    """A chart per measure (call inside ``force_locale``); none without answers."""
    if not data.by_cohort:
        return []
    charts = []
    for index, measure in enumerate(MEASURES):
        rows = [(name, figs[index]) for name, figs in data.by_cohort.items()]
        rows.append((_("All cohorts"), data.figures[index]))
        criterion = data.figures[index].criterion
        bars = [Bar(name, fig.share, bar_text(fig)) for name, fig in rows]
        label = "" if criterion is None else criterion_text(criterion)
        charts.append(ReportChart(measure.key, measure.title(), bars, criterion, label))
    return charts


def bar_text(fig: Figure) -> str:
    """The bar's value as on the results page: "48 % (29/40)", * if small."""
    if fig.percent is None:
        return _("no answers")
    text = f"{fig.percent} % ({fig.denominator}/{fig.invited})"
    return f"{text} *" if fig.small_sample else text


def chart_alt(chart: ReportChart) -> str:
    """The chart in words, for a reader who cannot see it: each bar's value."""
    bars = "; ".join(f"{bar.label}: {bar.text}" for bar in chart.bars)
    text = f"{chart.title}. {bars}."
    if chart.criterion_label:
        text += f" {chart.criterion_label}."
    return text


def criterion_text(criterion: float) -> str:
    """Shown beside the chart (and on the line's hover): the criterion's value."""
    return _("Success criterion: %(share)s", share=format_percent(criterion))


def chart_svg(chart: ReportChart, title: str = "") -> Markup:
    """The chart as the results page draws it (SVG, every text escaped)."""
    svg = bar_chart(
        chart.bars,
        chart_id=f"report-chart-{chart.key}",
        title=title or chart.title,
        description=_("Share per cohort and overall; the numbers are in the table."),
        criterion=chart.criterion,
        criterion_label=chart.criterion_label,
    )
    return Markup(svg)  # noqa: S704 - bar_chart escapes every text it is given
