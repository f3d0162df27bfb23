"""The jobs' ledger: one row per idempotency key, what the database says ran.

Infrastructure, not a city's data: a row holds a job's name, its arguments
(ids, never personal data) and how its runs went, so it has no tenant and no
row-level security. The domain rows a job works on stay the truth about what is
due; this ledger lets a job whose key is done return at once, the reconciler
find work whose queue entry was lost, and an operator see what failed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from mentoring.extensions import db

# enqueued -> running -> done; failed when the last try raised and RQ will not
# retry (the tick or the reconciler may enqueue it again: -> enqueued).
ENQUEUED, RUNNING, DONE, FAILED = "enqueued", "running", "done", "failed"


class JobRun(db.Model):
    """One idempotency key: ``deliver_email-<city>-<e-mail id>``."""

    __tablename__ = "job_runs"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    func: Mapped[str] = mapped_column(String(200))  # import path, for re-enqueueing
    args: Mapped[list[Any]] = mapped_column(JSON)
    queue: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10), index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    enqueued_at: Mapped[datetime]
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(String(500))
