"""The ledger's writes: a key is due, a run starts, a run ends.

``record_due`` runs in the caller's transaction, so the key is in the database
exactly when the rows it works on are (a rolled-back request leaves neither).
A run's start and end are committed on their own: the start before the work,
so the reconciler can see a run that never ended; the end right after the
job's last commit. A kill between the two leaves the key "running": the
reconciler enqueues it again after its lease, and the job's own claim (every
job claims its rows with one conditional UPDATE) makes the second run do
nothing twice.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import insert, update
from sqlalchemy.dialects import postgresql, sqlite

from mentoring.core.models import utcnow
from mentoring.extensions import db
from mentoring.jobs.models import DONE, ENQUEUED, FAILED, RUNNING, JobRun
from mentoring.jobs.policy import policy_for

GRACE = timedelta(minutes=1)  # between a request's commit and its enqueue
logger = logging.getLogger(__name__)


def _insert_if_new(values: dict[str, Any]) -> None:
    """INSERT ... ON CONFLICT DO NOTHING: two transactions may name one key."""
    dialect = db.session.get_bind().dialect.name
    if dialect == "postgresql":
        statement = postgresql.insert(JobRun).on_conflict_do_nothing()
    elif dialect == "sqlite":
        statement = sqlite.insert(JobRun).on_conflict_do_nothing()
    else:  # pragma: no cover - the app runs on PostgreSQL and SQLite only
        statement = insert(JobRun)
    db.session.execute(statement.values(**values))


def _set(key: str, *where: Any, **values: Any) -> int:
    return db.session.execute(
        update(JobRun)
        .where(JobRun.key == key, *where)
        .values(**values)
        .execution_options(synchronize_session=False)
    ).rowcount


def record_due(key: str, func: str, args: Sequence[Any], queue: str) -> bool:
    """The key is due (in the caller's transaction); False when it is done."""
    now = utcnow()
    _insert_if_new(
        {
            "key": key,
            "func": func,
            "args": list(args),
            "queue": queue,
            "status": ENQUEUED,
            "attempts": 0,
            "enqueued_at": now,
        }
    )
    _set(key, JobRun.status.in_((ENQUEUED, FAILED)), status=ENQUEUED, enqueued_at=now)
    status = db.session.scalar(db.select(JobRun.status).where(JobRun.key == key))
    return status != DONE


def start_run(key: str, func: str, args: Sequence[Any], queue: str) -> bool:
    """Mark the key running (committed); False when it is done already."""
    record_due(key, func, args, queue)
    started = _set(
        key,
        JobRun.status != DONE,
        status=RUNNING,
        started_at=utcnow(),
        attempts=JobRun.attempts + 1,
    )
    db.session.commit()
    return bool(started)


def finish_run(key: str) -> None:
    """The job returned: its key is done (committed with anything left open)."""
    _set(key, status=DONE, finished_at=utcnow(), last_error=None)
    db.session.commit()


def fail_run(key: str, exc: BaseException, will_retry: bool) -> None:
    """The job raised: back to "enqueued" if RQ retries it, else "failed"."""
    db.session.rollback()
    error = f"{type(exc).__name__}: {exc}"[:500]
    status = ENQUEUED if will_retry else FAILED
    _set(key, status=status, finished_at=utcnow(), last_error=error)
    db.session.commit()
    if not will_retry:  # the error itself is logged once, with its traceback
        logger.warning("job %s marked failed, no retry left: %s", key, error)


def lost(key: str, now: datetime, why: str) -> None:
    """The reconciler's verdict: enqueue the key again."""
    _set(key, status=ENQUEUED, enqueued_at=now, last_error=why)


def overdue(run: JobRun, now: datetime) -> bool:
    """Running past its lease, or enqueued longer than the grace."""
    if run.status == RUNNING:
        lease = policy_for(run.func.rpartition(".")[2]).lease
        return run.started_at is not None and run.started_at < now - lease
    return run.status == ENQUEUED and run.enqueued_at < now - GRACE


def problems(now: datetime | None = None) -> list[JobRun]:
    """Keys an operator should look at: failed, or overdue (``flask jobs status``).

    An "enqueued" key past the grace may simply be waiting on a long queue.
    """
    now = now or utcnow()
    rows = db.session.scalars(
        db.select(JobRun).where(JobRun.status != DONE).order_by(JobRun.enqueued_at)
    ).all()
    return [r for r in rows if r.status == FAILED or overdue(r, now)]
