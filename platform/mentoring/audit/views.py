"""The audit trail page for a city's coordinators."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from mentoring.audit.models import AUDIT_ACTIONS
from mentoring.audit.queries import latest_entries
from mentoring.core.auth import roles_required
from mentoring.core.tenancy import require_city
from mentoring.programmes.models import COHORT_STATUSES

bp = Blueprint("audit", __name__, template_folder="templates")
bp.before_request(require_city)


@bp.route("/coordinator/audit/")
@roles_required("coordinator")
def trail() -> str:
    action = request.args.get("action")
    action = action if action in AUDIT_ACTIONS else None
    return render_template(
        "audit/trail.html",
        entries=latest_entries(action),
        action=action,
        actions=AUDIT_ACTIONS,
        statuses=COHORT_STATUSES,
    )
