"""Reading a cohort's messages and who they went to."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import case, func
from sqlalchemy.orm import contains_eager

from mentoring.accounts.models import User
from mentoring.extensions import db
from mentoring.messages.models import SENT, CohortMessage, CohortMessageRecipient
from mentoring.programmes.models import Participant


@dataclass(frozen=True)
class Counts:
    recipients: int = 0
    sent: int = 0


def message_or_404(cohort_id: uuid.UUID, message_id: uuid.UUID) -> CohortMessage:
    """The cohort's message; another cohort's (or city's) is a 404."""
    return db.one_or_404(
        db.select(CohortMessage).where(
            CohortMessage.id == message_id, CohortMessage.cohort_id == cohort_id
        )
    )


def cohort_messages(cohort_id: uuid.UUID) -> list[CohortMessage]:
    return list(
        db.session.scalars(
            db.select(CohortMessage)
            .where(CohortMessage.cohort_id == cohort_id)
            .order_by(CohortMessage.created_at.desc())
        )
    )


def counts(message_ids: list[uuid.UUID]) -> dict[uuid.UUID, Counts]:
    """Recipients and how many were sent, per message (one query)."""
    rows = db.session.execute(
        db.select(
            CohortMessageRecipient.message_id,
            func.count(CohortMessageRecipient.id),
            func.sum(case((CohortMessageRecipient.status == SENT, 1), else_=0)),
        )
        .where(CohortMessageRecipient.message_id.in_(message_ids))
        .group_by(CohortMessageRecipient.message_id)
    ).all()
    return {mid: Counts(total, sent or 0) for mid, total, sent in rows}


def recipients_of(message_id: uuid.UUID) -> list[CohortMessageRecipient]:
    """Who the message goes to, by name, with participant and user loaded."""
    return list(
        db.session.scalars(
            db.select(CohortMessageRecipient)
            .join(CohortMessageRecipient.participant)
            .join(Participant.user)
            .where(CohortMessageRecipient.message_id == message_id)
            .options(
                contains_eager(CohortMessageRecipient.participant, Participant.user)
            )
            .order_by(User.full_name)
        )
    )
