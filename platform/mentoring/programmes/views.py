"""City pages: the public programme page, the coordinator's and participants' homes."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_login import current_user
from werkzeug.wrappers import Response

from mentoring.accounts.models import CITY_ROLES
from mentoring.core.auth import roles_required
from mentoring.core.htmx import render_page_or_fragment
from mentoring.core.models import utcnow
from mentoring.core.tenancy import current_tenant, require_city
from mentoring.programmes import queries
from mentoring.programmes.checklist import checklist
from mentoring.programmes.summaries import city_facts

bp = Blueprint("programmes", __name__, template_folder="templates")
bp.before_request(require_city)


def city_home() -> str:
    """The programme's public page on the city's host (routed by ``tenancy.home``)."""
    return render_template("programmes/city_home.html")


@bp.route("/coordinator/")
@roles_required("coordinator")
def coordinator_home() -> str:
    """Each cohort at a glance, the getting-started checklist and the people."""
    role, search = _people_filter()
    summaries = queries.cohort_summaries()
    facts = city_facts(current_tenant.success_criteria, summaries)
    return render_template(
        "programmes/coordinator_home.html",
        summaries=summaries,
        checklist=checklist(facts),
        **_people_context(role, search),
    )


@bp.route("/coordinator/people")
@roles_required("coordinator")
def people() -> Response:
    """The people list; htmx swaps just the list when the filter changes."""
    role, search = _people_filter()
    return render_page_or_fragment(
        "programmes/people.html",
        "programmes/_people.html",
        **_people_context(role, search),
    )


def _people_filter() -> tuple[str | None, str]:
    role = request.args.get("role") or None
    if role not in CITY_ROLES:
        role = None
    return role, (request.args.get("q") or "")[:100]


def _people_context(role: str | None, search: str) -> dict[str, object]:
    return {
        "people": queries.people(role, search),
        "people_total": queries.people_count(role, search),
        "role": role,
        "search": search,
        "roles": CITY_ROLES,
        "page_size": queries.PEOPLE_PAGE_SIZE,
    }


@bp.route("/me/")
@roles_required("mentor", "mentee")
def participant_home() -> str:
    """A participant's phone-sized overview: timeline, next events, partner,
    meetings and anything that needs their attention."""
    from mentoring.events.queries import upcoming_invitations
    from mentoring.meetings.queries import city_today

    invitations = upcoming_invitations(current_user.id, limit=5)
    return render_template(
        "programmes/participant_home.html",
        participations=queries.participations(
            current_user.id, city_today(current_tenant.timezone), utcnow()
        ),
        invitations=invitations,
        unanswered=[i for i in invitations if i.rsvp == "pending"],
    )


# The cohort and template pages are routes on this blueprint too.
from mentoring.programmes import cohort_views  # noqa: E402, F401
