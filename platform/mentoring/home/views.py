"""The pages that bring the domains together: each host's front door, the
coordinator's overview and cohort pages, and a participant's home.

This package sits above the domains (programmes, applications, events,
meetings, ...): it may read all of them, and none of them imports it.
"""

from __future__ import annotations

import uuid
from typing import Any

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from werkzeug.utils import secure_filename
from werkzeug.wrappers import Response

from mentoring.accounts.models import CITY_ROLES
from mentoring.applications import queries as application_queries
from mentoring.audit.models import AUDIT_ACTIONS
from mentoring.audit.queries import PAGE_SIZE as AUDIT_PAGE_SIZE
from mentoring.audit.queries import entries_count, latest_entries
from mentoring.core.auth import roles_required
from mentoring.core.i18n import _
from mentoring.core.models import utcnow
from mentoring.core.pagination import page_from
from mentoring.core.spreadsheet import excel_csv
from mentoring.core.tenancy import current_tenant, is_network_host, require_city
from mentoring.events.queries import upcoming_invitations
from mentoring.extensions import db, htmx
from mentoring.home import exports, queries, summaries
from mentoring.home.checklist import checklist
from mentoring.meetings.queries import city_today
from mentoring.network.views import network_home
from mentoring.programmes import services, status
from mentoring.programmes.forms import StatusForm
from mentoring.programmes.models import AUDIENCES, COHORT_STATUSES, Cohort
from mentoring.programmes.queries import (
    cohort_or_404,
    cohort_participants,
    people_by_role,
    withdrawn_counts,
)
from mentoring.results.queries import criteria_saved
from mentoring.surveys.models import SurveyDefinition

OVERVIEW_COHORTS = 3  # cohorts on the overview; the cohort list has them all

bp = Blueprint("home", __name__, template_folder="templates")
Page = Response | str | tuple[str, int]


@bp.before_request
def _city_pages_only_on_a_city_host() -> None:
    """Every page here but the front door belongs to a city (404 on the apex)."""
    if request.endpoint != "home.index":
        require_city()


@bp.route("/")
def index() -> str:
    """The network's page on the apex host, the city's programme page elsewhere."""
    if is_network_host():
        return network_home()
    require_city()
    return render_template("home/city_home.html")


@bp.route("/coordinator/")
@roles_required("coordinator")
def coordinator_home() -> str:
    """A summary that fits a few phone screens: the current cohorts, what waits
    for review, the checklist and the people counted; each links to the details."""
    cohort_summaries = queries.cohort_summaries()
    facts = summaries.city_facts(criteria_saved(), cohort_summaries)
    return render_template(
        "home/coordinator_home.html",
        summaries=overview_cohorts(cohort_summaries),
        cohorts_total=len(cohort_summaries),
        waiting=sum(
            s.with_status(role, "submitted")
            for s in cohort_summaries
            for role in ("mentee", "mentor")
        ),
        checklist=checklist(facts),
        people_by_role=people_by_role(),
        roles=CITY_ROLES,
    )


def overview_cohorts(
    cohort_summaries: list[summaries.CohortSummary], limit: int = OVERVIEW_COHORTS
) -> list[summaries.CohortSummary]:
    """At most ``limit`` cohorts: those not closed first, newest first."""
    ordered = sorted(cohort_summaries, key=lambda s: s.cohort.status == "closed")
    return ordered[:limit]


@bp.route("/me/")
@roles_required("mentor", "mentee")
def participant_home() -> str:
    """A participant's phone-sized overview: timeline, next events, partner,
    meetings and anything that needs their attention."""
    invitations = upcoming_invitations(current_user.id, limit=5)
    return render_template(
        "home/participant_home.html",
        participations=queries.participations(
            current_user.id, city_today(current_tenant.timezone), utcnow()
        ),
        invitations=invitations,
        unanswered=[i for i in invitations if i.rsvp == "pending"],
    )


# -- cohorts --------------------------------------------------------------------


@bp.route("/coordinator/cohorts/")
@roles_required("coordinator")
def cohorts() -> str:
    return render_template("home/cohorts.html", summaries=queries.cohort_summaries())


@bp.route("/coordinator/cohorts/<uuid:cohort_id>")
@roles_required("coordinator")
def cohort(cohort_id: uuid.UUID) -> str:
    return _cohort_page(cohort_or_404(cohort_id))[0]


