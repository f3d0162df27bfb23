"""What retention finds due in one city: the database says, the settings decide.

Each rule selects only what is still there to delete or anonymise, so a second
run finds nothing: the job is idempotent without a bookkeeping table.
"""

from __future__ import annotations

import uuid
from datetime import date

from mentoring.accounts.models import User
from mentoring.applications.models import Application, ApplicationFile
from mentoring.extensions import db
from mentoring.privacy.rules import months_before, years_before
from mentoring.programmes.models import Cohort, Participant
from mentoring.programmes.status import CohortStatus
from mentoring.tenancy.models import Tenant

NEVER_ADMITTED = ("submitted", "waitlisted", "rejected")


def _tenant(model: type, tenant: Tenant) -> object:
    # Explicit: the tick reads every city at once (cross_tenant).
    return model.tenant_id == tenant.id  # type: ignore[attr-defined]


def applications_due(tenant: Tenant, today: date) -> list[uuid.UUID]:
    """Applications never admitted, their cohort started ``applications_months`` ago."""
    cutoff = months_before(today, tenant.retention_setting("applications_months"))
    return list(
        db.session.scalars(
            db.select(Application.id)
            .join(Cohort, Cohort.id == Application.cohort_id)
            .where(
                _tenant(Application, tenant),
                Application.status.in_(NEVER_ADMITTED),
                Application.user_id.is_(None),
                Cohort.starts_on <= cutoff,
            )
        )
    )


def cvs_due(tenant: Tenant, today: date) -> list[uuid.UUID]:
    """CVs of admitted mentees, their cohort started ``cv_months`` ago."""
    cutoff = months_before(today, tenant.retention_setting("cv_months"))
    return list(
        db.session.scalars(
            db.select(ApplicationFile.id)
            .join(Application, Application.id == ApplicationFile.application_id)
            .join(Cohort, Cohort.id == Application.cohort_id)
            .where(
                _tenant(ApplicationFile, tenant),
                Application.status.not_in(NEVER_ADMITTED),
                Cohort.starts_on <= cutoff,
            )
        )
    )


def participants_due(tenant: Tenant, today: date) -> list[uuid.UUID]:
    """Users whose every cohort closed ``participants_years`` ago (not erased yet)."""
    cutoff = years_before(today, tenant.retention_setting("participants_years"))
    recent = (
        db.select(Participant.id)
        .join(Cohort, Cohort.id == Participant.cohort_id)
        .where(
            Participant.user_id == User.id,
            (Cohort.status != CohortStatus.CLOSED) | (Cohort.ends_on > cutoff),
        )
        .exists()
    )
    some = db.select(Participant.id).where(Participant.user_id == User.id).exists()
    return list(
        db.session.scalars(
            db.select(User.id).where(
                _tenant(User, tenant),
                User.role.in_(("mentee", "mentor")),
                User.erased_at.is_(None),
                some,
                ~recent,
            )
        )
    )


def anything_due(tenant: Tenant, today: date) -> bool:
    return bool(
        applications_due(tenant, today)
        or cvs_due(tenant, today)
        or participants_due(tenant, today)
    )
