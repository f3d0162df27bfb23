"""The coordinator's comparison with the network, on the city's host.

Read from the published snapshot only: the city's own row (found by its
``tenant_id``), the network's pooled row and the range of the cities' published
values. The results page loads it in place (htmx) and links to it.
"""

from __future__ import annotations

from flask import Blueprint, Response

from mentoring.benchmarking import queries
from mentoring.benchmarking.labels import template_helpers
from mentoring.core.auth import roles_required
from mentoring.core.htmx import render_page_or_fragment
from mentoring.core.tenancy import current_tenant, require_city

bp = Blueprint("benchmarking", __name__, template_folder="templates")
bp.before_request(require_city)
bp.context_processor(template_helpers)


@bp.route("/coordinator/results/network")
@roles_required("coordinator")
def comparison() -> Response:
    return render_page_or_fragment(
        "benchmarking/comparison.html",
        "benchmarking/_comparison.html",
        comparisons=queries.comparison(current_tenant.id),
    )
