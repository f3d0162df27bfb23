"""A real ``rq worker`` SIGKILLed mid-job: every e-mail arrives exactly once.

Twenty e-mails go to a local SMTP server through a real worker process. When
the eighth is in the SMTP conversation (claimed "sending", not yet accepted:
the server holds its DATA), the worker and its work horse are SIGKILLed. Then
the tick (on the test's clock, moved past the lease) and a new worker finish
the work: the server has every Message-ID once, every row is "sent", every key
"done". (A kill *after* the server accepted cannot be exactly-once without the
server's help: see ``mail/jobs.py``.)
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import uuid
from datetime import timedelta
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from redis import Redis

from mentoring.app import create_app
from mentoring.core.scoping import set_tenant
from mentoring.extensions import db
from mentoring.jobs.models import DONE, RUNNING, JobRun
from mentoring.jobs.tick import enqueue_due_work
from mentoring.mail.models import SENDING, SENT, CityEmail
from mentoring.mail.services import queue_email
from mentoring.tenancy.models import Tenant
from tests.conftest import CITY_A, REDIS_URL, TEST_DATABASE_URL, _postgres_url, require
from tests.factories import UserFactory
from tests.jobs.test_rq_worker import BIN, ROOT, run, worker_env
from tests.mail.conftest import _free_port

COUNT, HOLD_AT = 20, 8


class HoldingServer:
    """Accepts mail, but holds the ``HOLD_AT``-th DATA until released."""

    def __init__(self) -> None:
        self.message_ids: list[str] = []
        self.seen = 0
        self.holding, self.release = threading.Event(), threading.Event()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.seen += 1
        if self.seen == HOLD_AT:
            self.holding.set()
            self.release.wait(60)  # the worker is killed meanwhile
            return "451 4.3.0 gone"  # nobody is listening any more
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.message_ids.append(message["Message-ID"])
        return "250 OK"


def the_app(env: dict[str, str]):
    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": env["DATABASE_URL"],
            "INSTANCE_DIR": env["INSTANCE_PATH"],
            "REDIS_URL": env["REDIS_URL"],
            "RQ_QUEUE_PREFIX": env["RQ_QUEUE_PREFIX"],
            "MAIL_SERVER": env["MAIL_SERVER"],
            "MAIL_PORT": int(env["MAIL_PORT"]),
        }
    )


def queue_emails(app) -> list[uuid.UUID]:
    with app.app_context():
        city = db.session.scalar(db.select(Tenant).where(Tenant.slug == CITY_A))
        set_tenant(db.session, city.id)
        ids = []
        for n in range(COUNT):
            user = UserFactory(email=f"killed{n}@example.org")
            email = queue_email(
                user,
                "password_reset",
                "Reset your password",
                tenant=city,
                link="x",
                hours=1,
            )
            ids.append(email.id)
        db.session.commit()
        db.engine.dispose()
    return ids


def rows(app) -> tuple[dict[uuid.UUID, str], list[JobRun]]:
    with app.app_context():
        city = db.session.scalar(db.select(Tenant).where(Tenant.slug == CITY_A))
        set_tenant(db.session, city.id)
        found = db.session.execute(db.select(CityEmail.id, CityEmail.status))
        emails = dict(found.all())
        mail = JobRun.key.startswith("deliver_email-")  # not the tick's other work
        runs = list(db.session.scalars(db.select(JobRun).where(mail)))
        db.session.expunge_all()
        db.session.rollback()
        db.engine.dispose()
    return emails, runs


def kill_worker(worker: subprocess.Popen) -> None:
    """SIGKILL the work horse (RQ forks one per job) and the worker."""
    children = Path(f"/proc/{worker.pid}/task/{worker.pid}/children").read_text()
    for pid in [int(p) for p in children.split()]:
        os.kill(pid, signal.SIGKILL)
    worker.kill()
    worker.wait(10)


def database(tmp_path: Path):
    if TEST_DATABASE_URL:
        return _postgres_url(TEST_DATABASE_URL)
    return iter([f"sqlite:///{tmp_path / 'worker.sqlite3'}"])


def test_a_killed_worker_sends_every_email_exactly_once(tmp_path, clock):
    require(bool(REDIS_URL), "needs Redis (REDIS_URL)")
    server = HoldingServer()
    controller = Controller(server, hostname="127.0.0.1", port=_free_port())
    controller.start()
    prefix = f"test-killed-{uuid.uuid4().hex[:8]}"
    urls = database(tmp_path)
    env = worker_env(tmp_path, prefix)
    env.update(
        DATABASE_URL=next(urls),
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=str(controller.port),
        MAIL_USE_TLS="false",
    )
    flask = [str(BIN / "flask"), "--app", "wsgi"]
    worker = [str(BIN / "rq"), "worker", "-w", "mentoring.worker.Worker"]
    worker += ["--url", REDIS_URL, f"{prefix}-mail"]
    try:
        run([*flask, "db", "upgrade"], env)
        run([*flask, "tenants", "sync"], env)
        app = the_app(env)
        email_ids = queue_emails(app)

        first = subprocess.Popen(  # noqa: S603 - our own command
            worker,
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        assert server.holding.wait(90), "the worker never reached the eighth e-mail"
        kill_worker(first)
        server.release.set()

        emails, runs = rows(app)
        assert sorted(emails.values()).count(SENDING) == 1
        assert len(server.message_ids) == HOLD_AT - 1
        [killed] = [r for r in runs if r.status == RUNNING]

        # The tick, on a clock past the lease and the e-mail's stale time (the
        # worker wrote its times on the system clock).
        clock.move_to(killed.started_at + timedelta(minutes=16), tick=False)
        with app.app_context():
            counts = enqueue_due_work()
            db.engine.dispose()
        assert counts["lost_jobs"] == 1
        run([*worker, "--burst"], env)

        expected = sorted(f"<{i.hex}@localhost>" for i in email_ids)
        assert sorted(server.message_ids) == expected  # none twice, none lost
        emails, runs = rows(app)
        assert set(emails.values()) == {SENT}
        assert {r.status for r in runs} == {DONE}, [
            (r.key, r.status, r.last_error) for r in runs if r.status != DONE
        ]
        assert len(runs) == COUNT
    finally:
        controller.stop()
        redis = Redis.from_url(REDIS_URL)
        keys = list(redis.scan_iter(f"*{prefix}*"))
        if keys:
            redis.delete(*keys)
        for key in [f"rq:job:{r.key}" for r in locals().get("runs", [])]:
            redis.delete(key)
        urls.close() if hasattr(urls, "close") else None
