"""The city's side of the network's comparison, on the city's host (coordinators):
its choice of sharing, and its figures beside the network's.

The comparison reads the published snapshot only: the city's own row (found by
its ``tenant_id``), the network's pooled row and the range of the cities'
published values. The results page loads it in place (htmx) and links to it.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from mentoring.benchmarking import queries, services
from mentoring.benchmarking.forms import SharingForm
from mentoring.benchmarking.labels import template_helpers
from mentoring.core.auth import roles_required
from mentoring.core.htmx import render_page_or_fragment
from mentoring.core.i18n import _
from mentoring.core.tenancy import current_tenant, require_city
from mentoring.extensions import db

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


@bp.route("/coordinator/network-sharing", methods=["GET", "POST"])
@roles_required("coordinator")
def sharing() -> str | Response | tuple[str, int]:
    form = SharingForm()
    if form.validate_on_submit():
        services.save_sharing(*form.choice())
        db.session.commit()
        flash(_("Saved. The network's next snapshot follows your choice."), "success")
        return redirect(url_for(".sharing"))
    row = services.sharing_for_city()
    if form.is_submitted():  # refused: show the page again, change nothing
        page = render_template("benchmarking/sharing.html", form=form, row=row)
        db.session.rollback()
        return page, 400
    db.session.commit()  # the pseudonym is made once, on first view, and kept
    form.fill(row.shares, row.named)
    return render_template("benchmarking/sharing.html", form=form, row=row)
