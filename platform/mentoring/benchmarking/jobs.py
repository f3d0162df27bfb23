"""The snapshot's job and what asks for it: the tick (nightly), a closing cohort,
and ``flask benchmarks recompute``.

Each request for a snapshot is a queued ``BenchmarkRun`` row first, so the
database says what is due: a lost queue loses nothing (a run left queued for an
hour counts as not done, and the tick asks again), and a job that runs twice
finds its run claimed and does nothing.
"""

from __future__ import annotations

import uuid
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from mentoring.benchmarking.models import BenchmarkRun
from mentoring.benchmarking.services import (
    DONE,
    queue_run,
    recompute_snapshot,
)
from mentoring.core.context import in_network
from mentoring.core.models import utcnow
from mentoring.extensions import db
from mentoring.jobs import app_job, enqueue_after_commit
from mentoring.programmes.models import Cohort
from mentoring.programmes.signals import cohort_closed

# The network's day: "nightly" means once per calendar day in Copenhagen.
NETWORK_TIMEZONE = ZoneInfo("Europe/Copenhagen")
STALE_AFTER = timedelta(hours=1)  # a queued or running run older than this failed


@app_job
def recompute_benchmarks(
    tenant_id: str | None, reason: str, run_id: str | None = None
) -> str:
    """Recompute the snapshot for the whole network (``tenant_id`` is None: the
    house convention puts it first, and this job is no city's)."""
    with in_network():
        run = recompute_snapshot(reason, uuid.UUID(run_id) if run_id else None)
        db.session.commit()
    return "done" if run is not None else "skipped"


def ask_for_snapshot(reason: str) -> None:
    """Queue a run and its job, enqueued when the transaction commits."""
    run = queue_run(reason)
    enqueue_after_commit(recompute_benchmarks, None, reason, str(run.id))


def start_of_day(now: datetime) -> datetime:
    """Midnight of ``now``'s day in Copenhagen, as an aware UTC-comparable time."""
    local = now.astimezone(NETWORK_TIMEZONE).date()
    return datetime.combine(local, time(0), NETWORK_TIMEZONE)


def enqueue_due_snapshot(now: datetime | None = None) -> int:
    """The tick's step: one snapshot a day, unless today's is done or under way."""
    now = now or utcnow()
    today = BenchmarkRun.started_at >= start_of_day(now)
    alive = (BenchmarkRun.status == DONE) | (
        BenchmarkRun.started_at > now - STALE_AFTER
    )
    found = db.session.execute(
        db.select(BenchmarkRun.id).where(today, alive).limit(1)
    ).first()
    if found is not None:
        return 0
    ask_for_snapshot("nightly")
    return 1


def on_cohort_closed(cohort: Cohort, **_: object) -> None:
    """A closed cohort brings new figures: recompute after the commit."""
    ask_for_snapshot("cohort_closed")


def connect_signals() -> None:
    """Listen to the programmes domain (called once by the app factory)."""
    cohort_closed.connect(on_cohort_closed)
