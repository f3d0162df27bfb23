"""The coordinator's results pages: the success criteria (and results)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from mentoring.core.auth import roles_required
from mentoring.core.i18n import _
from mentoring.core.tenancy import require_city
from mentoring.extensions import db
from mentoring.reports import queries, services
from mentoring.reports.forms import CriteriaForm

bp = Blueprint("reports", __name__, template_folder="templates")
bp.before_request(require_city)


@bp.route("/coordinator/results/criteria", methods=["GET", "POST"])
@roles_required("coordinator")
def criteria() -> str | Response | tuple[str, int]:
    form = CriteriaForm()
    if form.validate_on_submit():
        services.save_criteria(form.shares())
        db.session.commit()
        flash(_("Success criteria saved."), "success")
        return redirect(url_for(".criteria"))
    if form.is_submitted():
        return render_template("reports/criteria.html", form=form), 400
    _fill(form, queries.criteria_for_city())
    return render_template("reports/criteria.html", form=form)


def _fill(form: CriteriaForm, criteria: dict[str, float]) -> None:
    for field in form.measure_fields():
        share = criteria.get(field.name)
        field.data = None if share is None else round(share * 100)
