"""Queueing e-mail: render in the recipient's language, store, deliver after commit."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import render_template
from flask_babel import LazyString, force_locale

from mentoring.core.i18n import LANGUAGES, _, babel_locale
from mentoring.core.models import utcnow
from mentoring.core.scoping import cross_tenant
from mentoring.extensions import db
from mentoring.jobs import MAIL, enqueue_after_commit
from mentoring.mail.jobs import claimable, deliver_email, release_stale
from mentoring.mail.models import CityEmail, NetworkEmail

RETRY_AFTER = timedelta(minutes=2)
NETWORK_LANGUAGE = "da"


def queue_email(
    account: Any,
    template: str,
    subject: str | LazyString,
    tenant: Any = None,
    calendar_ics: str | None = None,
    **context: Any,
) -> CityEmail | NetworkEmail:
    """Queue ``mail/<template>.txt|.html`` to ``account`` in its own language.

    ``subject`` is a message id (or an ``_l()`` string), translated in the
    recipient's language; ``calendar_ics`` is attached as ``text/calendar``.
    The e-mail is delivered by a job after the commit.
    """
    values = compose_email(account, template, subject, tenant, **context)
    return store_email(values, tenant, calendar_ics)


def compose_email(
    account: Any,
    template: str,
    subject: str | LazyString,
    tenant: Any = None,
    **context: Any,
) -> dict[str, Any]:
    """The e-mail's fields, rendered in the recipient's language; nothing stored."""
    locale = recipient_locale(account, tenant)
    with force_locale(babel_locale(locale)):
        title = str(subject) if isinstance(subject, LazyString) else _(subject)
        context.update(account=account, tenant=tenant, locale=locale, subject=title)
        return {
            "to_address": account.email,
            "subject": title,
            "body_text": render_template(f"mail/{template}.txt", **context),
            "body_html": render_template(f"mail/{template}.html", **context),
            "locale": locale,
        }


def store_email(
    values: dict[str, Any], tenant: Any = None, calendar_ics: str | None = None
) -> CityEmail | NetworkEmail:
    """Keep a composed e-mail and deliver it by a job after the commit."""
    values = {**values, "calendar_ics": calendar_ics}
    email = CityEmail(**values) if tenant is not None else NetworkEmail(**values)
    db.session.add(email)
    db.session.flush()
    enqueue_after_commit(deliver_email, _tenant_arg(tenant), str(email.id), queue=MAIL)
    return email


def recipient_locale(account: Any, tenant: Any = None) -> str:
    """The recipient's saved language, else the city's (the network's) default."""
    if account.locale in LANGUAGES:
        return account.locale
    return tenant.default_language if tenant is not None else NETWORK_LANGUAGE


def _tenant_arg(tenant: Any) -> str | None:
    return str(tenant.id) if tenant is not None else None


def enqueue_undelivered() -> int:
    """Re-enqueue e-mails still due after a while (a lost queue, a failed try).

    Enqueued after the caller commits; a second tick before the job runs only
    adds a job that finds the e-mail claimed and does nothing. An e-mail
    "sending" past the lease first goes back to "queued" (``release_stale``).
    """
    cutoff = utcnow() - RETRY_AFTER
    with cross_tenant(db.session, "job tick: ids of undelivered e-mails"):
        release_stale(CityEmail)
        release_stale(NetworkEmail)
        city = db.session.execute(
            db.select(CityEmail.tenant_id, CityEmail.id).where(
                claimable(CityEmail), CityEmail.updated_at < cutoff
            )
        ).all()
        network = db.session.scalars(
            db.select(NetworkEmail.id).where(
                claimable(NetworkEmail), NetworkEmail.updated_at < cutoff
            )
        ).all()
    for tenant_id, email_id in city:
        enqueue_after_commit(deliver_email, str(tenant_id), str(email_id), queue=MAIL)
    for email_id in network:
        enqueue_after_commit(deliver_email, None, str(email_id), queue=MAIL)
    return len(city) + len(network)
