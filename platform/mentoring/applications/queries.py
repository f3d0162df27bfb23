"""Read-side queries for applications: a fixed number of SQL statements each."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, or_

from mentoring.applications.models import (
    COUNTS,
    Application,
    ApplicationFile,
    MessageTemplate,
)
from mentoring.extensions import db
from mentoring.programmes.models import Cohort
from mentoring.programmes.status import CohortStatus

PAGE_SIZE = 100
REVIEW_STATUSES = (CohortStatus.RECRUITING, CohortStatus.MATCHING)


def recruiting_cohorts() -> list[Cohort]:
    """The city's cohorts open for applications, soonest first."""
    return list(
        db.session.scalars(
            db.select(Cohort)
            .where(Cohort.status == CohortStatus.RECRUITING)
            .order_by(Cohort.starts_on, Cohort.name)
        )
    )


def recruiting_cohort_or_404(cohort_id: uuid.UUID) -> Cohort:
    return db.one_or_404(
        db.select(Cohort).where(
            Cohort.id == cohort_id, Cohort.status == CohortStatus.RECRUITING
        )
    )


def cohorts_newest_first() -> list[Cohort]:
    return list(db.session.scalars(db.select(Cohort).order_by(Cohort.starts_on.desc())))


def default_cohort(cohorts: list[Cohort]) -> Cohort | None:
    """The newest cohort still taking people in, else the newest of all."""
    open_ones = [c for c in cohorts if c.status in REVIEW_STATUSES]
    return (open_ones or cohorts or [None])[0]


def existing_application(cohort_id: uuid.UUID, email: str) -> Application | None:
    return db.session.scalar(
        db.select(Application).where(
            Application.cohort_id == cohort_id, Application.email == email
        )
    )


def application_by_id(application_id: uuid.UUID) -> Application | None:
    return db.session.scalar(
        db.select(Application).where(Application.id == application_id)
    )


def application_or_404(application_id: uuid.UUID) -> Application:
    return db.one_or_404(db.select(Application).where(Application.id == application_id))


def application_for_decision(application_id: uuid.UUID) -> Application:
    """The application, row-locked until commit: decisions on it queue up.

    ``populate_existing`` re-reads the status a concurrent decision just wrote.
    """
    return db.one_or_404(
        db.select(Application)
        .where(Application.id == application_id, COUNTS)
        .with_for_update(of=Application)
        .execution_options(populate_existing=True)
    )


@dataclass(frozen=True)
class ReviewFilter:
    role: str | None = None
    status: str | None = None
    search: str = ""
    # Only the applications whose address is not confirmed yet (hidden otherwise).
    unconfirmed: bool = False


def _filtered(query, cohort_id: uuid.UUID, where: ReviewFilter):  # noqa: ANN001, ANN202
    query = query.where(Application.cohort_id == cohort_id)
    query = query.where(~COUNTS if where.unconfirmed else COUNTS)
    if where.role:
        query = query.where(Application.role == where.role)
    if where.status:
        query = query.where(Application.status == where.status)
    if where.search.strip():
        pattern = f"%{where.search.strip().lower()}%"
        columns = (
            Application.full_name,
            Application.email,
            Application.profession,
            Application.employer,
            Application.job_title,
        )
        query = query.where(or_(*(func.lower(c).like(pattern) for c in columns)))
    return query


def applications(
    cohort_id: uuid.UUID, where: ReviewFilter, limit: int = PAGE_SIZE, offset: int = 0
) -> list[Application]:
    """One page of a cohort's applications, newest first (one query)."""
    query = (
        db.select(Application)
        .order_by(Application.created_at.desc(), Application.id)
        .limit(limit)
        .offset(offset)
    )
    return list(db.session.scalars(_filtered(query, cohort_id, where)))


def applications_count(cohort_id: uuid.UUID, where: ReviewFilter) -> int:
    query = db.select(func.count()).select_from(Application)
    return db.session.scalar(_filtered(query, cohort_id, where)) or 0


def accepted_counts(cohort_id: uuid.UUID) -> dict[str, int]:
    """Accepted applications per role: what counts against capacity."""
    rows = db.session.execute(
        db.select(Application.role, func.count())
        .where(
            Application.cohort_id == cohort_id,
            Application.status == "accepted",
            COUNTS,
        )
        .group_by(Application.role)
    ).all()
    return {"mentee": 0, "mentor": 0, **dict(rows)}


# Cohorts where a freed place is offered to the waiting list.
OFFER_STATUSES = (CohortStatus.RECRUITING, CohortStatus.MATCHING, CohortStatus.RUNNING)


def first_waitlisted(cohort_id: uuid.UUID, role: str) -> Application | None:
    """The earliest application on the cohort's waiting list for ``role``."""
    return db.session.scalar(
        db.select(Application)
        .where(
            Application.cohort_id == cohort_id,
            Application.role == role,
            Application.status == "waitlisted",
            COUNTS,
        )
        .order_by(Application.created_at, Application.id)
        .limit(1)
    )


def free_place_offers(
    cohort: Cohort, accepted: dict[str, int], withdrawn: dict[str, int]
) -> list[Application]:
    """Per role, the first waitlisted applicant when a withdrawal freed a place."""
    if cohort.status not in OFFER_STATUSES:
        return []
    offers = []
    for role in ("mentee", "mentor"):
        if withdrawn[role] and accepted[role] < capacity_of(cohort, role):
            first = first_waitlisted(cohort.id, role)
            if first is not None:
                offers.append(first)
    return offers


def capacity_of(cohort: Cohort, role: str) -> int:
    return cohort.mentee_capacity if role == "mentee" else cohort.mentor_capacity


def message_templates() -> dict[tuple[str, str], MessageTemplate]:
    rows = db.session.scalars(db.select(MessageTemplate))
    return {(t.kind, t.locale): t for t in rows}


def cv_bytes_used() -> int:
    """What the city's CVs take, in bytes (the quota counts these)."""
    used = func.coalesce(func.sum(ApplicationFile.size), 0)
    total = db.session.scalar(db.select(used))
    return int(total or 0)
