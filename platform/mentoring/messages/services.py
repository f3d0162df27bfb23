"""Writing a message to a cohort: stored with one row per recipient, sent by a job.

Services flush; the view commits, and the job starts after the commit.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from mentoring.extensions import db
from mentoring.jobs import MAIL, enqueue_after_commit
from mentoring.messages.audiences import recipients
from mentoring.messages.jobs import send_cohort_message
from mentoring.messages.models import CohortMessage, CohortMessageRecipient
from mentoring.programmes.models import Cohort


@dataclass(frozen=True)
class Draft:
    """What the coordinator wrote, and to whom."""

    audience: str
    audience_label: str
    subject_da: str
    subject_en: str
    body_da: str
    body_en: str


def send_message(cohort: Cohort, draft: Draft, author: Any) -> CohortMessage | None:
    """Store the message and its recipients; the job e-mails them after commit.

    Returns None when the audience is not one of the cohort's.
    """
    people = recipients(cohort, draft.audience)
    if people is None:
        return None
    message = CohortMessage(cohort_id=cohort.id, author_id=author.id, **asdict(draft))
    db.session.add(message)
    db.session.flush()
    db.session.add_all(
        CohortMessageRecipient(message_id=message.id, participant_id=p.id)
        for p in people
    )
    db.session.flush()
    enqueue_after_commit(
        send_cohort_message, str(cohort.tenant_id), str(message.id), queue=MAIL
    )
    return message
