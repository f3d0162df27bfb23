"""Coordinator pages for managing people: a person's page and details, withdrawing
from a cohort, adding to a cohort without an application, deactivating an
account, inviting a colleague coordinator.

Irreversible actions (withdraw, deactivate) ask first: their GET is the
question, their POST the answer. Each write commits once; bad input re-renders
the form with its errors (400) and changes nothing.
"""

from __future__ import annotations

import uuid

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from mentoring.core.auth import roles_required
from mentoring.core.i18n import _
from mentoring.core.tenancy import require_city
from mentoring.extensions import db, htmx
from mentoring.programmes import people as services
from mentoring.programmes import queries
from mentoring.programmes.forms import (
    AddParticipantForm,
    ConfirmForm,
    InviteCoordinatorForm,
    PersonForm,
    WithdrawForm,
)
from mentoring.programmes.status import CohortStatus

bp = Blueprint("people", __name__, template_folder="templates")
bp.before_request(require_city)
Page = Response | str | tuple[str, int]


def _done(message: str, endpoint: str, **values: object) -> Response:
    db.session.commit()
    flash(message, "success")
    return redirect(url_for(endpoint, **values))


# -- a person -------------------------------------------------------------------


@bp.route("/coordinator/people/<uuid:user_id>")
@roles_required("coordinator")
def person(user_id: uuid.UUID) -> str:
    user = queries.person_or_404(user_id)
    return render_template(
        "programmes/person.html",
        person=user,
        participations=queries.participations(user.id),
        confirm=ConfirmForm(),
    )


@bp.route("/coordinator/people/<uuid:user_id>/edit", methods=["GET", "POST"])
@roles_required("coordinator")
def person_edit(user_id: uuid.UUID) -> Page:
    user = queries.person_or_404(user_id)
    form = PersonForm(obj=user)
    if not (form.validate_on_submit() and _email_free(form, user)):
        page = render_template("programmes/person_form.html", form=form, person=user)
        return page, 400 if form.errors else 200
    services.update_person(queries.person_for_change(user.id), form.data)
    return _done(_("The details are saved."), ".person", user_id=user.id)


def _email_free(form: PersonForm | InviteCoordinatorForm, user: object = None) -> bool:
    if services.email_taken(form.email.data, user):  # type: ignore[arg-type]
        form.email.errors.append(_("Another person of the city has this e-mail."))
        return False
    return True


# -- an account -----------------------------------------------------------------


@bp.route("/coordinator/people/<uuid:user_id>/deactivate", methods=["GET", "POST"])
@roles_required("coordinator")
def deactivate(user_id: uuid.UUID) -> Page:
    """GET asks; POST deactivates and ends the person's sessions."""
    user = queries.person_or_404(user_id)
    form = ConfirmForm()
    if user.id == current_user.id:
        flash(_("You cannot deactivate your own account."), "error")
        return redirect(url_for(".person", user_id=user.id))
    if not form.validate_on_submit():
        return render_template("programmes/deactivate.html", person=user, form=form)
    services.deactivate_account(queries.person_for_change(user.id))
    return _done(
        _("%(name)s can no longer sign in.", name=user.full_name),
        ".person",
        user_id=user.id,
    )


@bp.route("/coordinator/people/<uuid:user_id>/reactivate", methods=["POST"])
@roles_required("coordinator")
def reactivate(user_id: uuid.UUID) -> Page:
    """Reversible, so no question: htmx swaps the account panel in place."""
    user = queries.person_for_change(user_id)
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for(".person", user_id=user.id))
    services.reactivate_account(user)
    db.session.commit()
    message = _("%(name)s can sign in again.", name=user.full_name)
    if htmx:
        return render_template(
            "programmes/_account.html",
            person=user,
            confirm=ConfirmForm(),
            notice=message,
        )
    flash(message, "success")
    return redirect(url_for(".person", user_id=user.id))


# -- cohorts --------------------------------------------------------------------


@bp.route(
    "/coordinator/cohorts/<uuid:cohort_id>/participants/<uuid:participant_id>/withdraw",
    methods=["GET", "POST"],
)
@roles_required("coordinator")
def withdraw(cohort_id: uuid.UUID, participant_id: uuid.UUID) -> Page:
    """GET asks (with the reason); POST withdraws: the pair ends, mail stops."""
    participant = queries.participant_or_404(cohort_id, participant_id)
    form = WithdrawForm()
    if participant.is_withdrawn:
        flash(_("%(name)s is already withdrawn.", name=participant.user.full_name))
        return redirect(url_for("home.cohort", cohort_id=cohort_id))
    if participant.cohort.status == CohortStatus.CLOSED:
        flash(_("The cohort is closed: nobody can be withdrawn from it."), "error")
        return redirect(url_for("home.cohort", cohort_id=cohort_id))
    if not form.validate_on_submit():
        page = render_template(
            "programmes/withdraw.html", participant=participant, form=form
        )
        return page, 400 if form.errors else 200
    locked = queries.participant_for_change(cohort_id, participant_id)
    services.withdraw_participant(locked, form.reason.data)
    return _done(
        _("%(name)s is withdrawn from the cohort.", name=participant.user.full_name),
        "home.cohort",
        cohort_id=cohort_id,
    )


@bp.route(
    "/coordinator/cohorts/<uuid:cohort_id>/participants/add", methods=["GET", "POST"]
)
@roles_required("coordinator")
def add_participant(cohort_id: uuid.UUID) -> Page:
    """A person without an application: someone of the city, or a new account."""
    cohort = queries.cohort_or_404(cohort_id)
    form = AddParticipantForm()
    if form.validate_on_submit():
        added = services.add_to_cohort(cohort, form.role.data, form.data)
        if added.participant is not None:
            return _done(_added_message(added), "home.cohort", cohort_id=cohort.id)
        form.email.errors.append(_("This person is already in the cohort."))
    page = render_template("programmes/add_participant.html", form=form, cohort=cohort)
    return page, 400 if form.errors else 200


def _added_message(added: services.Added) -> str:
    name = added.participant.user.full_name if added.participant else ""
    if added.new_account:
        return _("%(name)s is added and invited to choose a password.", name=name)
    return _("%(name)s is added and has been told by e-mail.", name=name)


# -- colleagues -----------------------------------------------------------------


@bp.route("/coordinator/people/invite-coordinator", methods=["GET", "POST"])
@roles_required("coordinator")
def invite_coordinator() -> Page:
    form = InviteCoordinatorForm()
    if not (form.validate_on_submit() and _email_free(form)):
        page = render_template("programmes/invite_coordinator.html", form=form)
        return page, 400 if form.errors else 200
    user = services.invite_coordinator(form.data)
    if user is None:  # pragma: no cover - taken between the check and now
        return render_template("programmes/invite_coordinator.html", form=form), 400
    return _done(
        _("%(name)s is invited by e-mail.", name=user.full_name),
        ".person",
        user_id=user.id,
    )
