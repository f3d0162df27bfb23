"""Applying on the city's host (no login), and the coordinator's review."""

from __future__ import annotations

import io
import uuid
from typing import Any

from flask import (
    Blueprint,
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import get_locale
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Response

from mentoring.applications import queries, services
from mentoring.applications.choices import (
    EDUCATION_LEVELS,
    PRIVACY_NOTICE_VERSION,
    SECTORS,
    SPOKEN_LANGUAGES,
    labels,
)
from mentoring.applications.confirmation import InvalidLink
from mentoring.applications.forms import FORMS, MessageTemplateForm
from mentoring.applications.messages import MESSAGE_KINDS, PLACEHOLDERS, default_message
from mentoring.applications.models import (
    APPLICATION_STATUSES,
    DANISH_LEVELS,
    Application,
)
from mentoring.audit.services import record
from mentoring.core import limits
from mentoring.core.auth import roles_required
from mentoring.core.errors import render_error
from mentoring.core.htmx import render_page_or_fragment
from mentoring.core.i18n import LANGUAGES, _
from mentoring.core.pagination import page_from
from mentoring.core.tenancy import require_city
from mentoring.core.urls import safe_next
from mentoring.extensions import db, htmx, limiter
from mentoring.programmes.models import PARTICIPANT_ROLES, Cohort
from mentoring.programmes.queries import cohort_or_404, withdrawn_counts
from mentoring.programmes.status import CohortStatus

bp = Blueprint("applications", __name__, template_folder="templates")
bp.before_request(require_city)

Page = Response | str | tuple[str, int] | tuple[str, int, dict[str, str]]


# -- public: applying ---------------------------------------------------------------


@bp.route("/apply/")
def apply_index() -> str:
    return render_template(
        "applications/apply_index.html", cohorts=queries.recruiting_cohorts()
    )


@bp.route("/apply/<uuid:cohort_id>/<any(mentee, mentor):role>", methods=["GET", "POST"])
@limiter.limit(limits.per_address("LIMIT_APPLY_PER_ADDRESS"), methods=["POST"])
def apply(cohort_id: uuid.UUID, role: str) -> Page:
    """The form; a valid answer is stored, confirmed by e-mail, then thanked for."""
    cohort = _open_cohort(cohort_id)
    if isinstance(cohort, tuple):
        return cohort
    form = FORMS[role]()
    if form.validate_on_submit():
        return _submit(cohort, role, form)
    return _apply_page(cohort, role, form)


def _open_cohort(cohort_id: uuid.UUID) -> Cohort | tuple[str, int]:
    cohort = cohort_or_404(cohort_id)
    if cohort.status != CohortStatus.RECRUITING:
        return render_template("applications/apply_closed.html", cohort=cohort), 410
    return cohort


def _submit(cohort: Cohort, role: str, form: Any) -> Page:
    application = None
    try:
        application = services.submit_application(
            cohort, role, form, get_locale().language
        )
        db.session.commit()
    except services.QuotaExceeded:
        db.session.rollback()
        form.cv.errors = [
            _(
                "We cannot receive more CVs right now. Please try again later or"
                " contact the city."
            )
        ]
        return _apply_page(cohort, role, form, 400)
    except IntegrityError:  # the same e-mail, sent twice at the same moment
        db.session.rollback()
        services.discard_cv_file(application)
        application = None
    if application is None:
        return render_template("applications/apply_already.html", cohort=cohort)
    return redirect(url_for(".thanks", cohort_id=cohort.id))


def _apply_page(
    cohort: Cohort, role: str, form: Any, status: int | None = None
) -> Page:
    page = render_template(
        "applications/apply_form.html",
        cohort=cohort,
        role=role,
        form=form,
        privacy_version=PRIVACY_NOTICE_VERSION,
    )
    return page, status or (400 if form.errors else 200)


@bp.errorhandler(RequestEntityTooLarge)
def upload_too_large(error: RequestEntityTooLarge) -> Page:
    """An upload past the app's limit: the form again, saying what went wrong."""
    args = request.view_args or {}
    if request.endpoint != "applications.apply" or g.get("tenant") is None:
        return render_error(413)
    cohort = _open_cohort(args["cohort_id"])
    if isinstance(cohort, tuple):
        return cohort
    form = FORMS[args["role"]](formdata=None)
    form.cv.errors = [_("The file is larger than 5 MB. Please send a smaller PDF.")]
    return _apply_page(cohort, args["role"], form, 413)


@bp.route("/apply/<uuid:cohort_id>/thanks")
def thanks(cohort_id: uuid.UUID) -> str:
    cohort = cohort_or_404(cohort_id)
    return render_template("applications/apply_thanks.html", cohort=cohort)


@bp.route("/apply/confirm/<token>")
def confirm(token: str) -> Page:
    """The link from the e-mail: the address is confirmed, the application counts."""
    try:
        application = services.confirm_application(token)
    except InvalidLink:
        return render_template("applications/apply_link_invalid.html"), 400
    db.session.commit()
    return render_template(
        "applications/apply_confirmed.html", cohort=application.cohort
    )


@bp.route("/privacy")
def privacy() -> str:
    return render_template("applications/privacy.html", version=PRIVACY_NOTICE_VERSION)


# -- coordinator: review -------------------------------------------------------------


@bp.route("/coordinator/applications/")
@roles_required("coordinator")
def review() -> Response:
    """A cohort's applications; htmx swaps just the list when the filter changes."""
    cohorts = queries.cohorts_newest_first()
    cohort = _chosen_cohort(cohorts, request.args.get("cohort"))
    where = _review_filter()
    context: dict[str, Any] = {
        "cohorts": cohorts,
        "cohort": cohort,
        "where": where,
        "next_url": request.full_path.rstrip("?"),
    }
    if cohort is not None:
        total = queries.applications_count(cohort.id, where)
        page = page_from(request.args.get("page"), total, queries.PAGE_SIZE)
        context.update(
            applications=queries.applications(cohort.id, where, page.size, page.offset),
            total=total,
            paging=page,
            pagination_target="#applications-list",
            accepted=queries.accepted_counts(cohort.id),
        )
        context["offers"] = queries.free_place_offers(
            cohort, context["accepted"], withdrawn_counts(cohort.id)
        )
    return render_page_or_fragment(
        "applications/review.html",
        "applications/_applications.html",
        **context,
        **_labels(),
    )


def _chosen_cohort(cohorts: list[Cohort], raw: str | None) -> Cohort | None:
    chosen = next((c for c in cohorts if str(c.id) == raw), None)
    return chosen or queries.default_cohort(cohorts)


def _review_filter() -> queries.ReviewFilter:
    role = request.args.get("role") or None
    status = request.args.get("status") or None
    return queries.ReviewFilter(
        role=role if role in PARTICIPANT_ROLES else None,
        status=status if status in APPLICATION_STATUSES else None,
        search=(request.args.get("q") or "")[:100],
        unconfirmed=status == "unconfirmed",
    )


def _labels() -> dict[str, Any]:
    return {"roles": PARTICIPANT_ROLES, "statuses": APPLICATION_STATUSES}


@bp.route("/coordinator/applications/<uuid:application_id>")
@roles_required("coordinator")
def detail(application_id: uuid.UUID) -> str:
    application = queries.application_or_404(application_id)
    return _detail_page(application)


def _detail_page(
    application: Application, warning: bool = False, confirm_reject: bool = False
) -> str:
    return render_template(
        "applications/detail.html",
        application=application,
        cohort=application.cohort,
        warning=warning,
        confirm_reject=confirm_reject,
        **_labels(),
        **_answer_labels(),
    )


def _answer_labels() -> dict[str, Any]:
    return {
        "sectors": SECTORS,
        "spoken_languages": SPOKEN_LANGUAGES,
        "education_levels": EDUCATION_LEVELS,
        "danish_levels": DANISH_LEVELS,
        "choice_labels": labels,
    }


@bp.route("/coordinator/applications/<uuid:application_id>/cv")
def cv(application_id: uuid.UUID) -> Response:
    """The CV as a download (never shown inline), and a line in the audit trail.

    Only the city's coordinators: anyone else signed in gets the 404 a missing
    CV gets, so a CV's existence is not told either.
    """
    if not current_user.is_authenticated:
        return redirect(url_for("accounts.login", next=request.path))
    if current_user.role != "coordinator":
        abort(404)
    application = queries.application_or_404(application_id)
    if application.cv is None:
        abort(404)
    try:
        content = services.cv_content(application.cv)
    except FileNotFoundError:
        abort(404)
    record("application.view_cv", "application", application.id, application.full_name)
    db.session.commit()
    response = send_file(
        io.BytesIO(content),
        mimetype="application/pdf",
        as_attachment=True,
        download_name=services.safe_pdf_name(application.cv.filename),
    )
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.route("/coordinator/applications/<uuid:application_id>/decision", methods=["POST"])
@roles_required("coordinator")
def decide(application_id: uuid.UUID) -> Page:
    """Accept, waitlist or reject; htmx gets the row back, a plain form a redirect."""
    decision = request.form.get("decision")
    if decision not in services.DECISIONS:
        abort(400)
    application = queries.application_for_decision(application_id)
    seen = request.form.get("seen") or None
    if decision == "reject" and _reject_needs_asking(application):
        db.session.rollback()  # nothing decided: let go of the row lock
        return _ask_before_rejecting(application)
    if decision == "accept":
        confirm = request.form.get("confirm") == "1"
        outcome = services.accept_application(application, confirm, seen)
    else:
        outcome = services.DECISIONS[decision](application, seen)
    db.session.commit()
    return _after_decision(application, decision, outcome)


def _reject_needs_asking(application: Application) -> bool:
    """A rejection e-mails the applicant: it asks first, unless confirmed (or
    unless there is nothing to reject: accepted stays, rejected is done)."""
    if request.form.get("confirm_reject") == "yes":
        return False
    return application.status not in ("accepted", "rejected")


def _ask_before_rejecting(application: Application) -> Page:
    """The row (htmx) or the application's page, asking to confirm the rejection."""
    if htmx:
        return render_template(
            "applications/_application_row.html",
            application=application,
            cohort=application.cohort,
            confirm_reject=True,
            next_url=request.form.get("next"),
            **_labels(),
        )
    return _detail_page(application, confirm_reject=True)


def _after_decision(application: Application, decision: str, outcome: str) -> Page:
    warning = outcome == services.OVER_CAPACITY
    notice = None if warning else _outcome_message(application, decision, outcome)
    if htmx:
        row = render_template(
            "applications/_application_row.html",
            application=application,
            cohort=application.cohort,
            warning=warning,
            notice=notice,
            next_url=request.form.get("next"),
            **_labels(),
        )
        changed = (
            {"HX-Trigger": "applications-changed"}
            if outcome in (services.DONE, services.STALE)
            else {}
        )
        return row, 409 if outcome == services.STALE else 200, changed
    if warning:
        return _detail_page(application, warning=True)
    category = {services.DONE: "success", services.STALE: "error"}.get(outcome, "info")
    flash(str(notice), category)
    return redirect(_back_to(application))


def _back_to(application: Application) -> str:
    target = safe_next(request.form.get("next")) or ""
    if target.startswith("/coordinator/applications/"):
        return target
    return url_for(".detail", application_id=application.id)


def _outcome_message(application: Application, decision: str, outcome: str) -> str:
    name = application.full_name
    if outcome == services.STALE:
        return _(
            "Someone else decided on %(name)s a moment ago: the application is now "
            "“%(status)s”. Nothing was changed.",
            name=name,
            status=application.status_label,
        )
    if outcome == services.FINAL:
        return _("%(name)s is already accepted; that stays.", name=name)
    if outcome == services.UNCHANGED:
        return _("Nothing changed.")
    return {
        "accept": _("%(name)s is accepted and has been sent an e-mail.", name=name),
        "waitlist": _(
            "%(name)s is on the waiting list and has been told by e-mail.", name=name
        ),
        "reject": _(
            "%(name)s has been told by e-mail that there is no place.", name=name
        ),
    }[decision]


# -- coordinator: the decision messages -------------------------------------------


@bp.route("/coordinator/applications/messages")
@roles_required("coordinator")
def messages() -> str:
    return _messages_page({})


@bp.route(
    "/coordinator/applications/messages/<any(waitlisted, rejected):kind>/<locale>",
    methods=["POST"],
)
@roles_required("coordinator")
def save_message(kind: str, locale: str) -> Page:
    if locale not in LANGUAGES:
        abort(404)
    form = MessageTemplateForm(prefix=f"{kind}-{locale}")
    if not form.validate_on_submit():
        return _messages_page({(kind, locale): form}), 400
    services.save_message_template(kind, locale, form.subject.data, form.body.data)
    db.session.commit()
    flash(_("The message is saved."), "success")
    return redirect(url_for(".messages"))


def _messages_page(posted: dict[tuple[str, str], MessageTemplateForm]) -> str:
    """One form per message kind and language, filled from the city's wording."""
    saved = queries.message_templates()
    forms = {}
    for kind in MESSAGE_KINDS:
        for locale in LANGUAGES:
            key = (kind, locale)
            forms[key] = posted.get(key) or _message_form(key, saved.get(key))
    return render_template(
        "applications/messages.html",
        forms=forms,
        placeholders=PLACEHOLDERS,
        kinds=MESSAGE_KINDS,
    )


def _message_form(key: tuple[str, str], saved: Any) -> MessageTemplateForm:
    subject, body = (saved.subject, saved.body) if saved else default_message(*key)
    return MessageTemplateForm(
        prefix=f"{key[0]}-{key[1]}",
        formdata=None,
        data={"subject": subject, "body": body},
    )
