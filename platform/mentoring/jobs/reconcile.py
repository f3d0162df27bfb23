"""The reconciler: what the ledger says is due but no queue will run.

A tick step (``flask jobs tick``). A key "enqueued" whose RQ job is gone
(Redis flushed or lost) is enqueued again after a short grace; a key
"running" past its lease (the job's timeout and a minute) lost its worker
(SIGKILL, out of memory, a lost machine): RQ would have killed a live run by
then, so it is enqueued again whatever Redis says. Done keys are kept for
``KEEP_DONE``, then pruned. The domains' own tick steps still enqueue what
their tables say is due; this covers every job, also those (a cohort message,
a report) that only a request asks for.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from redis.exceptions import RedisError

from mentoring.core.models import utcnow
from mentoring.extensions import db
from mentoring.jobs import _add_pending, _alive, get_queue
from mentoring.jobs.models import DONE, ENQUEUED, RUNNING, JobRun
from mentoring.jobs.runs import lost, overdue

KEEP_DONE = timedelta(days=30)
logger = logging.getLogger(__name__)


def reenqueue_lost(now: datetime | None = None) -> int:
    """Enqueue (after the tick commits) every key due but not coming; a count."""
    now = now or utcnow()
    candidates = db.session.scalars(
        db.select(JobRun).where(JobRun.status.in_((ENQUEUED, RUNNING)))
    ).all()
    count = 0
    for run in [r for r in candidates if overdue(r, now)]:
        try:
            if run.status == ENQUEUED and _alive(run.key, get_queue(run.queue)):
                continue  # still waiting its turn on the queue
        except RedisError:
            logger.warning("the queue is down: nothing re-enqueued this tick")
            return count
        why = (
            "re-enqueued: the worker was lost"
            if run.status == RUNNING
            else ("re-enqueued: the queue lost the job")
        )
        lost(run.key, now, why)
        _add_pending(run.func, run.args, run.queue, run.key, force=True)
        count += 1
    old = JobRun.finished_at < now - KEEP_DONE
    db.session.execute(db.delete(JobRun).where(JobRun.status == DONE, old))
    return count
