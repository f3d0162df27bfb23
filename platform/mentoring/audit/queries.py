"""Reading the audit trail, newest first."""

from __future__ import annotations

from sqlalchemy import func
from sqlalchemy.orm import selectinload

from mentoring.audit.models import AuditEntry
from mentoring.extensions import db

PAGE_SIZE = 100


def latest_entries(
    action: str | None = None, limit: int = PAGE_SIZE, offset: int = 0
) -> list[AuditEntry]:
    """One page of the trail, newest first (two queries: entries, then actors)."""
    query = (
        db.select(AuditEntry)
        .options(selectinload(AuditEntry.actor))
        .order_by(AuditEntry.created_at.desc(), AuditEntry.id)
        .limit(limit)
        .offset(offset)
    )
    return list(db.session.scalars(_of_action(query, action)))


def entries_count(action: str | None = None) -> int:
    query = db.select(func.count()).select_from(AuditEntry)
    return db.session.scalar(_of_action(query, action)) or 0


def _of_action(query, action: str | None):  # noqa: ANN001, ANN202
    return query.where(AuditEntry.action == action) if action else query
