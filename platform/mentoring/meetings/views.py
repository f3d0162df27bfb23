"""Pairs (the coordinator pairs by hand) and each pair's page with its meeting log."""

from __future__ import annotations

import uuid

from flask import (
    Blueprint,
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from werkzeug.wrappers import Response

from mentoring.core.auth import roles_required
from mentoring.core.htmx import render_page_or_fragment
from mentoring.core.i18n import _
from mentoring.core.tenancy import require_city
from mentoring.extensions import db, htmx
from mentoring.meetings import queries, services
from mentoring.meetings.forms import MeetingForm, PairForm
from mentoring.programmes.models import Cohort, Pair
from mentoring.programmes.queries import cohort_or_404

bp = Blueprint("meetings", __name__, template_folder="templates")
bp.before_request(require_city)


def _status(form_failed: bool) -> int:
    """400 for a failed plain form; htmx (2.x) swaps only 2xx answers."""
    return 400 if form_failed and not htmx else 200


# -- the coordinator pairs by hand --------------------------------------------------


@bp.route("/coordinator/cohorts/<uuid:cohort_id>/pairs", methods=["GET", "POST"])
@roles_required("coordinator")
def cohort_pairs(cohort_id: uuid.UUID) -> Response:
    cohort = cohort_or_404(cohort_id)
    form, error, made = PairForm(), None, None
    if form.validate_on_submit():
        try:
            made = services.make_pair(
                cohort, form.mentee.data, form.mentor.data, g.tenant
            )
        except services.PairingError as exc:
            error = str(exc)
        else:
            db.session.commit()
            message = _(
                "Paired %(pair)s. Both have been told by e-mail.",
                pair=services.pair_label(made),
            )
            if not htmx:
                flash(message, "success")
                return redirect(url_for(".cohort_pairs", cohort_id=cohort.id))
            return _board(cohort, PairForm(formdata=None), message=message)
    failed = bool(error or form.errors)
    return _board(cohort, form, error=error, status=_status(failed))


def _board(
    cohort: Cohort, form: PairForm, status: int = 200, **context: object
) -> Response:
    board = queries.pair_board(cohort)
    form.offer(board.unpaired_mentees, board.unpaired_mentors)
    response = render_page_or_fragment(
        "meetings/cohort_pairs.html",
        "meetings/_pairs.html",
        cohort=cohort,
        board=board,
        form=form,
        **context,
    )
    response.status_code = status
    return response


@bp.route("/coordinator/pairs/<uuid:pair_id>/remove", methods=["GET", "POST"])
@roles_required("coordinator")
def remove_pair(pair_id: uuid.UUID) -> Response:
    """GET asks "are you sure?" (a page, or in place with htmx); POST unpairs."""
    pair = queries.pair_or_404(pair_id)
    cohort_id = pair.cohort_id
    if request.method == "GET":
        return render_page_or_fragment(
            "meetings/remove_pair.html",
            "meetings/_remove_pair.html",
            pair=pair,
            meetings=len(queries.meeting_dates(pair)),
        )
    label = services.pair_label(pair)
    services.remove_pair(pair)
    db.session.commit()
    message = _("Removed the pair %(pair)s.", pair=label)
    if not htmx:
        flash(message, "success")
        return redirect(url_for(".cohort_pairs", cohort_id=cohort_id))
    cohort = cohort_or_404(cohort_id)
    return _board(cohort, PairForm(formdata=None), message=message)


# -- the pair's page -------------------------------------------------------------------


def _my_pair_or_404(pair_id: uuid.UUID) -> Pair:
    """The pair, for its own mentee and mentor only: anyone else gets a 404."""
    pair = queries.pair_or_404(pair_id)
    if current_user.id not in (pair.mentee.user_id, pair.mentor.user_id):
        abort(404)
    return pair


def _partner(pair: Pair):  # noqa: ANN202
    return pair.mentor if pair.mentee.user_id == current_user.id else pair.mentee


@bp.route("/pairs/<uuid:pair_id>")
@roles_required("mentor", "mentee", "coordinator")
def pair_page(pair_id: uuid.UUID) -> str | Response:
    if current_user.role == "coordinator":
        pair = queries.pair_or_404(pair_id)
        return render_template(
            "meetings/pair_coordinator.html",
            pair=pair,
            dates=queries.meeting_dates(pair),
        )
    pair = _my_pair_or_404(pair_id)
    return _pair_page(pair, _meeting_form(pair, formdata=None))


def _pair_page(pair: Pair, form: MeetingForm, status: int = 200, **ctx: object):  # noqa: ANN202
    response = render_page_or_fragment(
        "meetings/pair.html",
        "meetings/_meetings.html",
        pair=pair,
        partner=_partner(pair),
        meetings=queries.meetings_of(pair),
        form=form,
        **ctx,
    )
    response.status_code = status
    return response


def _meeting_form(pair: Pair, **kwargs: object) -> MeetingForm:
    today = queries.city_today(g.tenant.timezone)
    return MeetingForm(**kwargs).bounds(pair.cohort.starts_on, today)


@bp.route("/pairs/<uuid:pair_id>/meetings", methods=["POST"])
@roles_required("mentor", "mentee")
def log_meeting(pair_id: uuid.UUID) -> Response:
    pair = _my_pair_or_404(pair_id)
    form = _meeting_form(pair)
    if not form.validate_on_submit():
        return _pair_page(pair, form, status=_status(True))
    services.log_meeting(pair, current_user, form.values())
    db.session.commit()
    message = _("Meeting logged.")
    if not htmx:
        flash(message, "success")
        return redirect(url_for(".pair_page", pair_id=pair.id))
    return _pair_page(pair, _meeting_form(pair, formdata=None), message=message)


@bp.route(
    "/pairs/<uuid:pair_id>/meetings/<uuid:meeting_id>/edit", methods=["GET", "POST"]
)
@roles_required("mentor", "mentee")
def edit_meeting(pair_id: uuid.UUID, meeting_id: uuid.UUID) -> str | Response:
    pair = _my_pair_or_404(pair_id)
    meeting = queries.own_meeting_or_404(pair, meeting_id, current_user.id)
    form = _meeting_form(pair, obj=meeting)
    if form.validate_on_submit():
        services.update_meeting(meeting, form.values())
        db.session.commit()
        flash(_("Meeting updated."), "success")
        return redirect(url_for(".pair_page", pair_id=pair.id))
    status = _status(bool(form.errors))
    return render_template(
        "meetings/edit_meeting.html", pair=pair, meeting=meeting, form=form
    ), status


@bp.route("/pairs/<uuid:pair_id>/meetings/<uuid:meeting_id>/delete", methods=["POST"])
@roles_required("mentor", "mentee")
def delete_meeting(pair_id: uuid.UUID, meeting_id: uuid.UUID) -> Response:
    pair = _my_pair_or_404(pair_id)
    services.delete_meeting(
        queries.own_meeting_or_404(pair, meeting_id, current_user.id)
    )
    db.session.commit()
    flash(_("Meeting deleted."), "success")
    return redirect(url_for(".pair_page", pair_id=pair.id))
