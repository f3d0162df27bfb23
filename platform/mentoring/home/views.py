"""The pages that bring the domains together: each host's front door, the
coordinator's overview and cohort pages, and a participant's home.

This package sits above the domains (programmes, applications, events,
meetings, ...): it may read all of them, and none of them imports it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
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
from flask_babel import ngettext
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
from mentoring.home import digest, exports, lifecycle, queries, summaries
from mentoring.home.checklist import checklist
from mentoring.home.forms import DigestForm
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
from mentoring.surveys.queries import open_invitations_of

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
        digest_form=_digest_form(),
        people_by_role=people_by_role(),
        roles=CITY_ROLES,
    )


def _digest_form() -> DigestForm:
    form = DigestForm(formdata=None)
    form.gets_digest.data = "on" if current_user.gets_digest else "off"
    return form


@bp.route("/coordinator/digest", methods=["POST"])
@roles_required("coordinator")
def digest_setting() -> Response:
    """Turn one's own daily digest e-mail on or off."""
    form = DigestForm()
    if form.validate_on_submit():
        digest.set_digest(current_user, form.gets_digest.data == "on")
        db.session.commit()
        flash(_("Your choice for the daily e-mail is saved."), "success")
    else:
        flash(_("Choose on or off for the daily e-mail."), "error")
    return redirect(url_for("home.coordinator_home"))


def overview_cohorts(
    cohort_summaries: list[summaries.CohortSummary], limit: int = OVERVIEW_COHORTS
) -> list[summaries.CohortSummary]:
    """At most ``limit`` cohorts: those not closed first, newest first."""
    ordered = sorted(cohort_summaries, key=lambda s: s.cohort.status == "closed")
    return ordered[:limit]


