"""The coordinators' daily digest: the tick finds the cities whose local morning
has come; a job per city makes and sends that day's digest (once)."""

from __future__ import annotations

from datetime import date, datetime

from mentoring.core.scoping import cross_tenant
from mentoring.extensions import db
from mentoring.home import digest
from mentoring.jobs import city_job, enqueue_after_commit
from mentoring.tenancy.models import Tenant


def enqueue_due_digests(now: datetime | None = None) -> int:
    """Enqueue one job per city whose digest for today is due; returns how many.

    Only reads: the job claims the (city, day) row, so a tick run twice (or a
    job run twice) sends nothing twice.
    """
    with cross_tenant(db.session, "job tick: which cities owe a coordinator digest"):
        due = digest.due_digests(now)
    for tenant_id, day in due:
        enqueue_after_commit(send_coordinator_digest, str(tenant_id), day.isoformat())
    return len(due)


@city_job
def send_coordinator_digest(tenant: Tenant, day: str) -> int:
    """Make and queue the city's digest for ``day``; returns how many e-mails."""
    sent = digest.send_digest(tenant, date.fromisoformat(day))
    db.session.commit()
    return sent
