"""Coordinator pages for the city's cohort template and its cohorts.

Routes on the ``programmes`` blueprint (``views.bp``). Each write validates
first and commits once; bad input re-renders the form with its errors (400)
and changes nothing.
"""

from __future__ import annotations

import uuid
from datetime import time
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from mentoring.core.auth import roles_required
from mentoring.core.i18n import _
from mentoring.core.tenancy import current_tenant
from mentoring.extensions import db, htmx
from mentoring.programmes import services, status, summaries
from mentoring.programmes.forms import (
    STEP_FIELDS,
    CohortEditForm,
    CohortForm,
    StatusForm,
    StepForm,
    TemplateForm,
)
from mentoring.programmes.models import (
    AUDIENCES,
    COHORT_STATUSES,
    Cohort,
    TemplateStep,
)
from mentoring.programmes.queries import cohort_summaries
from mentoring.programmes.views import bp

Page = Response | str | tuple[str, int]


# -- the city's template --------------------------------------------------------


def step_prefix(step_id: uuid.UUID) -> str:
    """Field-name prefix of a step's form: unique ids for each step's fields."""
    return f"s{step_id.hex[:12]}"


def _step_form(step: TemplateStep) -> StepForm:
    data = {name: getattr(step, name) for name in STEP_FIELDS}
    data["start_time"] = time.fromisoformat(step.start_time)
    return StepForm(formdata=None, prefix=step_prefix(step.id), data=data)


def _template_page(template: Any, code: int = 200, **forms: Any) -> tuple[str, int]:
    """The template page; ``forms`` replaces the blank forms with posted ones."""
    steps = [(s, forms.get(f"step_{s.id}") or _step_form(s)) for s in template.steps]
    settings = forms.get("settings") or TemplateForm(formdata=None, obj=template)
    new_step = forms.get("new_step") or StepForm(
        formdata=None, prefix="new", data={"start_time": time(17, 0)}
    )
    page = render_template(
        "programmes/template.html",
        template=template,
        settings=settings,
        steps=steps,
        new_step=new_step,
    )
    return page, code


def _template() -> Any:
    template = services.get_or_create_template()
    db.session.commit()  # first use creates it: later forms post to its steps
    return template


def _saved(message: str, endpoint: str, **values: Any) -> Response:
    db.session.commit()
    flash(message, "success")
    return redirect(url_for(endpoint, **values))


@bp.route("/coordinator/template", methods=["GET", "POST"])
@roles_required("coordinator")
def template() -> Page:
    template = _template()
    if request.method == "GET":
        return _template_page(template)
    form = TemplateForm()
    if not form.validate():
        return _template_page(template, 400, settings=form)
    services.update_template(template, form.data)
    return _saved(_("The template is saved."), "programmes.template")


@bp.route("/coordinator/template/steps", methods=["POST"])
@roles_required("coordinator")
def template_step_add() -> Page:
    template = _template()
    form = StepForm(prefix="new")
    if not form.validate():
        return _template_page(template, 400, new_step=form)
    services.add_step(template, form.values())
    return _saved(_("The step is added."), "programmes.template")


@bp.route("/coordinator/template/steps/<uuid:step_id>", methods=["POST"])
@roles_required("coordinator")
def template_step(step_id: uuid.UUID) -> Page:
    template = _template()
    step = _step_or_404(step_id)
    form = StepForm(prefix=step_prefix(step.id))
    if not form.validate():
        return _template_page(template, 400, **{f"step_{step.id}": form})
    services.update_step(step, form.values())
    return _saved(_("The step is saved."), "programmes.template")


@bp.route("/coordinator/template/steps/<uuid:step_id>/delete", methods=["POST"])
@roles_required("coordinator")
def template_step_delete(step_id: uuid.UUID) -> Page:
    template = _template()
    services.remove_step(template, _step_or_404(step_id))
    return _saved(_("The step is removed."), "programmes.template")


def _step_or_404(step_id: uuid.UUID) -> TemplateStep:
    return db.one_or_404(db.select(TemplateStep).where(TemplateStep.id == step_id))


# -- cohorts --------------------------------------------------------------------


def _cohort_or_404(cohort_id: uuid.UUID) -> Cohort:
    return db.one_or_404(db.select(Cohort).where(Cohort.id == cohort_id))


@bp.route("/coordinator/cohorts/")
@roles_required("coordinator")
def cohorts() -> str:
    return render_template("programmes/cohorts.html", summaries=cohort_summaries())