@bp.route("/me/")
@roles_required("mentor", "mentee")
def participant_home() -> str:
    """A participant's phone-sized overview: what waits for them first (surveys,
    answers, a meeting to log), then the next event, partner and timeline."""
    now = utcnow()
    invitations = upcoming_invitations(current_user.id, limit=5, now=now)
    return render_template(
        "home/participant_home.html",
        participations=queries.participations(
            current_user.id, city_today(current_tenant.timezone), now
        ),
        invitations=invitations,
        unanswered=[i for i in invitations if i.rsvp == "pending" and i.is_open],
        surveys=open_invitations_of(current_user.id, now),
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
    summary = summaries.summarise([cohort])[0]
    page = render_template(
        "home/cohort.html",
        cohort=cohort,
        pairs=summaries.pair_rows(cohort.id),
        events=summaries.event_rows(cohort.id),
        participants=cohort_participants(cohort.id),
        offers=free_place_offers(cohort),
        audiences=AUDIENCES,
        **_status_context(cohort, summary, **status_ctx),
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
        status.TOO_EARLY: _(
            "The cohort can be closed once its closing event is over. "
            "Nothing was changed."
        ),
    }
    return messages.get(code, messages[status.UNKNOWN])


def _status_context(
    cohort: Cohort,
    summary: summaries.CohortSummary | None = None,
    error: str | None = None,
    done: str | None = None,
) -> dict[str, Any]:
    summary = summary or summaries.summarise([cohort])[0]
    facts = _facts(summary)
    return {
        "summary": summary,
        "next_statuses": status.next_statuses(cohort.status),
        "statuses": COHORT_STATUSES,
        "status_error": error,
        "status_done": done,
        "stages": lifecycle.STAGES,
        "stage": lifecycle.stage(facts),
        "stage_labels": stage_labels(),
        "step": next_step_link(cohort, facts),
        "may_close": lifecycle.may_close(facts),
    }


def _facts(summary: summaries.CohortSummary) -> lifecycle.CohortFacts:
    return queries.cohort_facts(summary, utcnow(), city_today(current_tenant.timezone))


def stage_labels() -> dict[str, str]:
    """The stages' names as the step indicator shows them."""
    return {
        "recruiting": _("Recruiting"),
        "kickoff_planned": _("Kickoff planned"),
        "pairs_published": _("Pairs published"),
        "running": _("Running"),
        "surveys_out": _("Surveys out"),
        "followup_due": _("Follow-up due"),
        "closed": _("Closed"),
    }


@dataclass(frozen=True)
class StepLink:
    """The primary action as the page shows it: a link, or a status form."""

    label: str
    url: str | None = None
    status: str | None = None


def next_step_link(cohort: Cohort, facts: lifecycle.CohortFacts) -> StepLink:
    """The next step's label and where it leads."""
    step = lifecycle.next_step(facts)
    if step.status is not None:
        label = _("Move on to: %(status)s", status=COHORT_STATUSES[step.status])
        return StepLink(str(label), status=step.status)
    label, endpoint, args = _step_pages(cohort, facts)[step.key]
    return StepLink(str(label), url=url_for(endpoint, **args))


def _step_pages(
    cohort: Cohort, facts: lifecycle.CohortFacts
) -> dict[str, tuple[str, str, dict[str, Any]]]:
    mine = {"cohort_id": cohort.id}
    answers = {"cohort": cohort.id}
    review = ngettext(
        "Review the %(num)s new application",
        "Review the %(num)s new applications",
        facts.new_applications,
    )
    return {
        "review_applications": (review, "applications.review", answers),
        "make_plan": (_("Make the speed-dating plan"), "matching.speed_dating", mine),
        "see_plan": (
            _("See the speed-dating plan for the kickoff"),
            "matching.speed_dating",
            mine,
        ),
        "matching_board": (_("Open the matching board"), "matching.matching", mine),
        "interview_slots": (
            _("Open slots for the job-interview session"),
            "interviews.slots",
            {"event_id": facts.interview_id},
        ),
        "meetings": (
            _("See the pairs and their meetings"),
            "meetings.cohort_pairs",
            mine,
        ),
        "end_answers": (
            _("See the end-of-programme answers"),
            "results.answers",
            answers | {"survey": "mentee_end"},
        ),
        "followup_answers": (
            _("See the follow-up answers"),
            "results.answers",
            answers | {"survey": "mentee_followup"},
        ),
        "results": (_("See the results"), "results.results", {}),
    }


@bp.route("/coordinator/cohorts/<uuid:cohort_id>/status", methods=["POST"])
@roles_required("coordinator")
def cohort_status(cohort_id: uuid.UUID) -> Page:
    """Move the cohort on (or back); htmx swaps the status panel in place.

    Closing asks first: without ``confirm`` the answer is a page (or, for
    htmx, the panel) saying what closing does and to how many people.
    """
    cohort = cohort_or_404(cohort_id)
    form = StatusForm()
    target = form.status.data or ""
    may_close = lifecycle.may_close(_facts(summaries.summarise([cohort])[0]))
    reason = services.change_status(cohort, target, bool(form.confirm.data), may_close)
    if reason is None:
        db.session.commit()
        done = _("The cohort is now: %(status)s.", status=cohort.status_label)
        if not htmx:
            flash(done, "success")
            return redirect(url_for("home.cohort", cohort_id=cohort.id))
        return _status_fragment(cohort, done=done)
    db.session.rollback()  # let go of the row lock; nothing was changed
    if reason == status.NEEDS_CONFIRMATION:
        return _close_confirmation(cohort_or_404(cohort_id))
    if htmx:
        return _status_fragment(cohort_or_404(cohort_id), error=refusal_message(reason))
    return _cohort_page(cohort_or_404(cohort_id), 400, error=refusal_message(reason))


def _close_confirmation(cohort: Cohort) -> str:
    """What closing does and to how many people; only its button closes."""
    template = "home/_cohort_close.html" if htmx else "home/cohort_close.html"
    return render_template(
        template, cohort=cohort, summary=summaries.summarise([cohort])[0]
    )


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
