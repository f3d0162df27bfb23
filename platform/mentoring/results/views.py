"""The coordinator's results pages: the success criteria and the results."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, flash, redirect, render_template, url_for
from markupsafe import Markup
from werkzeug.wrappers import Response

from mentoring.core.auth import roles_required
from mentoring.core.i18n import _
from mentoring.core.tenancy import current_tenant, require_city
from mentoring.extensions import db
from mentoring.results import queries, services
from mentoring.results.aggregation import Figure, Results
from mentoring.results.charts import Bar, bar_chart
from mentoring.results.forms import CriteriaForm
from mentoring.results.measures import MEASURES

bp = Blueprint("results", __name__, template_folder="templates")
bp.before_request(require_city)


@bp.route("/coordinator/results/criteria", methods=["GET", "POST"])
@roles_required("coordinator")
def criteria() -> str | Response | tuple[str, int]:
    form = CriteriaForm()
    if form.validate_on_submit():
        services.save_criteria(form.shares())
        db.session.commit()
        flash(_("Success criteria saved."), "success")
        return redirect(url_for(".criteria"))
    if form.is_submitted():
        return render_template("results/criteria.html", form=form), 400
    _fill(form, queries.criteria_for(current_tenant))
    return render_template("results/criteria.html", form=form)


def _fill(form: CriteriaForm, criteria: dict[str, float]) -> None:
    for field in form.measure_fields():
        share = criteria.get(field.name)
        field.data = None if share is None else round(share * 100)


@dataclass(frozen=True)
class Panel:
    """One measure on the results page: its chart and the table beside it."""

    key: str
    label: str
    chart: Markup
    rows: list[tuple[str, Figure]]


@bp.route("/coordinator/results/")
@roles_required("coordinator")
def results() -> str:
    results = queries.results(current_tenant)
    panels = _panels(results) if results.answered else []
    return render_template("results/results.html", panels=panels)


def _panels(results: Results) -> list[Panel]:
    overall = _("All cohorts")
    panels = []
    for index, measure in enumerate(MEASURES):
        rows = [(name, figs[index]) for name, figs in results.by_cohort.items()]
        rows.append((overall, results.overall[index]))
        label = measure.title()
        panels.append(Panel(measure.key, label, _chart(measure.key, label, rows), rows))
    return panels


def _chart(key: str, label: str, rows: list[tuple[str, Figure]]) -> Markup:
    criterion = rows[-1][1].criterion
    bars = [Bar(name, fig.share, _bar_text(fig)) for name, fig in rows]
    svg = bar_chart(
        bars,
        chart_id=f"chart-{key}",
        title=label,
        description=_("Share per cohort and overall; the numbers are in the table."),
        criterion=criterion,
        criterion_label=_("Success criterion") if criterion is not None else "",
    )
    return Markup(svg)  # noqa: S704 - bar_chart escapes every text it is given


def _bar_text(fig: Figure) -> str:
    if fig.percent is None:
        return _("no answers")
    text = f"{fig.percent} % ({fig.denominator}/{fig.invited})"
    return f"{text} *" if fig.small_sample else text
