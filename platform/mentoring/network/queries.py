"""Cross-city aggregates: counts per city, never a person.

Each function lifts tenant scoping explicitly with ``cross_tenant`` and selects
only grouped counts.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func

from mentoring.accounts.models import User
from mentoring.core.scoping import cross_tenant
from mentoring.extensions import db
from mentoring.network import tracker
from mentoring.network.models import TrackedCity
from mentoring.programmes.models import Cohort, Pair, Participant
from mentoring.tenancy.models import Tenant
from mentoring.tenancy.queries import all_tenants


@dataclass(frozen=True)
class CityActivity:
    tenant: Tenant
    cohorts: int
    mentees: int
    mentors: int
    pairs: int


def _count_by_tenant(query) -> dict[uuid.UUID, int]:  # noqa: ANN001
    return dict(db.session.execute(query).all())


def city_activity() -> list[CityActivity]:
    """Programme activity per city (five grouped queries, whatever the size)."""
    tenants = all_tenants()
    with cross_tenant(db.session, "network: activity counts per city"):
        cohorts = _count_by_tenant(
            db.select(Cohort.tenant_id, func.count()).group_by(Cohort.tenant_id)
        )
        by_role = {
            role: _count_by_tenant(
                db.select(
                    Participant.tenant_id,
                    func.count(func.distinct(Participant.user_id)),
                )
                .where(Participant.role == role)
                .group_by(Participant.tenant_id)
            )
            for role in ("mentee", "mentor")
        }
        pairs = _count_by_tenant(
            db.select(Pair.tenant_id, func.count()).group_by(Pair.tenant_id)
        )
    return [
        CityActivity(
            t,
            cohorts.get(t.id, 0),
            by_role["mentee"].get(t.id, 0),
            by_role["mentor"].get(t.id, 0),
            pairs.get(t.id, 0),
        )
        for t in tenants
    ]


def accounts_per_city() -> dict[uuid.UUID, int]:
    with cross_tenant(db.session, "operations: number of accounts per city"):
        return _count_by_tenant(
            db.select(User.tenant_id, func.count()).group_by(User.tenant_id)
        )


def tracked_cities() -> list[TrackedCity]:
    """Every tracked city, furthest stage first, then by name (one query)."""
    rows = db.session.scalars(db.select(TrackedCity)).unique().all()
    order = {stage: -i for i, stage in enumerate(tracker.STAGES)}
    return sorted(rows, key=lambda r: (order[r.stage], r.name.lower()))


def tracker_counts(rows: list[TrackedCity]) -> tracker.Counts:
    return tracker.counts(r.stage for r in rows)


def tracked_by_id(row_id: uuid.UUID) -> TrackedCity | None:
    return db.session.scalar(db.select(TrackedCity).where(TrackedCity.id == row_id))


def not_onboarded(rows: list[TrackedCity]) -> list[tuple[str, str]]:
    """Choices for onboarding: tracked cities without a tenant yet."""
    return [(str(r.id), r.name) for r in rows if r.tenant_id is None]
