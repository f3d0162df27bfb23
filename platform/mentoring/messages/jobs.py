"""Sending a cohort message: each recipient row is claimed once, then mailed.

A job run twice (or two at once) sends nothing twice: the claim is one atomic
UPDATE (waiting -> sent), committed together with the queued e-mail.
"""

from __future__ import annotations

import uuid

from flask_babel import LazyString
from sqlalchemy.orm import joinedload

from mentoring.core.models import utcnow
from mentoring.core.tenancy import tenant_url
from mentoring.extensions import db
from mentoring.jobs import city_job
from mentoring.mail.services import queue_email, recipient_locale
from mentoring.messages.models import (
    SENT,
    WAITING,
    CohortMessage,
    CohortMessageRecipient,
)
from mentoring.programmes.models import Participant
from mentoring.tenancy.models import Tenant


@city_job
def send_cohort_message(tenant: Tenant, message_id: str) -> int:
    """E-mail every recipient still waiting, each in their language; returns
    how many this run sent."""
    message = db.session.scalar(
        db.select(CohortMessage).where(CohortMessage.id == uuid.UUID(message_id))
    )
    if message is None:
        return 0
    sent = 0
    for recipient_id in _waiting(message.id):
        if _claim(recipient_id):
            _mail(message, _recipient(recipient_id), tenant)
            sent += 1
        db.session.commit()
    return sent


def _waiting(message_id: uuid.UUID) -> list[uuid.UUID]:
    return list(
        db.session.scalars(
            db.select(CohortMessageRecipient.id).where(
                CohortMessageRecipient.message_id == message_id,
                CohortMessageRecipient.status == WAITING,
            )
        )
    )


def _claim(recipient_id: uuid.UUID) -> bool:
    """One atomic UPDATE: of two runs, exactly one takes the row."""
    claimed = db.session.execute(
        db.update(CohortMessageRecipient)
        .where(
            CohortMessageRecipient.id == recipient_id,
            CohortMessageRecipient.status == WAITING,
        )
        .values(status=SENT, sent_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    return bool(claimed)


def _recipient(recipient_id: uuid.UUID) -> CohortMessageRecipient:
    return db.session.scalar(
        db.select(CohortMessageRecipient)
        .where(CohortMessageRecipient.id == recipient_id)
        .options(
            joinedload(CohortMessageRecipient.participant).joinedload(Participant.user)
        )
    )


def _mail(
    message: CohortMessage, recipient: CohortMessageRecipient, tenant: Tenant
) -> None:
    user = recipient.participant.user
    locale = recipient_locale(user, tenant)
    recipient.locale = locale
    # The coordinator's own words: used as written, never looked up as a msgid.
    text = message.subject(locale)
    subject = LazyString(lambda: text)
    queue_email(
        user,
        "cohort_message",
        subject,
        tenant=tenant,
        body=message.body(locale),
        link=tenant_url(tenant, "/"),
    )
