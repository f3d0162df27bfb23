"""Rating reminders: the tick finds which cities have a rating deadline within
24 hours; a job per city reminds those who have not rated everyone they met."""

from __future__ import annotations

from datetime import datetime

from mentoring.core.models import utcnow
from mentoring.core.scoping import cross_tenant
from mentoring.extensions import db
from mentoring.jobs import city_job, enqueue_after_commit
from mentoring.matching import services
from mentoring.tenancy.models import Tenant


def enqueue_due_rating_reminders(now: datetime | None = None) -> int:
    """Enqueue one job per city with a deadline in the next 24 hours.

    Only reads: the job claims each reminder (a unique row per person and
    deadline), so a tick run twice sends nothing twice. ``now``: for tests.
    """
    moment = now or utcnow()
    with cross_tenant(db.session, "job tick: which cities have rating deadlines"):
        due = services.due_reminder_cohorts(moment)
    tenants = sorted({str(tenant_id) for tenant_id, _cohort in due})
    for tenant_id in tenants:
        enqueue_after_commit(send_rating_reminders, tenant_id, moment.isoformat())
    return len(due)


@city_job
def send_rating_reminders(tenant: Tenant, now: str = "") -> int:
    """Remind the city's participants who have not rated yet; returns how many."""
    moment = datetime.fromisoformat(now) if now else utcnow()
    sent = services.send_rating_reminders(tenant, moment)
    db.session.commit()
    return sent
