"""Building a programme report in the background.

The job claims a queued report with one atomic UPDATE (queued -> building), so
a repeated run builds nothing twice; it saves its progress as it goes, and a
failure leaves the report "failed" for the coordinator to see.
"""

from __future__ import annotations

import uuid

from flask import render_template
from flask_babel import force_locale, format_date
from sqlalchemy import update

from mentoring.core.i18n import _, babel_locale
from mentoring.extensions import db
from mentoring.jobs import city_job
from mentoring.reports.charts import chart_svg
from mentoring.reports.document import document
from mentoring.reports.models import ProgrammeReport
from mentoring.reports.pdf import PdfDocument, render_pdf
from mentoring.reports.queries import gather
from mentoring.reports.tables import tables
from mentoring.tenancy.models import Tenant


@city_job
def build_programme_report(tenant: Tenant, report_id: str) -> str:
    """Build the report's HTML, PDF and tables (for CSV) in the report's language."""
    if not _claim(uuid.UUID(report_id)):
        return "skipped"
    report = _report(uuid.UUID(report_id))
    try:
        _build(tenant, report)
    except Exception:
        db.session.rollback()
        _set(report.id, status="failed")
        raise
    return "done"


def _claim(report_id: uuid.UUID) -> bool:
    claimed = db.session.execute(
        update(ProgrammeReport)
        .where(ProgrammeReport.id == report_id, ProgrammeReport.status == "queued")
        .values(status="building", progress=10)
    )
    db.session.commit()
    return bool(claimed.rowcount)


def _report(report_id: uuid.UUID) -> ProgrammeReport:
    return db.session.execute(
        db.select(ProgrammeReport).where(ProgrammeReport.id == report_id)
    ).scalar_one()


def _set(report_id: uuid.UUID, **values: object) -> None:
    db.session.execute(
        update(ProgrammeReport)
        .where(ProgrammeReport.id == report_id)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def _build(tenant: Tenant, report: ProgrammeReport) -> None:
    report_id, language, narrative = report.id, report.locale, report.narrative_text
    with force_locale(babel_locale(language)):
        data = gather(tenant, report.period_start, report.period_end, language)
        _set(report_id, progress=40)
        sections = document(data, language)
        title, subtitle = _titles(data.city, report)
        html = render_template(
            "reports/_programme_document.html",
            title=title,
            subtitle=subtitle,
            sections=sections,
            narrative=narrative,
            chart_svg=chart_svg,
        )
        _set(report_id, progress=70)
        pdf = render_pdf(
            PdfDocument(
                title,
                subtitle,
                language,
                data.city,
                tenant.logo_svg,
                narrative,
            ),
            sections,
        )
        kept_tables = [table.as_json() for table in tables(data, language)]
    _set(
        report_id,
        html=html,
        pdf=pdf,
        tables=kept_tables,
        status="done",
        progress=100,
    )


def _titles(city: str, report: ProgrammeReport) -> tuple[str, str]:
    title = _("Programme report: %(city)s", city=city)
    subtitle = _(
        "Period %(start)s to %(end)s",
        start=format_date(report.period_start, "long"),
        end=format_date(report.period_end, "long"),
    )
    return title, subtitle
