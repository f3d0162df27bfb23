"""Queueing e-mail: render in the recipient's language, store, deliver after commit."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import render_template
from flask_babel import force_locale

from mentoring.core.models import utcnow
from mentoring.core.scoping import cross_tenant
from mentoring.extensions import db
from mentoring.jobs import MAIL, enqueue, enqueue_after_commit
from mentoring.mail.models import QUEUED, CityEmail, NetworkEmail

RETRY_AFTER = timedelta(minutes=2)


def queue_email(
    account: Any, template: str, subject: str, tenant: Any = None, **context: Any
) -> CityEmail | NetworkEmail:
    """Queue ``mail/<template>.txt|.html`` to ``account`` in its own language.

    ``subject`` is a message id, translated in the recipient's language.
    """
    from mentoring.core.i18n import _

    locale = account.locale or (tenant.default_language if tenant is not None else "da")
    with force_locale(locale):
        context.update(account=account, tenant=tenant, locale=locale)
        values = {
            "to_address": account.email,
            "subject": _(subject),
            "body_text": render_template(f"mail/{template}.txt", **context),
            "body_html": render_template(f"mail/{template}.html", **context),
            "locale": locale,
        }
    email = CityEmail(**values) if tenant is not None else NetworkEmail(**values)
    db.session.add(email)
    db.session.flush()
    from mentoring.mail.jobs import deliver_email

    enqueue_after_commit(deliver_email, _tenant_arg(tenant), str(email.id), queue=MAIL)
    return email


def _tenant_arg(tenant: Any) -> str | None:
    return str(tenant.id) if tenant is not None else None


def enqueue_undelivered() -> int:
    """Re-enqueue e-mails still queued after a while (a lost queue, a failed try)."""
    from mentoring.mail.jobs import deliver_email

    cutoff = utcnow() - RETRY_AFTER
    with cross_tenant(db.session, "job tick: ids of undelivered e-mails"):
        city = db.session.execute(
            db.select(CityEmail.tenant_id, CityEmail.id).where(
                CityEmail.status == QUEUED, CityEmail.updated_at < cutoff
            )
        ).all()
        network = db.session.scalars(
            db.select(NetworkEmail.id).where(
                NetworkEmail.status == QUEUED, NetworkEmail.updated_at < cutoff
            )
        ).all()
    for tenant_id, email_id in city:
        enqueue(deliver_email, str(tenant_id), str(email_id), queue=MAIL)
    for email_id in network:
        enqueue(deliver_email, None, str(email_id), queue=MAIL)
    return len(city) + len(network)
