"""The city's page for its choice of sharing with the network (coordinators)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from mentoring.benchmarking import services
from mentoring.benchmarking.forms import SharingForm
from mentoring.core.auth import roles_required
from mentoring.core.i18n import _
from mentoring.core.tenancy import require_city
from mentoring.extensions import db

bp = Blueprint("benchmarking", __name__, template_folder="templates")
bp.before_request(require_city)


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
