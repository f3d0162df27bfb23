"""The coordinator's results pages: the success criteria and the results."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from markupsafe import Markup
from werkzeug.wrappers import Response

from mentoring.core.auth import roles_required
from mentoring.core.htmx import render_page_or_fragment
from mentoring.core.i18n import _
from mentoring.core.tenancy import current_tenant, require_city
from mentoring.extensions import db
from mentoring.programmes.models import PARTICIPANT_ROLES, Cohort
from mentoring.programmes.queries import cohort_or_404
from mentoring.results import answers as tallying
from mentoring.results import queries, services
from mentoring.results.aggregation import Figure, Results
from mentoring.results.charts import Bar, bar_chart
from mentoring.results.forms import CriteriaForm
from mentoring.results.measures import MEASURES
from mentoring.surveys.instruments import INSTRUMENTS

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


# -- every answer of one survey in one cohort ---------------------------------------


@dataclass(frozen=True)
class QuestionPanel:
    """One question on the answers page: its tally and, if closed, its chart."""

    tally: tallying.Tally
    chart: Markup | None


@bp.route("/coordinator/results/answers")
@roles_required("coordinator")
def answers() -> Response:
    survey = _survey_key()
    cohort = _chosen_cohort()
    context = {"survey": survey, "cohort": cohort, "cohorts": queries.city_cohorts()}
    if cohort is not None:
        context |= _answers_context(cohort, survey)
    return render_page_or_fragment(
        "results/answers.html", "results/_answers.html", surveys=_surveys(), **context
    )


@bp.route("/coordinator/results/answers.csv")
@roles_required("coordinator")
def answers_csv() -> Response:
    survey, cohort = _survey_key(), _chosen_cohort()
    if cohort is None:
        abort(404)
    questions = _questions(survey)
    header = [_("Question key"), _("Question"), _("Answer")]
    header += [_("Name"), _("E-mail"), _("Phone")]
    body = tallying.answers_csv(
        header, survey, questions, queries.cohort_answers(cohort.id, survey)
    )
    response = Response(body, content_type="text/csv; charset=utf-8")
    filename = f"answers-{survey}-{cohort.id}.csv"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _survey_key() -> str:
    survey = request.args.get("survey") or "mentee_end"
    if survey not in INSTRUMENTS:
        abort(404)
    return survey


def _chosen_cohort() -> Cohort | None:
    """The cohort asked for; 404 for a bad id or another city's cohort."""
    raw = request.args.get("cohort")
    if not raw:
        return None
    try:
        cohort_id = uuid.UUID(raw)
    except ValueError:
        abort(404)
    return cohort_or_404(cohort_id)


def _surveys() -> list[tuple[str, str]]:
    language = get_locale().language
    return [
        (key, i.title_en if language == "en" else i.title_da)
        for key, i in INSTRUMENTS.items()
    ]


def _questions(survey: str) -> list[tallying.QuestionInfo]:
    yes_no = {"yes": _("Yes"), "no": _("No")}
    return queries.survey_questions(survey, get_locale().language, yes_no)


def _answers_context(cohort: Cohort, survey: str) -> dict[str, object]:
    given = queries.cohort_answers(cohort.id, survey)
    tallies = tallying.tallies(_questions(survey), given)
    return {
        "panels": [QuestionPanel(t, _question_chart(t)) for t in tallies],
        "answered": any(t.n for t in tallies),
        "help": tallying.help_requests(queries.help_answers(cohort.id)),
        "roles": PARTICIPANT_ROLES,
    }


def _question_chart(tally: tallying.Tally) -> Markup | None:
    if tally.question.kind == "text" or not tally.n:
        return None
    bars = [Bar(c.label, c.share, _count_text(c, tally)) for c in tally.counts]
    svg = bar_chart(
        bars,
        chart_id=f"chart-{tally.question.key}",
        title=tally.question.text,
        description=_("Answers per choice; the numbers are in the table."),
    )
    return Markup(svg)  # noqa: S704 - bar_chart escapes every text it is given


def _count_text(count: tallying.Count, tally: tallying.Tally) -> str:
    text = f"{count.count} ({count.percent} %)"
    return f"{text} *" if tally.small_sample else text
