"""Apex-host pages: the network's front page, the analyst's and operator's homes."""

from __future__ import annotations

from flask import Blueprint, render_template

from mentoring.core.auth import roles_required
from mentoring.core.tenancy import require_network
from mentoring.network import queries
from mentoring.tenancy.queries import all_tenants

bp = Blueprint("network", __name__, template_folder="templates")
bp.before_request(require_network)


def network_home() -> str:
    """The participating cities (routed by ``home.index`` on the apex host)."""
    return render_template("network/home.html", tenants=all_tenants())


@bp.route("/network/")
@roles_required("analyst", "operator")
def analyst_home() -> str:
    return render_template(
        "network/analyst_home.html", activity=queries.city_activity()
    )


@bp.route("/operations/")
@roles_required("operator")
def operator_home() -> str:
    return render_template(
        "network/operator_home.html",
        tenants=all_tenants(),
        accounts=queries.accounts_per_city(),
    )
