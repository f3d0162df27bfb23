"""The periodic tick: turn "due in the database" into jobs on the queue."""

from __future__ import annotations

from mentoring.extensions import db


def enqueue_due_work() -> dict[str, int]:
    """Enqueue every kind of due work; safe to run as often as you like."""
    from mentoring.events.jobs import enqueue_due_reminders
    from mentoring.mail.services import enqueue_undelivered
    from mentoring.matching.jobs import enqueue_due_rating_reminders
    from mentoring.meetings.jobs import enqueue_due_nudges
    from mentoring.surveys.jobs import enqueue_due_surveys

    counts = {"emails": enqueue_undelivered()}
    counts["pair_reminders"] = enqueue_due_nudges()
    counts["event_reminders"] = enqueue_due_reminders()
    counts["rating_reminders"] = enqueue_due_rating_reminders()
    counts["surveys"] = enqueue_due_surveys()
    db.session.commit()
    return counts
