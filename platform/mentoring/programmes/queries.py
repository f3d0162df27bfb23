"""Read-side queries for cohort pages: a fixed number of SQL statements each."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, or_
from sqlalchemy.orm import aliased, selectinload

from mentoring.accounts.models import User
from mentoring.extensions import db
from mentoring.programmes.models import Cohort, Pair, Participant

PEOPLE_PAGE_SIZE = 50


@dataclass(frozen=True)
class CohortSummary:
    cohort: Cohort
    mentees: int
    mentors: int
    pairs: int


def cohort_summaries() -> list[CohortSummary]:
    """Every cohort of the city with its counts, newest first (three queries)."""
    cohorts = db.session.scalars(
        db.select(Cohort).order_by(Cohort.starts_on.desc())
    ).all()
    rows = db.session.execute(
        db.select(Participant.cohort_id, Participant.role, func.count()).group_by(
            Participant.cohort_id, Participant.role
        )
    ).all()
    counts = {(cohort_id, role): n for cohort_id, role, n in rows}
    pairs = dict(
        db.session.execute(
            db.select(Pair.cohort_id, func.count()).group_by(Pair.cohort_id)
        ).all()
    )
    return [
        CohortSummary(
            c,
            counts.get((c.id, "mentee"), 0),
            counts.get((c.id, "mentor"), 0),
            pairs.get(c.id, 0),
        )
        for c in cohorts
    ]


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
    role: str | None, search: str | None, limit: int = PEOPLE_PAGE_SIZE
) -> list[User]:
    """The city's people, filtered by role and a name/e-mail search."""
    query = db.select(User).order_by(User.role, User.full_name).limit(limit)
    return list(db.session.scalars(_filtered(query, role, search)))


def people_count(role: str | None, search: str | None) -> int:
    query = db.select(func.count()).select_from(User)
    return db.session.scalar(_filtered(query, role, search)) or 0


@dataclass(frozen=True)
class Participation:
    participant: Participant
    partner: User | None


def participations(user_id: uuid.UUID) -> list[Participation]:
    """The user's cohorts, newest first, each with the other side of the pair."""
    mine = db.session.scalars(
        db.select(Participant)
        .where(Participant.user_id == user_id)
        .options(selectinload(Participant.cohort))
        .join(Participant.cohort)
        .order_by(Cohort.starts_on.desc())
    ).all()
    partners = _partners([p.id for p in mine])
    return [Participation(p, partners.get(p.id)) for p in mine]


def _partners(participant_ids: list[uuid.UUID]) -> dict[uuid.UUID, User]:
    if not participant_ids:
        return {}
    other = aliased(Participant)
    result: dict[uuid.UUID, User] = {}
    for mine_col, other_col in (
        (Pair.mentee_id, Pair.mentor_id),
        (Pair.mentor_id, Pair.mentee_id),
    ):
        rows = db.session.execute(
            db.select(mine_col, User)
            .join(other, other.id == other_col)
            .join(User, User.id == other.user_id)
            .where(mine_col.in_(participant_ids))
        ).all()
        result.update(dict(rows))
    return result