@bp.route("/coordinator/cohorts/new", methods=["GET", "POST"])
@roles_required("coordinator")
def cohort_new() -> Page:
    template = _template()
    form = CohortForm(
        mentee_capacity=template.mentee_capacity,
        mentor_capacity=template.mentor_capacity,
    )
    if not (form.validate_on_submit() and _name_free(form)):
        code = 400 if form.errors else 200
        return render_template(
            "programmes/cohort_form.html", form=form, template=template, cohort=None
        ), code
    cohort = services.create_cohort(
        template,
        current_tenant.timezone,
        name=form.name.data,
        starts_on=form.starts_on.data,
        mentee_capacity=form.mentee_capacity.data,
        mentor_capacity=form.mentor_capacity.data,
    )
    return _saved(
        _("The cohort is created with its events."),
        "programmes.cohort",
        cohort_id=cohort.id,
    )


@bp.route("/coordinator/cohorts/<uuid:cohort_id>/edit", methods=["GET", "POST"])
@roles_required("coordinator")
def cohort_edit(cohort_id: uuid.UUID) -> Page:
    cohort = _cohort_or_404(cohort_id)
    form = CohortEditForm(obj=cohort)
    if not (form.validate_on_submit() and _name_free(form, cohort)):
        code = 400 if form.errors else 200
        return render_template(
            "programmes/cohort_form.html", form=form, template=None, cohort=cohort
        ), code
    services.update_cohort(cohort, form.data)
    return _saved(_("The cohort is saved."), "programmes.cohort", cohort_id=cohort.id)


def _name_free(form: CohortForm, cohort: Cohort | None = None) -> bool:
    if services.name_taken(form.name.data, cohort):
        form.name.errors.append(_("Another cohort already has this name."))
        return False
    return True


@bp.route("/coordinator/cohorts/<uuid:cohort_id>")
@roles_required("coordinator")
def cohort(cohort_id: uuid.UUID) -> str:
    return _cohort_page(_cohort_or_404(cohort_id))[0]


def _cohort_page(cohort: Cohort, code: int = 200, **status_ctx: Any) -> tuple[str, int]:
    page = render_template(
        "programmes/cohort.html",
        cohort=cohort,
        summary=summaries.summarise([cohort])[0],
        pairs=summaries.pair_rows(cohort.id),
        events=summaries.event_rows(cohort.id),
        audiences=AUDIENCES,
        **_status_context(cohort, **status_ctx),
    )
    return page, code


# -- status ---------------------------------------------------------------------


def refusal_message(code: str) -> str:
    """The translated reason for a refused status change."""
    messages = {
        status.UNKNOWN: _("That is not a status a cohort can have."),
        status.UNCHANGED: _("The cohort already has that status."),
        status.CLOSED_IS_FINAL: _("The cohort is closed, and a closed one stays so."),
        status.NOT_ALLOWED: _("The cohort cannot move straight to that status."),
        status.NEEDS_PAIRS: _("A cohort can only run once it has a pair."),
        status.NEEDS_CONFIRMATION: _(
            "Tick the box to confirm: a closed cohort cannot be opened again."
        ),
    }
    return messages.get(code, messages[status.UNKNOWN])


def _status_context(
    cohort: Cohort, error: str | None = None, done: str | None = None
) -> dict[str, Any]:
    return {
        "next_statuses": status.next_statuses(cohort.status),
        "statuses": COHORT_STATUSES,
        "status_error": error,
        "status_done": done,
    }


@bp.route("/coordinator/cohorts/<uuid:cohort_id>/status", methods=["POST"])
@roles_required("coordinator")
def cohort_status(cohort_id: uuid.UUID) -> Page:
    """Move the cohort on (or back); htmx swaps the status panel in place."""
    cohort = _cohort_or_404(cohort_id)
    form = StatusForm()
    reason = services.change_status(
        cohort, form.status.data or "", bool(form.confirm.data)
    )
    if reason is None:
        db.session.commit()
        done = _("The cohort is now: %(status)s.", status=cohort.status_label)
        if not htmx:
            flash(done, "success")
            return redirect(url_for("programmes.cohort", cohort_id=cohort.id))
        return _status_fragment(cohort, done=done)
    if htmx:
        return _status_fragment(cohort, error=refusal_message(reason))
    return _cohort_page(cohort, 400, error=refusal_message(reason))


def _status_fragment(cohort: Cohort, **ctx: Any) -> str:
    # 200 even for a refusal: htmx swaps only successful responses.
    return render_template(
        "programmes/_cohort_status.html",
        cohort=cohort,
        **_status_context(cohort, **ctx),
    )
