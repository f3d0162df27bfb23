"""The README's production worker, `rq worker -w mentoring.worker.Worker`, runs
our mail job as a process.

The worker class builds the app from the environment (``mentoring.worker``):
this runs the real commands in subprocesses against a throwaway SQLite file and
Redis.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

from redis import Redis

from mentoring.app import create_app
from mentoring.core.scoping import set_tenant
from mentoring.extensions import db
from mentoring.jobs import MAIL, get_queue
from mentoring.mail.models import SENT, CityEmail
from mentoring.mail.services import queue_email
from mentoring.tenancy.models import Tenant
from tests.conftest import CITY_A, REDIS_URL, require
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    result = subprocess.run(  # noqa: S603 - our own commands
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def worker_env(tmp_path: Path, prefix: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAIL_")}
    env.pop("MENTORING_ENV", None)
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'worker.sqlite3'}",
        INSTANCE_PATH=str(tmp_path / "instance"),
        MAIL_OUTBOX_DIR=str(tmp_path / "outbox"),
        REDIS_URL=REDIS_URL,
        RQ_QUEUE_PREFIX=prefix,
        SECRET_KEY="worker-test-secret",
    )
    return env


def queue_one_email(env: dict[str, str]) -> uuid.UUID:
    """Queue a reset e-mail as the web app would, with the worker's settings."""
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": env["DATABASE_URL"],
            "INSTANCE_DIR": env["INSTANCE_PATH"],
            "MAIL_OUTBOX_DIR": env["MAIL_OUTBOX_DIR"],
            "REDIS_URL": env["REDIS_URL"],
            "RQ_QUEUE_PREFIX": env["RQ_QUEUE_PREFIX"],
        }
    )
    with app.app_context():
        city = db.session.scalar(db.select(Tenant).where(Tenant.slug == CITY_A))
        set_tenant(db.session, city.id)
        user = UserFactory(email="worker@example.org")
        email_id = queue_email(
            user,
            "password_reset",
            "Reset your password",
            tenant=city,
            link="x",
            hours=1,
        ).id
        db.session.commit()
        assert get_queue(MAIL).count == 1
        db.engine.dispose()
    return email_id


def email_status(env: dict[str, str], email_id: uuid.UUID) -> str:
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": env["DATABASE_URL"],
            "INSTANCE_DIR": env["INSTANCE_PATH"],
        }
    )
    with app.app_context():
        city = db.session.scalar(db.select(Tenant).where(Tenant.slug == CITY_A))
        set_tenant(db.session, city.id)
        status = db.session.scalar(
            db.select(CityEmail.status).where(CityEmail.id == email_id)
        )
        db.engine.dispose()
    return status


def test_rq_worker_delivers_a_queued_email(tmp_path):
    require(bool(REDIS_URL), "needs Redis (REDIS_URL)")
    prefix = f"test-worker-{uuid.uuid4().hex[:8]}"
    env = worker_env(tmp_path, prefix)
    flask = [str(BIN / "flask"), "--app", "wsgi"]
    run([*flask, "db", "upgrade"], env)
    run([*flask, "tenants", "sync"], env)
    email_id = queue_one_email(env)
    outbox = Path(env["MAIL_OUTBOX_DIR"])
    assert not outbox.exists()
    try:
        worker = [str(BIN / "rq"), "worker", "-w", "mentoring.worker.Worker"]
        worker += ["--burst", "--url", REDIS_URL]
        run([*worker, f"{prefix}-mail"], env)
    finally:
        redis = Redis.from_url(REDIS_URL)
        keys = list(redis.scan_iter(f"*{prefix}*"))
        if keys:
            redis.delete(*keys)
    assert [p.name for p in outbox.glob("*.eml")] == [f"{email_id.hex}.eml"]
    assert email_status(env, email_id) == SENT
