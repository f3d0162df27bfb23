"""Apex-host pages: the network's front page, the analyst's and operator's homes,
the benchmarks (published figures only) and the public impact page."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_timezone

from mentoring.benchmarking import queries as snapshot
from mentoring.benchmarking.jobs import ask_for_snapshot
from mentoring.benchmarking.labels import (
    MOTIVATION_PREFIX,
    measure_label,
    template_helpers,
)
from mentoring.core.auth import roles_required
from mentoring.core.htmx import render_page_or_fragment
from mentoring.core.i18n import _
from mentoring.core.tenancy import require_network
from mentoring.extensions import db, htmx
from mentoring.network import benchmarks, queries, services
from mentoring.network.forms import StageForm, TrackedCityForm, onboarding_form
from mentoring.network.models import STAGE_LABELS, TrackedCity
from mentoring.results.measures import WITH_CRITERION
from mentoring.tenancy.config import clean_logo, taken_in_files
from mentoring.tenancy.queries import all_tenants, names_in_use

bp = Blueprint("network", __name__, template_folder="templates")
bp.before_request(require_network)
bp.context_processor(template_helpers)
ANALYSTS = ("analyst", "operator")


@bp.context_processor
def stage_labels() -> dict[str, Any]:
    return {"STAGE_LABELS": STAGE_LABELS}


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


# -- the tracker and onboarding (operators only) -----------------------------------
# Analysts compare results; who the network is talking to, and the notes about
# it, are the operators' working record.


def _today() -> date:
    """Today in the network's timezone (Babel's, Copenhagen on the apex)."""
    return datetime.now(get_timezone()).date()


def _tracked_or_404(row_id: uuid.UUID) -> TrackedCity:
    row = queries.tracked_by_id(row_id)
    if row is None:
        abort(404)
    return row


@bp.route("/operations/cities/")
@roles_required("operator")
def tracker() -> str:
    rows = queries.tracked_cities()
    return render_template(
        "network/tracker.html",
        rows=rows,
        counts=queries.tracker_counts(rows),
        stage_form=StageForm(),
    )


@bp.route("/operations/cities/new", methods=["GET", "POST"])
@roles_required("operator")
def add_tracked() -> Response | tuple[str, int]:
    form = TrackedCityForm()
    if form.validate_on_submit():
        row = services.add_tracked(form.data, _today())
        db.session.commit()
        flash(_("%(name)s is in the tracker.", name=row.name), "success")
        return redirect(url_for("network.tracker"))
    page = render_template("network/tracked_form.html", form=form, row=None)
    return page, 400 if form.errors else 200


@bp.route("/operations/cities/<uuid:row_id>")
@roles_required("operator")
def tracked_city(row_id: uuid.UUID) -> str:
    row = _tracked_or_404(row_id)
    return render_template(
        "network/tracked_city.html", row=row, stage_form=StageForm(stage=row.stage)
    )


@bp.route("/operations/cities/<uuid:row_id>/edit", methods=["GET", "POST"])
@roles_required("operator")
def edit_tracked(row_id: uuid.UUID) -> Response | tuple[str, int]:
    row = _tracked_or_404(row_id)
    form = TrackedCityForm(obj=row)
    if form.validate_on_submit():
        services.update_tracked(row, form.data, _today())
        db.session.commit()
        flash(_("%(name)s is saved.", name=row.name), "success")
        return redirect(url_for("network.tracked_city", row_id=row.id))
    page = render_template("network/tracked_form.html", form=form, row=row)
    return page, 400 if form.errors else 200


@bp.route("/operations/cities/<uuid:row_id>/stage", methods=["POST"])
@roles_required("operator")
def change_stage(row_id: uuid.UUID) -> Response:
    """In place with htmx (the row and the counts), a redirect without JavaScript."""
    row = _tracked_or_404(row_id)
    form = StageForm()
    if not form.validate_on_submit():
        flash(_("Choose one of the stages."), "error")
        return redirect(url_for("network.tracker"))
    services.change_stage(row, form.stage.data, _today())
    db.session.commit()
    if not htmx:
        message = _("%(name)s is now: %(stage)s.", name=row.name, stage=row.stage_label)
        flash(message, "success")
        return redirect(url_for("network.tracker"))
    rows = queries.tracked_cities()
    return render_page_or_fragment(
        "network/tracker.html",
        "network/_tracker_changed.html",
        rows=rows,
        row=row,
        counts=queries.tracker_counts(rows),
        stage_form=StageForm(),
    )


@bp.route("/operations/onboard", methods=["GET", "POST"])
@roles_required("operator")
def onboard() -> Response | tuple[str, int]:
    """Onboard a city from the web: the database becomes its source of truth."""
    form = onboarding_form(
        WITH_CRITERION, queries.not_onboarded(queries.tracked_cities())
    )
    if request.method == "GET" and request.args.get("tracked"):
        form.tracked.data = request.args["tracked"]
    form.taken_in_database = names_in_use()
    form.taken_in_files = taken_in_files(Path(current_app.config["TENANTS_DIR"]))
    if form.validate_on_submit():
        row = services.onboard_city(
            _tenant_values(form),
            {"name": form.coordinator_name.data, "email": form.coordinator_email.data},
            uuid.UUID(form.tracked.data) if form.tracked.data else None,
            _today(),
        )
        db.session.commit()
        flash(_("The city is created and its coordinator invited."), "success")
        return redirect(url_for("network.tracked_city", row_id=row.id))
    page = render_template("network/onboard.html", form=form)
    return page, 400 if form.errors else 200


def _tenant_values(form: Any) -> dict[str, Any]:
    """The tenant's columns, as ``tenants sync`` would write them from a file."""
    return {
        "slug": form.subdomain.data,
        "subdomain": form.subdomain.data,
        "custom_domains": form.domain_list(),
        "name_da": form.name_da.data,
        "name_en": form.name_en.data,
        "default_language": form.default_language.data,
        "timezone": form.timezone.data,
        "demo": False,
        "primary_color": form.primary_color.data.upper(),
        "accent_color": form.accent_color.data.upper(),
        # Stored as a file would load it (sanitised), so `tenants export` round-trips.
        "logo_svg": clean_logo(form.logo_svg()),
        "contact": {
            "organisation": form.contact_organisation.data,
            "email": form.contact_email.data,
            "phone": "",
            "address": "",
            "website": "",
        },
        "success_criteria": form.criteria(),
    }


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


@bp.route("/network/benchmarks/recompute", methods=["POST"])
@roles_required("operator")
def recompute() -> Response:
    """An operator asks for a fresh snapshot now (a job; the page shows it after)."""
    ask_for_snapshot("asked")
    db.session.commit()
    flash(_("The figures are being recomputed; reload in a minute."), "success")
    return redirect(url_for("network.benchmarks_index"))


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