def _cohort_page(cohort: Cohort, code: int = 200, **status_ctx: Any) -> tuple[str, int]:
    page = render_template(
        "home/cohort.html",
        cohort=cohort,
        summary=summaries.summarise([cohort])[0],
        pairs=summaries.pair_rows(cohort.id),
        events=summaries.event_rows(cohort.id),
        participants=cohort_participants(cohort.id),
        offers=free_place_offers(cohort),
        audiences=AUDIENCES,
        **_status_context(cohort, **status_ctx),
    )
    return page, code


def free_place_offers(cohort: Cohort) -> list[Any]:
    """The first waitlisted applicant per role where a withdrawal freed a place."""
    return application_queries.free_place_offers(
        cohort,
        application_queries.accepted_counts(cohort.id),
        withdrawn_counts(cohort.id),
    )


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
    cohort = cohort_or_404(cohort_id)
    form = StatusForm()
    reason = services.change_status(
        cohort, form.status.data or "", bool(form.confirm.data)
    )
    if reason is None:
        db.session.commit()
        done = _("The cohort is now: %(status)s.", status=cohort.status_label)
        if not htmx:
            flash(done, "success")
            return redirect(url_for("home.cohort", cohort_id=cohort.id))
        return _status_fragment(cohort, done=done)
    if htmx:
        return _status_fragment(cohort, error=refusal_message(reason))
    return _cohort_page(cohort, 400, error=refusal_message(reason))


def _status_fragment(cohort: Cohort, **ctx: Any) -> str:
    # 200 even for a refusal: htmx swaps only successful responses.
    return render_template(
        "home/_cohort_status.html",
        cohort=cohort,
        **_status_context(cohort, **ctx),
    )


# -- the audit trail ------------------------------------------------------------


@bp.route("/coordinator/audit/")
@roles_required("coordinator")
def audit_trail() -> str:
    """Who did what to people's data, across every domain (coordinators only)."""
    action = request.args.get("action")
    action = action if action in AUDIT_ACTIONS else None
    total = entries_count(action)
    page = page_from(request.args.get("page"), total, AUDIT_PAGE_SIZE)
    return render_template(
        "home/audit_trail.html",
        entries=latest_entries(action, page.size, page.offset),
        paging=page,
        action=action,
        actions=AUDIT_ACTIONS,
        statuses=COHORT_STATUSES,
    )


# -- exports --------------------------------------------------------------------

EXPORTS = {
    "participants": exports.participants,
    "pairs": exports.pairs,
    "attendance": exports.attendance,
}


@bp.route("/coordinator/exports/")
@roles_required("coordinator")
def exports_page() -> str:
    """Each cohort's tables as CSV files a coordinator opens in Excel."""
    cohorts = list(
        db.session.scalars(db.select(Cohort).order_by(Cohort.starts_on.desc()))
    )
    return render_template(
        "home/exports.html", cohorts=cohorts, surveys=exports.surveys_of(cohorts)
    )


@bp.route("/coordinator/exports/<uuid:cohort_id>/<name>.csv")
@roles_required("coordinator")
def export(cohort_id: uuid.UUID, name: str) -> Response:
    """Participants, pairs or attendance of one cohort; another city's is a 404."""
    if name not in EXPORTS:
        abort(404)
    cohort = cohort_or_404(cohort_id)
    return _csv_download(EXPORTS[name](cohort), f"{name}-{_file_part(cohort)}.csv")


@bp.route("/coordinator/exports/<uuid:cohort_id>/surveys/<uuid:definition_id>.csv")
@roles_required("coordinator")
def export_survey(cohort_id: uuid.UUID, definition_id: uuid.UUID) -> Response:
    """One survey's answers in one cohort, one file per survey version."""
    cohort = cohort_or_404(cohort_id)
    definition = db.one_or_404(
        db.select(SurveyDefinition).where(SurveyDefinition.id == definition_id)
    )
    name = f"survey-{definition.key}-v{definition.version}-{_file_part(cohort)}.csv"
    return _csv_download(exports.survey_answers(cohort, definition), name)


def _file_part(cohort: Cohort) -> str:
    return secure_filename(cohort.name).lower() or str(cohort.id)


def _csv_download(table: exports.Table, filename: str) -> Response:
    # mimetype without charset: Werkzeug adds "; charset=utf-8" once itself.
    return Response(
        excel_csv(table.header, table.rows),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
