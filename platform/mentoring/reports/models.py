"""A programme report as the coordinator asked for it, built by a job.

The report is kept as built (HTML, PDF, the tables): what was sent to the
municipality stays readable even when later answers change the figures.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import JSON, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mentoring.core.models import Timestamps, UUIDPrimaryKey
from mentoring.core.scoping import TenantOwned, tenant_table_args
from mentoring.extensions import db

REPORT_STATUSES = ("queued", "building", "done", "failed")


class ProgrammeReport(UUIDPrimaryKey, Timestamps, TenantOwned, db.Model):
    """One report over a period, in one language."""

    __tablename__ = "programme_reports"
    __table_args__ = tenant_table_args()

    period_start: Mapped[date]
    period_end: Mapped[date]
    locale: Mapped[str] = mapped_column(String(5))
    status: Mapped[str] = mapped_column(String(10), default="queued")
    progress: Mapped[int] = mapped_column(default=0)
    html: Mapped[str] = mapped_column(Text, default="")
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    # Each table as {"title", "header", "rows"} with typed cells (reports.tables):
    # kept as built, written as one CSV per table on download.
    tables: Mapped[list[dict[str, Any]]] = mapped_column(
        JSON, default=list, server_default="[]", deferred=True
    )
    # The coordinator's own words for the funder, by language ({"da": ..., "en": ...}).
    narrative: Mapped[dict[str, str]] = mapped_column(
        JSON, default=dict, server_default="{}"
    )
    # The account's id only: deleting an account keeps the report it asked for.
    created_by_id: Mapped[uuid.UUID | None]

    @property
    def narrative_text(self) -> str:
        """The narrative in the report's language."""
        return (self.narrative or {}).get(self.locale, "")

    @property
    def finished(self) -> bool:
        return self.status in ("done", "failed")
