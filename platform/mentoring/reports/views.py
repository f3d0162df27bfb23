"""The coordinator's programme reports: ask for one, watch it build, read it."""

from __future__ import annotations

import io
import uuid
import zipfile
from datetime import date
from typing import Any

from flask import Blueprint, Response, abort, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy.orm import defer
from werkzeug.utils import secure_filename

from mentoring.core.auth import roles_required
from mentoring.core.models import utcnow
from mentoring.core.spreadsheet import excel_csv
from mentoring.core.tenancy import current_tenant, require_city
from mentoring.extensions import db
from mentoring.jobs import enqueue_after_commit
from mentoring.reports.forms import ReportForm
from mentoring.reports.jobs import build_programme_report
from mentoring.reports.models import ProgrammeReport

bp = Blueprint("reports", __name__, template_folder="templates")
bp.before_request(require_city)


@bp.route("/coordinator/reports/", methods=["GET", "POST"])
@roles_required("coordinator")
def reports() -> str | Response | tuple[str, int]:
    form = ReportForm()
    if form.validate_on_submit():
        _queue(form)
        return redirect(url_for(".reports"))
    if not form.is_submitted():
        today = utcnow().date()
        form.period_start.data = date(today.year, 1, 1)
        form.period_end.data = today
    page = render_template("reports/programme_reports.html", form=form, reports=_kept())
    return (page, 400) if form.is_submitted() else page


def _queue(form: ReportForm) -> ProgrammeReport:
    report = ProgrammeReport(
        period_start=form.period_start.data,
        period_end=form.period_end.data,
        locale=form.locale.data,
        narrative=form.narrative(),
        created_by_id=current_user.id,
    )
    db.session.add(report)
    db.session.flush()
    enqueue_after_commit(build_programme_report, str(current_tenant.id), str(report.id))
    db.session.commit()
    return report


def _kept() -> list[ProgrammeReport]:
    return list(
        db.session.execute(
            db.select(ProgrammeReport)
            .options(defer(ProgrammeReport.html))
            .order_by(ProgrammeReport.created_at.desc())
        ).scalars()
    )


def _one(report_id: uuid.UUID, *, done: bool = False) -> ProgrammeReport:
    query = db.select(ProgrammeReport).where(ProgrammeReport.id == report_id)
    if done:
        query = query.where(ProgrammeReport.status == "done")
    return db.one_or_404(query)


@bp.route("/coordinator/reports/<uuid:report_id>/status")
@roles_required("coordinator")
def status(report_id: uuid.UUID) -> str:
    report = _one(report_id)
    return render_template("reports/_report_status.html", report=report)


@bp.route("/coordinator/reports/<uuid:report_id>")
@roles_required("coordinator")
def report(report_id: uuid.UUID) -> str:
    report = _one(report_id)
    return render_template("reports/programme_report.html", report=report)


@bp.route("/coordinator/reports/<uuid:report_id>.pdf")
@roles_required("coordinator")
def pdf(report_id: uuid.UUID) -> Response:
    report = _one(report_id, done=True)
    return _download(report.pdf or b"", "application/pdf", report, ".pdf")


@bp.route("/coordinator/reports/<uuid:report_id>/tables/<int:number>.csv")
@roles_required("coordinator")
def table_csv(report_id: uuid.UUID, number: int) -> Response:
    """One of the report's tables as a CSV for Excel (numbered from 1)."""
    report = _one(report_id, done=True)
    if not 1 <= number <= len(report.tables):
        abort(404)
    name, body = _table_file(report.tables[number - 1], number)
    # "text/csv" only: Werkzeug adds "; charset=utf-8" itself, once.
    return _download(body, "text/csv", report, f"-{name}")


@bp.route("/coordinator/reports/<uuid:report_id>.zip")
@roles_required("coordinator")
def tables_zip(report_id: uuid.UUID) -> Response:
    """All of the report's tables, one CSV each, in one zip file."""
    report = _one(report_id, done=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, table in enumerate(report.tables, start=1):
            archive.writestr(*_table_file(table, number))
    return _download(out.getvalue(), "application/zip", report, "-tables.zip")


def _table_file(table: dict[str, Any], number: int) -> tuple[str, bytes]:
    slug = secure_filename(table["title"]).lower() or "table"
    return f"{number}-{slug}.csv", excel_csv(table["header"], table["rows"])


def _download(
    body: bytes | str, mimetype: str, report: ProgrammeReport, suffix: str
) -> Response:
    name = f"programme-report-{report.period_start}-{report.period_end}{suffix}"
    return Response(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
