"""Every job's timeout, retries and idempotency key, in one place.

Keyed by the job's function name, so this module knows no domain. A job that is
not listed gets ``DEFAULT``; ``tests/jobs/test_idempotency.py`` fails on a
registered job without an entry, so a new job is given one on purpose.

- ``timeout``: RQ kills the work horse after this many seconds. The ledger's
  lease is a little longer: a row "running" past it lost its worker.
- ``retries``: seconds RQ waits before each retry (RQ runs delayed retries
  only with a worker started ``--with-scheduler``). Work a domain's tick step
  finds due again (e-mail, reminders, surveys, digests) has none: the tick
  is its retry, from the database, with no scheduler; RQ retries are for the
  jobs only a request asks for (a cohort message, a report, a snapshot).
- ``key_args``: how many leading arguments name the work (the tick's ``now``
  that follows is not part of it); ``None``: all of them.
- ``sweep``: the job looks for whatever is due in a city, so the same
  arguments mean new work later: the enqueue minute is part of its key.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any


@dataclass(frozen=True)
class Policy:
    timeout: int = 300
    retries: tuple[int, ...] = (60, 300)
    key_args: int | None = None
    sweep: bool = False

    @property
    def lease(self) -> timedelta:
        """How long a run may be "running" before the reconciler calls it lost."""
        return timedelta(seconds=self.timeout + 60)


DEFAULT = Policy()
TICKED = ()  # no RQ retries: the tick enqueues it again while it is still due
POLICIES: dict[str, Policy] = {
    # SMTP has its own 30 s timeout; the tick retries every 2 min, up to 20 tries.
    "deliver_email": Policy(timeout=60, retries=TICKED),
    "send_cohort_message": Policy(timeout=600, retries=(60, 300, 900)),
    "send_event_reminder": Policy(timeout=120, retries=TICKED, key_args=2),
    "send_survey_invitation": Policy(timeout=120, retries=TICKED, key_args=3),
    # One invitation has two reminders (7 and 14 days): the tick's moment is in the key.
    "send_survey_reminder": Policy(timeout=120, retries=TICKED),
    "send_pair_reminders": Policy(retries=TICKED, sweep=True),
    "send_rating_reminders": Policy(retries=TICKED, sweep=True),
    "send_coordinator_digest": Policy(retries=TICKED),
    "build_programme_report": Policy(timeout=600, retries=(60,)),
    "recompute_benchmarks": Policy(timeout=900, retries=(300,)),
    # A sweep of what is due in a city; the tick finds it again while it is due.
    "apply_retention": Policy(timeout=600, retries=TICKED, sweep=True),
}
UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


def policy_for(name: str) -> Policy:
    return POLICIES.get(name, DEFAULT)


def job_key(name: str, args: Sequence[Any], at: datetime) -> str:
    """The idempotency key, also the RQ job id (letters, digits, ``_``, ``-``)."""
    policy = policy_for(name)
    parts = [name, *("network" if a is None else str(a) for a in args)]
    parts = parts[: None if policy.key_args is None else policy.key_args + 1]
    if policy.sweep:
        parts.append(at.strftime("%Y%m%d%H%M"))
    return UNSAFE.sub("_", "-".join(parts))[:200]
