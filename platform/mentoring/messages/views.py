"""The coordinator's messages to a cohort: compose, confirm, and what was sent."""

from __future__ import annotations

import uuid

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale, ngettext
from flask_login import current_user
from werkzeug.wrappers import Response

from mentoring.core.auth import roles_required
from mentoring.core.tenancy import require_city
from mentoring.extensions import db
from mentoring.messages import audiences, queries, services
from mentoring.messages.forms import MessageForm
from mentoring.programmes.models import Cohort
from mentoring.programmes.queries import cohort_or_404

bp = Blueprint("messages", __name__, template_folder="templates")
bp.before_request(require_city)


@bp.route("/coordinator/cohorts/<uuid:cohort_id>/messages/")
@roles_required("coordinator")
def cohort_messages(cohort_id: uuid.UUID) -> str:
    cohort = cohort_or_404(cohort_id)
    messages = queries.cohort_messages(cohort.id)
    return render_template(
        "messages/cohort_messages.html",
        cohort=cohort,
        messages=messages,
        counts=queries.counts([m.id for m in messages]),
        empty=queries.Counts(),
    )


@bp.route("/coordinator/cohorts/<uuid:cohort_id>/messages/new", methods=["GET", "POST"])
@roles_required("coordinator")
def new_message(cohort_id: uuid.UUID) -> str | Response:
    """Write, then confirm (a second POST from the confirmation page) to send."""
    cohort = cohort_or_404(cohort_id)
    options = {a.key: a for a in audiences.audiences(cohort, get_locale().language)}
    form = MessageForm()
    form.audience.choices = [(a.key, _option(a)) for a in options.values()]
    if not form.validate_on_submit() or "edit" in request.form:
        return render_template("messages/compose.html", cohort=cohort, form=form)
    chosen = options[form.audience.data]
    if form.confirmed.data != "yes":
        form.confirmed.data = "yes"
        return render_template(
            "messages/confirm.html", cohort=cohort, form=form, audience=chosen
        )
    return _send(cohort, form, chosen)


def _option(audience: audiences.Audience) -> str:
    return f"{audience.label} ({audience.count})"


def _send(cohort: Cohort, form: MessageForm, chosen: audiences.Audience) -> Response:
    draft = services.Draft(
        audience=chosen.key,
        audience_label=chosen.label[:300],
        subject_da=form.subject_da.data,
        subject_en=form.subject_en.data,
        body_da=form.body_da.data,
        body_en=form.body_en.data,
    )
    message = services.send_message(cohort, draft, current_user)
    if message is None:
        abort(400)  # the choices are the cohort's: only a forged form gets here
    db.session.commit()
    count = len(message.recipients)
    flash(
        ngettext(
            "The message is on its way to %(num)d person.",
            "The message is on its way to %(num)d people.",
            count,
        ),
        "success",
    )
    return redirect(url_for(".message", cohort_id=cohort.id, message_id=message.id))


@bp.route("/coordinator/cohorts/<uuid:cohort_id>/messages/<uuid:message_id>")
@roles_required("coordinator")
def message(cohort_id: uuid.UUID, message_id: uuid.UUID) -> str:
    cohort = cohort_or_404(cohort_id)
    found = queries.message_or_404(cohort.id, message_id)
    return render_template(
        "messages/message.html",
        cohort=cohort,
        message=found,
        recipients=queries.recipients_of(found.id),
        counts=queries.counts([found.id]).get(found.id, queries.Counts()),
    )
