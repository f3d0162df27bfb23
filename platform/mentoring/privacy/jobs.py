"""Retention: the tick enqueues one job per city with something due; the job
deletes or anonymises it. Arguments: the city's id only."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from mentoring.accounts.models import User
from mentoring.applications.models import Application, ApplicationFile
from mentoring.core.models import utcnow
from mentoring.core.scoping import cross_tenant
from mentoring.extensions import db
from mentoring.jobs import city_job, enqueue_after_commit
from mentoring.privacy import retention
from mentoring.privacy.services import anonymise_audit, erase_person
from mentoring.tenancy.models import Tenant


def _today(tenant: Tenant, now: datetime) -> object:
    return now.astimezone(ZoneInfo(tenant.timezone)).date()


def enqueue_due_retention(now: datetime | None = None) -> int:
    """One ``apply_retention`` job per city where something is due (reads only)."""
    now = now or utcnow()
    with cross_tenant(db.session, "job tick: which cities have data past retention"):
        tenants = db.session.scalars(db.select(Tenant)).all()
        due = [t.id for t in tenants if retention.anything_due(t, _today(t, now))]
    for tenant_id in due:
        enqueue_after_commit(apply_retention, str(tenant_id))
    return len(due)


@city_job
def apply_retention(tenant: Tenant) -> dict[str, int]:
    """Delete what is past its time in this city; what is gone is not due again."""
    today = _today(tenant, utcnow())
    applications = retention.applications_due(tenant, today)
    anonymise_audit(set(applications))  # their trail stays, without the name
    done = {
        "applications": _delete(Application, applications),
        "cvs": _delete(ApplicationFile, retention.cvs_due(tenant, today)),
        "participants": _anonymise(retention.participants_due(tenant, today)),
    }
    db.session.commit()
    return done


def _delete(model: type, ids: list) -> int:
    for row in db.session.scalars(db.select(model).where(model.id.in_(ids))):  # type: ignore[attr-defined]
        db.session.delete(row)
    db.session.flush()
    return len(ids)


def _anonymise(user_ids: list) -> int:
    users = db.session.scalars(db.select(User).where(User.id.in_(user_ids))).all()
    return sum(erase_person(user, by_coordinator=False) for user in users)
