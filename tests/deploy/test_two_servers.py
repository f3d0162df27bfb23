"""docs/DEPLOYMENT.md, as far as one machine allows: two app servers and two
workers on one PostgreSQL and one Redis.

Two ``gunicorn -w 1`` processes serve the same code from the same environment
(SECRET_KEY, DATABASE_URL, REDIS_URL, UPLOADS_DIR, the outbox); a person signed
in on server A is signed in on server B with the same cookie, a session begun
on B is listed on A, signing out on B ends the session on A, and an e-mail a
request on A queues is delivered once by one of two ``rq worker --burst``
processes.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
from redis import Redis
from requests import Response
from sqlalchemy import create_engine, make_url, text

from mentoring.app import create_app
from mentoring.core.scoping import set_tenant
from mentoring.extensions import db
from mentoring.jobs.models import JobRun
from mentoring.mail.models import SENT, CityEmail
from mentoring.tenancy.models import Tenant
from tests.conftest import (
    APP_ROLE,
    CITY_A,
    CSRF_RE,
    PASSWORD,
    REDIS_URL,
    TEST_DATABASE_URL,
    require,
)
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
HOST = f"{CITY_A}.localhost"
EMAIL = "two-servers@example.org"


@pytest.fixture
def database() -> Iterator[str]:
    """A fresh PostgreSQL database, owned by the suite's non-superuser role."""
    require(bool(TEST_DATABASE_URL), "needs PostgreSQL (TEST_DATABASE_URL)")
    require(bool(REDIS_URL), "needs Redis (REDIS_URL)")
    url = make_url(TEST_DATABASE_URL).set(drivername="postgresql+psycopg")
    name = f"mentoring_deploy_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if not conn.scalar(
            text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": APP_ROLE}
        ):
            conn.execute(text(f"CREATE ROLE {APP_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS"))
        conn.execute(text(f"CREATE DATABASE {name} OWNER {APP_ROLE}"))
    try:
        yield url.set(username=APP_ROLE, password=None, database=name).render_as_string(
            hide_password=False
        )
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


@pytest.fixture
def env(database: str, tmp_path: Path) -> Iterator[dict[str, str]]:
    """One environment for every process, as docs/DEPLOYMENT.md asks."""
    prefix = f"test-deploy-{uuid.uuid4().hex[:8]}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAIL_")}
    env.pop("MENTORING_ENV", None)
    env.update(
        DATABASE_URL=database,
        REDIS_URL=REDIS_URL,
        RQ_QUEUE_PREFIX=prefix,
        SECRET_KEY="two-servers-one-secret",
        INSTANCE_PATH=str(tmp_path / "instance"),
        UPLOADS_DIR=str(tmp_path / "shared-uploads"),
        MAIL_OUTBOX_DIR=str(tmp_path / "shared-outbox"),
    )
    yield env
    redis = Redis.from_url(REDIS_URL)
    keys = list(redis.scan_iter(f"*{prefix}*"))
    if keys:
        redis.delete(*keys)


def run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    result = subprocess.run(  # noqa: S603 - our own commands
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_healthy(
    base: str, server: subprocess.Popen, log: Path, seconds: float = 60
) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, log.read_text()
        try:
            # the master listens before its worker has loaded the app
            if requests.get(f"{base}/healthz", timeout=10).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{base} did not answer /healthz in {seconds} s")


@contextmanager
def servers(env: dict[str, str], count: int) -> Iterator[list[str]]:
    """``count`` gunicorn processes on the same environment; their base URLs."""
    started: list[tuple[subprocess.Popen, str, Path]] = []
    try:
        for number in range(count):
            port = free_port()
            command = [str(BIN / "gunicorn"), "--no-control-socket", "-w", "1"]
            command += ["-b", f"127.0.0.1:{port}", "wsgi:app"]
            log = Path(env["INSTANCE_PATH"]).parent / f"gunicorn-{number}.log"
            with log.open("w") as stderr:
                process = subprocess.Popen(  # noqa: S603 - our own command
                    command,
                    cwd=ROOT,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=stderr,
                )
            started.append((process, f"http://127.0.0.1:{port}", log))
        for process, base, log in started:
            wait_until_healthy(base, process, log)
        yield [base for _process, base, _log in started]
    finally:
        for process, _base, _log in started:
            process.terminate()
        for process, _base, _log in started:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def seed_one_person(env: dict[str, str]) -> None:
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": env["DATABASE_URL"],
            "INSTANCE_DIR": env["INSTANCE_PATH"],
        }
    )
    with app.app_context():
        city = db.session.scalar(db.select(Tenant).where(Tenant.slug == CITY_A))
        set_tenant(db.session, city.id)
        UserFactory(email=EMAIL)
        db.session.commit()
        db.engine.dispose()


