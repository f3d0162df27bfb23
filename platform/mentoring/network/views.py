"""Apex-host pages: the network's front page, the analyst's and operator's homes,
the benchmarks (published figures only) and the public impact page."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request

from mentoring.benchmarking import queries as snapshot
from mentoring.benchmarking.labels import (
    MOTIVATION_PREFIX,
    measure_label,
    template_helpers,
)
from mentoring.core.auth import roles_required
from mentoring.core.htmx import render_page_or_fragment
from mentoring.core.tenancy import require_network
from mentoring.network import benchmarks, queries
from mentoring.tenancy.queries import all_tenants

bp = Blueprint("network", __name__, template_folder="templates")
bp.before_request(require_network)
bp.context_processor(template_helpers)
ANALYSTS = ("analyst", "operator")


def network_home() -> str:
    """The participating cities (routed by ``home.index`` on the apex host)."""
    return render_template("network/home.html", tenants=all_tenants())


@bp.route("/network/")
@roles_required(*ANALYSTS)
def analyst_home() -> str:
    return render_template(
        "network/analyst_home.html", activity=queries.city_activity()
    )


@bp.route("/operations/")
@roles_required("operator")
def operator_home() -> str:
    return render_template(
        "network/operator_home.html",
        tenants=all_tenants(),
        accounts=queries.accounts_per_city(),
    )


def _filters(default_period: str | None = None) -> tuple[snapshot.Filters, list[str]]:
    periods = snapshot.periods()
    filters = benchmarks.parse_filters(request.args, periods)
    if filters.period is None and default_period is not None:
        filters = snapshot.Filters(default_period, filters.without_demo)
    return filters, periods


@bp.route("/network/benchmarks/")
@roles_required(*ANALYSTS)
def benchmarks_index() -> Response:
    filters, periods = _filters(default_period="all")
    groups = snapshot.grouped(snapshot.figures(filters))
    return render_page_or_fragment(
        "network/benchmarks.html",
        "network/_benchmarks.html",
        groups=groups,
        filters=filters,
        periods=periods,
    )


@bp.route("/network/benchmarks/motivation")
@roles_required(*ANALYSTS)
def motivation() -> Response:
    filters, periods = _filters(default_period="all")
    rows = [
        row
        for row in snapshot.figures(filters)
        if row.measure.startswith(MOTIVATION_PREFIX)
    ]
    return render_page_or_fragment(
        "network/motivation.html",
        "network/_motivation.html",
        view=benchmarks.motivations(rows, filters.period or "all"),
        filters=filters,
        periods=periods,
    )


@bp.route("/network/benchmarks/<measure>")
@roles_required(*ANALYSTS)
def benchmark(measure: str) -> Response:
    filters, periods = _filters()
    every_period = snapshot.Filters(None, filters.without_demo)
    groups = benchmarks.by_period(snapshot.figures(every_period, measure=measure))
    if not groups and measure not in snapshot.measure_keys():
        abort(404)
    group = groups.get(filters.period or "all")
    rows = benchmarks.city_rows(group, _tenants()) if group else []
    return render_page_or_fragment(
        "network/benchmark.html",
        "network/_benchmark.html",
        measure=measure,
        label=measure_label(measure),
        group=group,
        rows=rows,
        chart=benchmarks.chart(group, rows) if group else None,
        trends=benchmarks.trends(groups.values()),
        filters=filters,
        periods=periods,
    )


def _tenants() -> dict:
    """The cities' rows (platform data, not tenant-owned): their criteria."""
    return {tenant.id: tenant for tenant in all_tenants()}


@bp.route("/network/benchmarks.csv")
@roles_required(*ANALYSTS)
def benchmarks_csv() -> Response:
    filters, _periods = _filters()
    body = benchmarks.benchmarks_csv(snapshot.figures(filters))
    response = Response(body, content_type="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = 'attachment; filename="benchmarks.csv"'
    return response


@bp.route("/impact")
def impact() -> str:
    """The network's headline results for anyone: pooled rows only, no city."""
    return render_template(
        "network/impact.html",
        headlines=snapshot.headlines(),
        keys=snapshot.HEADLINES,
    )
