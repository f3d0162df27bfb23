"""Delivering one stored e-mail. Safe to run twice: only one run claims it.

The claim (queued -> sending, one conditional UPDATE) is committed before the
SMTP conversation and "sent" right after it. A worker killed in between leaves
"sending": after ``STALE_SENDING`` the tick puts it back to "queued" and it is
sent again, with the same Message-ID (the e-mail's id), so a receiver that
keeps Message-IDs can drop a copy. That is at-least-once, deliberately: a kill
after the SMTP server accepted the DATA and before our commit cannot be told
from a kill before it without the server's help, and losing an invitation or a
password reset is worse than a rare second copy. Every other kill point (before
the claim, after the claim but before SMTP accepts) delivers exactly once.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from email.message import EmailMessage

from flask import current_app
from sqlalchemy import ColumnElement, and_, or_

from mentoring.core.context import in_network
from mentoring.core.models import utcnow
from mentoring.extensions import db
from mentoring.jobs import app_job, city_job
from mentoring.mail.models import (
    FAILED,
    QUEUED,
    SENDING,
    SENT,
    CityEmail,
    NetworkEmail,
)
from mentoring.mail.transport import Envelope, build_message, deliver, sender_named
from mentoring.tenancy.models import Tenant

Email = CityEmail | NetworkEmail
MAX_ATTEMPTS = 20
# Longer than a job may run (300 s): a "sending" row this old lost its worker.
STALE_SENDING = timedelta(minutes=15)


@app_job
def deliver_email(tenant_id: str | None, email_id: str) -> str:
    """Claim the e-mail (queued -> sending), send it, mark it sent."""
    if tenant_id is not None:
        return _deliver_city_email(tenant_id, email_id)
    with in_network():
        return _deliver(NetworkEmail, uuid.UUID(email_id), None)


@city_job
def _deliver_city_email(tenant: Tenant, email_id: str) -> str:
    return _deliver(CityEmail, uuid.UUID(email_id), tenant)


def claimable(model: type[Email]) -> ColumnElement[bool]:
    """Rows a delivery may take: queued, or stuck "sending" by a lost worker."""
    stale = and_(model.status == SENDING, model.updated_at < utcnow() - STALE_SENDING)
    return or_(model.status == QUEUED, stale)


def release_stale(model: type[Email]) -> int:
    """The tick's half of the lease: "sending" this old lost its worker."""
    stale = and_(model.status == SENDING, model.updated_at < utcnow() - STALE_SENDING)
    released = db.session.execute(
        db.update(model)
        .where(stale)
        .values(
            status=QUEUED,
            last_error="worker lost while sending: sent again",
            updated_at=model.updated_at,  # due at once: the tick enqueues it now
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    if released:
        current_app.logger.warning("%d e-mails lost their worker: sent again", released)
    return released


def _deliver(model: type[Email], email_id: uuid.UUID, tenant: Tenant | None) -> str:
    if not _claim(model, email_id):
        return "skipped"  # already sent, being sent, or not ours
    email = db.session.scalar(db.select(model).where(model.id == email_id))
    try:
        where = deliver(_message(email, tenant), current_app.config, email.id.hex)
    except Exception as exc:
        _failed(email, exc)
        raise
    email.status, email.sent_at, email.last_error = SENT, utcnow(), None
    db.session.commit()
    return where


def _claim(model: type[Email], email_id: uuid.UUID) -> bool:
    """One atomic UPDATE: of two concurrent runs, exactly one wins."""
    claimed = db.session.execute(
        db.update(model)
        .where(model.id == email_id, claimable(model))
        .values(status=SENDING, attempts=model.attempts + 1, updated_at=utcnow())
    ).rowcount
    db.session.commit()
    return bool(claimed)


def _failed(email: Email, exc: Exception) -> None:
    """Back to the queue for the tick to retry, until it has failed too often."""
    email.status = FAILED if email.attempts >= MAX_ATTEMPTS else QUEUED
    email.last_error = f"{type(exc).__name__}: {exc}"[:500]
    db.session.commit()
    if email.status == FAILED:  # no more tries: say so loudly (the job id is logged)
        current_app.logger.error(
            "e-mail %s failed for good after %d attempts: %s",
            email.id,
            email.attempts,
            email.last_error,
        )
    else:
        current_app.logger.warning("e-mail %s not delivered: %s", email.id, exc)


def _message(email: Email, tenant: Tenant | None) -> EmailMessage:
    sender, reply_to = current_app.config["MAIL_FROM"], ""
    if tenant is not None:
        sender = sender_named(sender, tenant.name(email.locale))
        reply_to = _reply_to(tenant, email.locale)
    return build_message(
        Envelope(
            ident=email.id.hex,
            sender=sender,
            to=email.to_address,
            subject=email.subject,
            text=email.body_text,
            html=email.body_html,
            locale=email.locale,
            created_at=email.created_at,
            calendar=email.calendar_ics,
            reply_to=reply_to,
        )
    )


def _reply_to(tenant: Tenant, locale: str) -> str:
    """The city's contact address (read at delivery, so a changed address
    applies to mail still waiting); none when the city has not set one."""
    address = (tenant.contact or {}).get("email", "")
    return sender_named(address, tenant.name(locale)) if address else ""
