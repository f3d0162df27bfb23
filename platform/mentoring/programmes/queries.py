"""Read-side queries for the city's people: a fixed number of SQL statements each."""

from __future__ import annotations

import uuid

from sqlalchemy import func, or_

from mentoring.accounts.models import User
from mentoring.extensions import db
from mentoring.programmes.models import Cohort

PEOPLE_PAGE_SIZE = 50


def _filtered(query, role: str | None, search: str | None):  # noqa: ANN001, ANN202
    if role:
        query = query.where(User.role == role)
    if search and search.strip():
        pattern = f"%{search.strip().lower()}%"
        query = query.where(
            or_(
                func.lower(User.full_name).like(pattern),
                func.lower(User.email).like(pattern),
            )
        )
    return query


def people(
    role: str | None,
    search: str | None,
    limit: int = PEOPLE_PAGE_SIZE,
    offset: int = 0,
) -> list[User]:
    """One page of the city's people, filtered by role and a name/e-mail search."""
    query = (
        db.select(User)
        .order_by(User.role, User.full_name, User.id)
        .limit(limit)
        .offset(offset)
    )
    return list(db.session.scalars(_filtered(query, role, search)))


def people_count(role: str | None, search: str | None) -> int:
    query = db.select(func.count()).select_from(User)
    return db.session.scalar(_filtered(query, role, search)) or 0


def cohort_or_404(cohort_id: uuid.UUID) -> Cohort:
    """The city's cohort with this id; 404 when missing or another city's."""
    return db.one_or_404(db.select(Cohort).where(Cohort.id == cohort_id))
