"""Delivering one stored e-mail. Safe to run twice: only one run claims it."""

from __future__ import annotations

import uuid

from flask import current_app

from mentoring.core.models import utcnow
from mentoring.core.scoping import tenant_scope
from mentoring.extensions import db
from mentoring.jobs import app_job
from mentoring.mail.models import QUEUED, SENDING, SENT, CityEmail, NetworkEmail
from mentoring.mail.transport import build_message, deliver


@app_job
def deliver_email(tenant_id: str | None, email_id: str) -> str:
    """Claim the e-mail (queued -> sending), send it, mark it sent."""
    if tenant_id is None:
        return _deliver(NetworkEmail, uuid.UUID(email_id))
    with tenant_scope(db.session, uuid.UUID(tenant_id)):
        return _deliver(CityEmail, uuid.UUID(email_id))


def _deliver(model: type[CityEmail] | type[NetworkEmail], email_id: uuid.UUID) -> str:
    claimed = db.session.execute(
        db.update(model)
        .where(model.id == email_id, model.status == QUEUED)
        .values(status=SENDING, attempts=model.attempts + 1, updated_at=utcnow())
    ).rowcount
    db.session.commit()
    if not claimed:
        return "skipped"  # already sent, being sent, or not ours
    email = db.session.scalar(db.select(model).where(model.id == email_id))
    try:
        where = deliver(_message(email), current_app.config, email.id.hex)
    except Exception as exc:
        email.status, email.last_error = QUEUED, str(exc)[:500]
        db.session.commit()
        raise
    email.status, email.sent_at, email.last_error = SENT, utcnow(), None
    db.session.commit()
    return where


def _message(email: CityEmail | NetworkEmail):  # noqa: ANN202
    sender = current_app.config["MAIL_FROM"]
    return build_message(
        sender,
        email.to_address,
        email.subject,
        email.body_text,
        email.body_html,
        email.id.hex,
    )
