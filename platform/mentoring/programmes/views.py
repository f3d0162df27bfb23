"""Coordinator pages of the base domain: the city's cohort template, new and
edited cohorts, and the city's people.

Each write validates first and commits once; bad input re-renders the form
with its errors (400) and changes nothing. The cohort's own page, which shows
events, pairs and meetings too, is in ``home``.
"""

from __future__ import annotations

import uuid
from datetime import time
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from mentoring.accounts.models import CITY_ROLES
from mentoring.core.auth import roles_required
from mentoring.core.htmx import render_page_or_fragment
from mentoring.core.i18n import _
from mentoring.core.pagination import page_from
from mentoring.core.tenancy import current_tenant, require_city
from mentoring.extensions import db
from mentoring.programmes import queries, services
from mentoring.programmes.forms import (
    STEP_FIELDS,
    CohortEditForm,
    CohortForm,
    StepForm,
    TemplateForm,
)
from mentoring.programmes.models import (
    Cohort,
    TemplateStep,
)
from mentoring.programmes.queries import cohort_or_404

bp = Blueprint("programmes", __name__, template_folder="templates")
bp.before_request(require_city)
Page = Response | str | tuple[str, int]


# -- the city's people ----------------------------------------------------------


@bp.route("/coordinator/people")
@roles_required("coordinator")
def people() -> Response:
    """The people list; htmx swaps just the list when the filter changes."""
    role, search = people_filter()
    return render_page_or_fragment(
        "programmes/people.html",
        "programmes/_people.html",
        **people_context(role, search),
    )


def people_filter() -> tuple[str | None, str]:
    """The role and search of the people filter, from the query string."""
    role = request.args.get("role") or None
    if role not in CITY_ROLES:
        role = None
    return role, (request.args.get("q") or "")[:100]


def people_context(role: str | None, search: str) -> dict[str, object]:
    """What the people list needs (also on the coordinator's overview)."""
    total = queries.people_count(role, search)
    page = page_from(request.args.get("page"), total, queries.PEOPLE_PAGE_SIZE)
    return {
        "people": queries.people(role, search, page.size, page.offset),
        "people_total": total,
        "paging": page,
        "pagination_target": "#people-list",
        "role": role,
        "search": search,
        "roles": CITY_ROLES,
        "page_size": queries.PEOPLE_PAGE_SIZE,
    }


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
        "home.cohort",
        cohort_id=cohort.id,
    )


@bp.route("/coordinator/cohorts/<uuid:cohort_id>/edit", methods=["GET", "POST"])
@roles_required("coordinator")
def cohort_edit(cohort_id: uuid.UUID) -> Page:
    cohort = cohort_or_404(cohort_id)
    if cohort.is_closed:
        flash(_("The cohort is closed: its details can no longer be changed."), "error")
        return redirect(url_for("home.cohort", cohort_id=cohort.id))
    form = CohortEditForm(obj=cohort)
    if not (form.validate_on_submit() and _name_free(form, cohort)):
        code = 400 if form.errors else 200
        return render_template(
            "programmes/cohort_form.html", form=form, template=None, cohort=cohort
        ), code
    services.update_cohort(cohort, form.data)
    return _saved(_("The cohort is saved."), "home.cohort", cohort_id=cohort.id)


def _name_free(form: CohortForm, cohort: Cohort | None = None) -> bool:
    if services.name_taken(form.name.data, cohort):
        form.name.errors.append(_("Another cohort already has this name."))
        return False
    return True
