"""The periodic tick: turn "due in the database" into jobs on the queue."""

from __future__ import annotations

from mentoring.extensions import db


def enqueue_due_work() -> dict[str, int]:
    """Enqueue every kind of due work; safe to run as often as you like."""
    from mentoring.mail.services import enqueue_undelivered

    counts = {"emails": enqueue_undelivered()}
    db.session.commit()
    return counts