def mail_state(env: dict[str, str]) -> tuple[list[str], list[tuple[str, str]]]:
    """The e-mails' statuses and the jobs' ledger, read from the shared database."""
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": env["DATABASE_URL"],
            "INSTANCE_DIR": env["INSTANCE_PATH"],
        }
    )
    with app.app_context():
        city = db.session.scalar(db.select(Tenant).where(Tenant.slug == CITY_A))
        set_tenant(db.session, city.id)
        statuses = list(db.session.scalars(db.select(CityEmail.status)))
        query = db.select(JobRun.key, JobRun.status)
        runs = [tuple(row) for row in db.session.execute(query)]
        db.session.commit()
        db.engine.dispose()
    return statuses, runs


def token(browser: requests.Session, base: str, path: str) -> str:
    html = browser.get(f"{base}{path}", timeout=10).text
    match = CSRF_RE.search(html)
    assert match, f"no CSRF token on {path}"
    return match.group(1) or match.group(2)


def post(browser: requests.Session, base: str, path: str, data: dict) -> Response:
    form_page = "/me/" if path == "/logout" else path
    data = {**data, "csrf_token": token(browser, base, form_page)}
    return browser.post(f"{base}{path}", data=data, allow_redirects=False, timeout=10)


def signed_in(browser: requests.Session, base: str) -> bool:
    response = browser.get(f"{base}/me/", allow_redirects=False, timeout=10)
    assert response.status_code in (200, 302), response.status_code
    return response.status_code == 200


def test_two_servers_share_sessions_and_two_workers_share_the_jobs(env):
    flask = [str(BIN / "flask"), "--app", "wsgi"]
    run([*flask, "db", "upgrade"], env)  # once per deploy, not per server
    run([*flask, "tenants", "sync"], env)
    seed_one_person(env)
    with servers(env, 2) as (a, b):
        browser = requests.Session()
        browser.headers["Host"] = HOST  # both servers stand behind one address
        response = post(browser, a, "/login", {"email": EMAIL, "password": PASSWORD})
        assert response.status_code == 302, response.text
        assert signed_in(browser, a) and signed_in(browser, b)
        # A write on B (a second sign-in, a new session row) is visible on A.
        phone = requests.Session()
        phone.headers["Host"] = HOST
        response = post(phone, b, "/login", {"email": EMAIL, "password": PASSWORD})
        assert response.status_code == 302
        sessions = browser.get(f"{a}/account/sessions", timeout=10)
        assert sessions.status_code == 200
        assert sessions.text.count("<tr") == 1 + 2  # the header, both sessions

        # A request on A queues an e-mail; one of two workers delivers it, once.
        other = requests.Session()
        other.headers["Host"] = HOST
        response = post(other, a, "/password/forgot", {"email": EMAIL})
        assert response.status_code == 302
        queues = [f"{env['RQ_QUEUE_PREFIX']}-mail", f"{env['RQ_QUEUE_PREFIX']}-default"]
        worker = [str(BIN / "rq"), "worker", "-w", "mentoring.worker.Worker"]
        worker += ["--burst", "--url", REDIS_URL, *queues]
        workers = [
            subprocess.Popen(  # noqa: S603 - our own command
                worker,
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            for _ in range(2)
        ]
        outputs = [w.communicate(timeout=120)[0] for w in workers]
        assert [w.returncode for w in workers] == [0, 0], outputs
        assert sum("Successfully completed" in out for out in outputs) == 1, outputs
        assert len(list(Path(env["MAIL_OUTBOX_DIR"]).glob("*.eml"))) == 1
        statuses, runs = mail_state(env)
        assert statuses == [SENT]
        assert [status for _key, status in runs] == ["done"]

        # Signing out on B ends the session everywhere: A refuses the cookie now.
        assert post(browser, b, "/logout", {}).status_code == 302
        assert not signed_in(browser, a)
