"""Reading the audit trail, newest first."""

from __future__ import annotations

from sqlalchemy.orm import selectinload

from mentoring.audit.models import AuditEntry
from mentoring.extensions import db

PAGE_SIZE = 100


def latest_entries(
    action: str | None = None, limit: int = PAGE_SIZE
) -> list[AuditEntry]:
    query = (
        db.select(AuditEntry)
        .options(selectinload(AuditEntry.actor))
        .order_by(AuditEntry.created_at.desc())
        .limit(limit)
    )
    if action:
        query = query.where(AuditEntry.action == action)
    return list(db.session.scalars(query))
