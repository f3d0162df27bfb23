"""The analysts' benchmark pages, put together from the published snapshot.

Reads go through ``benchmarking.queries`` (published figures only); this module
turns them into what the templates show: filters from the query string, rows
with their words, and the charts.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup
from werkzeug.datastructures import MultiDict

from mentoring.benchmarking.charts import Point, spread_chart
from mentoring.benchmarking.labels import (
    MOTIVATION_PREFIX,
    measure_label,
    motivation_name,
    reason_text,
    value_text,
)
from mentoring.benchmarking.models import BenchmarkFigure
from mentoring.benchmarking.queries import Filters, MeasureFigures, grouped
from mentoring.core.i18n import _
from mentoring.results.charts import Bar, bar_chart
from mentoring.tenancy.models import Tenant

CSV_COLUMNS = ("city", "period", "measure", "n", "value", "suppressed")
YES = {"1", "true", "on", "yes"}


def parse_filters(args: MultiDict[str, str], known_periods: Sequence[str]) -> Filters:
    """Filters from ``?period=&without_demo=``; an unknown period is ignored."""
    period = args.get("period", "").strip()
    return Filters(
        period=period if period in known_periods else None,
        without_demo=args.get("without_demo", "").strip().lower() in YES,
    )


@dataclass(frozen=True)
class CityRow:
    """One city's row in a measure's table."""

    figure: BenchmarkFigure
    text: str
    criterion: float | None  # percent, named cities only
    reason: str | None


def criterion_of(
    figure: BenchmarkFigure, tenants: Mapping[uuid.UUID, Tenant]
) -> float | None:
    """The city's success criterion in percent, shown only for a named city.

    A pseudonymous city's criterion could identify it, so it is left out: the
    row is named when its label is the city's own name.
    """
    tenant = tenants.get(figure.tenant_id) if figure.tenant_id else None
    if tenant is None or figure.city not in (tenant.name_da, tenant.name_en):
        return None
    share = (tenant.success_criteria or {}).get(figure.measure)
    return None if share is None else round(float(share) * 100)


def city_rows(
    group: MeasureFigures, tenants: Mapping[uuid.UUID, Tenant]
) -> list[CityRow]:
    return [
        CityRow(
            row,
            value_text(row.kind, row.value),
            criterion_of(row, tenants) if row.kind == "share" else None,
            reason_text(row.reason) if row.suppressed else None,
        )
        for row in group.cities
    ]


def chart(group: MeasureFigures, rows: Sequence[CityRow]) -> Markup:
    points = [Point(r.figure.city, r.figure.value, r.text, r.criterion) for r in rows]
    svg = spread_chart(
        points,
        group.spread,
        kind=group.kind,
        chart_id=f"chart-{group.measure}-{group.period}",
        title=measure_label(group.measure),
        description=_(
            "Each city's published figure as a point, the band from the first to"
            " the third quartile and the median line; the numbers are in the table."
        ),
        band_label=_("Middle half of the cities (first to third quartile)"),
        median_label=_("Median of the cities"),
        criterion_label=_("The city's success criterion"),
    )
    return Markup(svg)  # noqa: S704 - spread_chart escapes every text it is given


@dataclass(frozen=True)
class Trend:
    """One year of a measure: the network's figure and the cities' median."""

    group: MeasureFigures
    network_text: str
    median_text: str


def trends(groups: Iterable[MeasureFigures]) -> list[Trend]:
    """The years (not all time), oldest first."""
    years = sorted((g for g in groups if g.period != "all"), key=lambda g: g.period)
    return [
        Trend(
            g,
            value_text(g.kind, g.network.value if g.network else None),
            value_text(g.kind, g.spread.median if g.spread else None),
        )
        for g in years
    ]


def by_period(rows: Iterable[BenchmarkFigure]) -> dict[str, MeasureFigures]:
    return {g.period: g for g in grouped(rows)}


@dataclass(frozen=True)
class Motivations:
    """Mentor motivations: one column per motivation, one row per city."""

    keys: list[str]
    names: list[str]
    network: list[BenchmarkFigure | None]
    cities: list[tuple[str, list[BenchmarkFigure | None]]]
    chart: Markup


def motivations(rows: Sequence[BenchmarkFigure], period: str) -> Motivations:
    here = [r for r in rows if r.period == period]
    keys = sorted({r.measure for r in here})
    cell = {(r.city, r.measure): r for r in here}
    cities = sorted({r.city for r in here if r.city != "network"})
    names = [
        motivation_name(k[len(MOTIVATION_PREFIX) :]) or measure_label(k) for k in keys
    ]
    network = [cell.get(("network", k)) for k in keys]
    bars = [
        Bar(
            name,
            None if fig is None or fig.value is None else fig.value / 100,
            value_text("share", fig.value if fig else None),
        )
        for name, fig in zip(names, network, strict=True)
    ]
    svg = bar_chart(
        bars,
        chart_id="chart-motivations",
        title=_("Mentors' motivations in the network"),
        description=_(
            "Share of mentors naming each motivation, all cities pooled; each"
            " city's figures are in the table."
        ),
    )
    return Motivations(
        keys,
        names,
        network,
        [(c, [cell.get((c, k)) for k in keys]) for c in cities],
        Markup(svg),  # noqa: S704 - bar_chart escapes every text it is given
    )


def plain_number(value: float | None) -> str:
    """A value for machines: ``45``, ``2.5``; empty when suppressed."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def benchmarks_csv(rows: Iterable[BenchmarkFigure]) -> str:
    """The contract's CSV: ``city,period,measure,n,value,suppressed``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow(
            [
                row.city,
                row.period,
                row.measure,
                "" if row.n is None else row.n,
                plain_number(row.value),
                "true" if row.suppressed else "false",
            ]
        )
    return out.getvalue()
