"""Read-side queries for the city's people: a fixed number of SQL statements each."""

from __future__ import annotations

import uuid

from sqlalchemy import func, or_
from sqlalchemy.orm import contains_eager, selectinload

from mentoring.accounts.models import User
from mentoring.extensions import db
from mentoring.programmes.models import Cohort, Participant

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


def people_by_role() -> dict[str, int]:
    """How many people of the city have each role (one grouped query)."""
    rows = db.session.execute(
        db.select(User.role, func.count()).group_by(User.role)
    ).all()
    return {row[0]: row[1] for row in rows}  # noqa: C416 - rows, not pairs


def cohort_or_404(cohort_id: uuid.UUID) -> Cohort:
    """The city's cohort with this id; 404 when missing or another city's."""
    return db.one_or_404(db.select(Cohort).where(Cohort.id == cohort_id))


def person_or_404(user_id: uuid.UUID) -> User:
    """The city's person with this id; 404 when missing or another city's."""
    return db.one_or_404(db.select(User).where(User.id == user_id))


def person_for_change(user_id: uuid.UUID) -> User:
    """The person, row-locked until commit: two changes to them queue up."""
    return db.one_or_404(
        db.select(User)
        .where(User.id == user_id)
        .with_for_update(of=User)
        .execution_options(populate_existing=True)
    )


def participations(user_id: uuid.UUID) -> list[Participant]:
    """The person's places in the city's cohorts, newest cohort first."""
    return list(
        db.session.scalars(
            db.select(Participant)
            .join(Participant.cohort)
            .where(Participant.user_id == user_id)
            .options(contains_eager(Participant.cohort))
            .order_by(Cohort.starts_on.desc())
        )
    )


def participant_for_change(
    cohort_id: uuid.UUID, participant_id: uuid.UUID
) -> Participant:
    """The cohort's participant, row-locked until commit (withdrawals queue up)."""
    return db.one_or_404(
        db.select(Participant)
        .where(Participant.id == participant_id, Participant.cohort_id == cohort_id)
        .with_for_update(of=Participant)
        .execution_options(populate_existing=True)
    )


def participant_or_404(cohort_id: uuid.UUID, participant_id: uuid.UUID) -> Participant:
    return db.one_or_404(
        db.select(Participant)
        .where(Participant.id == participant_id, Participant.cohort_id == cohort_id)
        .options(selectinload(Participant.user), selectinload(Participant.cohort))
    )


def withdrawn_counts(cohort_id: uuid.UUID) -> dict[str, int]:
    """Withdrawn participants of the cohort per role."""
    rows = db.session.execute(
        db.select(Participant.role, func.count())
        .where(
            Participant.cohort_id == cohort_id, Participant.withdrawn_at.is_not(None)
        )
        .group_by(Participant.role)
    ).all()
    return {"mentee": 0, "mentor": 0, **dict(rows)}


def cohort_participants(cohort_id: uuid.UUID) -> list[Participant]:
    """The cohort's participants with their accounts, by role and name."""
    return list(
        db.session.scalars(
            db.select(Participant)
            .join(Participant.user)
            .where(Participant.cohort_id == cohort_id)
            .options(contains_eager(Participant.user))
            .order_by(Participant.role, func.lower(User.full_name))
        )
    )
