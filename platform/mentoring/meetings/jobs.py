"""Quiet pairs: the tick finds which cities owe reminders; a job per city sends them."""

from __future__ import annotations

from datetime import date

from mentoring.core.scoping import cross_tenant
from mentoring.extensions import db
from mentoring.jobs import city_job, enqueue_after_commit
from mentoring.meetings import queries, services
from mentoring.tenancy.models import Tenant


def enqueue_due_nudges(today: date | None = None) -> int:
    """Enqueue one job per city that owes nudges or alerts; returns how many are owed.

    Only reads: the job claims each reminder, so a tick run twice sends nothing
    twice. ``today`` (for tests: a controlled clock) defaults to each city's date.
    """
    with cross_tenant(db.session, "job tick: which cities have quiet pairs"):
        due = queries.due_reminders(today)
    for tenant_id in sorted({str(d.tenant_id) for d in due}):
        enqueue_after_commit(
            send_pair_reminders, tenant_id, today.isoformat() if today else ""
        )
    return len(due)


@city_job
def send_pair_reminders(tenant: Tenant, today: str = "") -> int:
    """Send the city's due nudges and alerts (each once); returns how many."""
    sent = services.send_due_reminders(
        tenant, date.fromisoformat(today) if today else None
    )
    db.session.commit()
    return sent
