"""A participant's "My data" (download, consents, ask for erasure) and the
coordinator's erasure of a person. Each write commits once; bad input changes
nothing and says why."""

from __future__ import annotations

import uuid

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from mentoring.accounts.models import User
from mentoring.core.auth import roles_required
from mentoring.core.i18n import _
from mentoring.core.tenancy import require_city
from mentoring.extensions import db
from mentoring.privacy import export, queries, services
from mentoring.privacy.forms import ButtonForm, EraseForm

bp = Blueprint("privacy", __name__, template_folder="templates")
bp.before_request(require_city)
Page = Response | str | tuple[str, int]


def _me() -> User:
    return db.one_or_404(db.select(User).where(User.id == current_user.id))


@bp.route("/me/data")
@roles_required("mentor", "mentee")
def my_data() -> str:
    user = _me()
    return render_template(
        "privacy/my_data.html",
        consents=queries.consents_of(user),
        open_request=services.open_erasure_request(user.id),
        form=ButtonForm(),
    )


@bp.route("/me/data.zip")
@roles_required("mentor", "mentee")
def download() -> Response:
    content = export.personal_zip(_me())
    return Response(
        content,
        mimetype="application/zip",
        headers={
            "Content-Disposition": 'attachment; filename="my-data.zip"',
            "Cache-Control": "no-store",
        },
    )


@bp.route("/me/data/consents/<uuid:record_id>/withdraw", methods=["POST"])
@roles_required("mentor", "mentee")
def withdraw_consent(record_id: uuid.UUID) -> Response:
    user = _me()
    record = queries.consent_of_or_404(user, record_id)
    if ButtonForm().validate_on_submit() and services.withdraw_consent(user, record):
        db.session.commit()
        label = record.purpose_label
        message = _("Your consent is withdrawn: %(purpose)s.", purpose=label)
        flash(message, "success")
    else:
        flash(_("Nothing changed: this consent was already withdrawn."), "error")
    return redirect(url_for(".my_data"))


@bp.route("/me/data/erasure", methods=["POST"])
@roles_required("mentor", "mentee")
def ask_erasure() -> Response:
    if not ButtonForm().validate_on_submit():
        flash(_("Nothing changed: please try again."), "error")
        return redirect(url_for(".my_data"))
    services.request_erasure(_me())
    db.session.commit()
    flash(
        _("We have your request. The coordinator erases your data and writes to you."),
        "success",
    )
    return redirect(url_for(".my_data"))


@bp.route("/coordinator/people/<uuid:user_id>/erase", methods=["GET", "POST"])
@roles_required("coordinator")
def erase(user_id: uuid.UUID) -> Page:
    """GET says what is erased; only the POST with ``confirm=yes`` erases."""
    user = db.one_or_404(db.select(User).where(User.id == user_id))
    if user.id == current_user.id or user.role == "coordinator":
        flash(_("A coordinator's account cannot be erased here."), "error")
        return redirect(url_for("people.person", user_id=user.id))
    if user.erased_at is not None:
        flash(_("The person is erased."), "success")
        return redirect(url_for("people.person", user_id=user.id))
    form = EraseForm()
    if not form.validate_on_submit():
        page = render_template("privacy/erase.html", person=user, form=form)
        return page, 400 if form.errors else 200
    locked = db.one_or_404(
        db.select(User).where(User.id == user_id).with_for_update(of=User)
    )
    services.erase_person(locked)
    db.session.commit()
    flash(_("The person is erased."), "success")
    return redirect(url_for("people.person", user_id=user.id))
