"""Helpers shared by the mail and jobs tests: queue e-mails, read their rows."""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask
from rq.job import Job

from mentoring.accounts.models import User
from mentoring.core.models import utcnow
from mentoring.core.scoping import set_tenant
from mentoring.extensions import db
from mentoring.jobs import MAIL, get_queue
from mentoring.mail.models import CityEmail
from mentoring.mail.services import queue_email
from mentoring.tenancy.models import Tenant


def queue_reset(tenant: Any, address: str) -> CityEmail:
    """Queue a reset e-mail to ``address`` in the current app context (no commit)."""
    set_tenant(db.session, tenant.id)
    city = db.session.get(Tenant, tenant.id)
    user = db.session.scalar(db.select(User).where(User.email == address))
    return queue_email(
        user,
        "password_reset",
        "Reset your password",
        tenant=city,
        link="https://example.org/reset/x",
        hours=1,
    )


def queue_and_commit(app: Flask, tenant: Any, address: str) -> uuid.UUID:
    """Queue a reset e-mail and commit: the job is enqueued (in-process: runs)."""
    with app.app_context():
        email_id = queue_reset(tenant, address).id
        db.session.commit()
    return email_id


def email_row(app: Flask, tenant: Any, email_id: uuid.UUID) -> CityEmail | None:
    """The stored e-mail as it is in the database now (detached)."""
    with app.app_context():
        set_tenant(db.session, tenant.id)
        row = db.session.scalar(db.select(CityEmail).where(CityEmail.id == email_id))
        if row is not None:
            db.session.expunge(row)
        return row


def make_old(app: Flask, tenant: Any, email_id: uuid.UUID, minutes: int = 10) -> None:
    """Pretend the e-mail was last touched ``minutes`` ago (so the tick is due)."""
    with app.app_context():
        set_tenant(db.session, tenant.id)
        db.session.execute(
            db.update(CityEmail)
            .where(CityEmail.id == email_id)
            .values(updated_at=utcnow() - timedelta(minutes=minutes))
        )
        db.session.commit()


def eml_files(app: Flask) -> list[Path]:
    """What is in the local outbox, without running any job."""
    return sorted(Path(app.config["MAIL_OUTBOX_DIR"]).glob("*.eml"))


def mail_jobs(app: Flask, registry: str) -> list[Job]:
    """Jobs of the mail queue in one registry ("failed", "finished")."""
    with app.app_context():
        queue = get_queue(MAIL)
        found = getattr(queue, f"{registry}_job_registry")
        ids = found.get_job_ids()
        return [j for j in Job.fetch_many(ids, connection=queue.connection) if j]


def queued_count(app: Flask) -> int:
    """Jobs waiting on the mail queue (always 0 in-process: they ran)."""
    with app.app_context():
        return get_queue(MAIL).count


def clear_mail_queue(app: Flask) -> None:
    """Empty the mail queue and its registries (they outlive a test on Redis)."""
    with app.app_context():
        queue = get_queue(MAIL)
        queue.empty()
        keys = [queue.failed_job_registry.key, queue.finished_job_registry.key]
        queue.connection.delete(*keys)


def orphan_email(
    app: Flask, tenant: Any, status: str = "queued", minutes: int = 10, **values: Any
) -> uuid.UUID:
    """A stored e-mail whose job is gone (a lost queue, a dead worker)."""
    with app.app_context():
        set_tenant(db.session, tenant.id)
        email = CityEmail(
            to_address="orphan@example.org",
            subject="Orphan",
            body_text="text",
            body_html="<p>html</p>",
            locale="da",
            status=status,
            **values,
        )
        db.session.add(email)
        db.session.commit()
        email_id = email.id
    make_old(app, tenant, email_id, minutes)
    return email_id


def tick(app: Flask) -> str:
    """``flask jobs tick`` as cron runs it; returns what it printed."""
    result = app.test_cli_runner().invoke(args=["jobs", "tick"])
    assert result.exit_code == 0, result.output
    return result.output
