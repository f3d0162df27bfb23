"""Test fixtures: one app and schema per session; each test rolled back.

The suite runs on SQLite by default. With ``TEST_DATABASE_URL`` (an admin URL of a
PostgreSQL server) it runs on a fresh PostgreSQL database as a non-superuser
role, so row-level security applies; with ``REDIS_URL`` jobs go through Redis
and a real RQ worker. In CI (``CI=true``) with those set, a skipped test fails
the run.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest
import time_machine
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url

from mentoring.app import create_app
from mentoring.core.scoping import set_tenant
from mentoring.extensions import db

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
REDIS_URL = os.environ.get("REDIS_URL", "")
CI = os.environ.get("CI", "").lower() == "true"
# CI's second run sets the services: then nothing may be skipped.
STRICT = CI and bool(TEST_DATABASE_URL or REDIS_URL)
# Tools .ci/run installs: a test needing one fails in every CI run if it is missing.
CI_INSTALLS = ("Chromium", "poppler-utils")
APP_ROLE = "mentoring_test_app"
# Code that builds its own app from the environment (an RQ job run outside the
# test app's context) must never reach a developer's instance/ database.
os.environ["INSTANCE_PATH"] = tempfile.mkdtemp(prefix="mentoring-test-instance-")
# This run's abuse-limit counters only, in every app a test builds: Redis is
# shared between runs, and resetting the limiter deletes the prefix's keys.
os.environ["RATELIMIT_KEY_PREFIX"] = f"test-limits-{uuid.uuid4().hex[:8]}"
CITY_A, CITY_B = "lyngby-taarbaek", "aarhus"  # two cities in every fixture set
PASSWORD = "correct horse battery"


def require(available: bool, reason: str) -> None:
    """Skip with a reason, or fail where CI promised the service."""
    if available:
        return
    if STRICT or (CI and any(tool in reason for tool in CI_INSTALLS)):
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


def pytest_unconfigure(config: pytest.Config) -> None:
    """Stop the rate limiter's expiry timers (``limits``' in-memory storage):
    they are not daemons, and under ``faketime`` a timed wait's deadline can lie
    a year away, so the interpreter would wait for them at exit."""
    import threading

    for _ in range(20):  # a timer that fired may have scheduled the next one
        timers = [t for t in threading.enumerate() if isinstance(t, threading.Timer)]
        if not timers:
            break
        for timer in timers:
            timer.cancel()
        for timer in timers:
            timer.join()  # no timeout: cancel() wakes it at once


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if STRICT and skipped and exitstatus == 0:
        session.exitstatus = 1
        if reporter:
            reporter.write_line(
                f"CI: {skipped} test(s) skipped with the services set", red=True
            )


# -- the clock ------------------------------------------------------------------

# A Wednesday in spring at noon in Copenhagen: no daylight-saving change within
# weeks, no month, quarter or year end near, no leap day, and local time far
# from midnight, so "in five days at this hour" stays an ordinary day.
REFERENCE_NOW = datetime(2026, 4, 15, 10, 0, tzinfo=UTC)


def reference_now() -> datetime:
    """The instant every test starts at: ``MENTORING_TEST_NOW`` or the default.

    ``MENTORING_TEST_NOW=2028-11-29T08:30`` runs the suite "as of" that moment
    (ISO 8601; without an offset it means UTC).
    """
    value = os.environ.get("MENTORING_TEST_NOW", "").strip()
    if not value:
        return REFERENCE_NOW
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class Clock:
    """The test's clock: read it to build data, move it to test a moment."""

    def __init__(self, traveller: time_machine.Traveller) -> None:
        self._traveller = traveller

    def now(self) -> datetime:
        """Now in UTC, as the app's ``utcnow()`` sees it."""
        return datetime.now(UTC)

    def today(self) -> date:
        """Today's date where the cities are (what a coordinator calls today)."""
        from tests.factories import today

        return today()

    def move_to(self, when: datetime | date, tick: bool | None = None) -> None:
        """Jump to ``when`` (an aware datetime, or a date: its noon in UTC)."""
        if not isinstance(when, datetime):
            when = datetime(when.year, when.month, when.day, 12, tzinfo=UTC)
        self._traveller.move_to(when, tick=tick)

    def shift(self, delta: timedelta) -> None:
        """Move the clock by ``delta`` (forwards or backwards)."""
        self._traveller.shift(delta)


@pytest.fixture(scope="session", autouse=True)
def _session_clock() -> Iterator[None]:
    """Session fixtures (the app, the browser tests' seeded live server) are
    built at the reference instant too, so their data agrees with the tests'."""
    with time_machine.travel(reference_now(), tick=True):
        yield


@pytest.fixture(autouse=True)
def clock(_session_clock: None) -> Iterator[Clock]:
    """Every test starts at the same instant, whatever the real date.

    Why ``time-machine``, ticking: it patches ``time.time``, ``datetime.now``
    and ``date.today`` in this process, in every thread — the app under the
    test client and the browser tests' live server (a thread) see the same
    clock as the test. Time keeps running from the reference instant (tick), so
    ordering by ``created_at``, token ages and timeouts behave as in real life;
    ``time.monotonic`` is not patched, which keeps Playwright's and RQ's waits
    real. Tests that need another moment say so: ``clock.move_to(...)``,
    ``clock.shift(timedelta(days=8))``, and build their data from
    ``clock.now()`` / ``clock.today()``, never from calendar constants.

    What it cannot reach sees the system clock: subprocesses (``rq worker``,
    ``flask`` commands in tests/jobs), Chromium, Redis's key expiry and the
    database server's own ``now()``. Tests across that boundary assert only
    what does not depend on the instant (a queued e-mail gets delivered), and
    the app never asks the database for the time. CI proves it by running the
    suite once more with the system clock a year ahead (``faketime``).
    """
    with time_machine.travel(reference_now(), tick=True) as traveller:
        yield Clock(traveller)


# -- database -----------------------------------------------------------------


def _postgres_url(admin_url: str) -> Iterator[str]:
    url = make_url(admin_url).set(drivername="postgresql+psycopg")
    name = f"mentoring_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.scalar(
            text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": APP_ROLE}
        )
        if not exists:
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


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if TEST_DATABASE_URL:
        yield from _postgres_url(TEST_DATABASE_URL)
    else:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


@pytest.fixture(scope="session")
def app(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    from flask_migrate import upgrade

    from mentoring.tenancy.services import sync_tenants

    instance = tmp_path_factory.mktemp("instance")
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "INSTANCE_DIR": str(instance),
            "MAIL_OUTBOX_DIR": str(instance / "outbox"),
            "MAIL_SERVER": "",
            "REDIS_URL": REDIS_URL,
            "RQ_QUEUE_PREFIX": f"test-{uuid.uuid4().hex[:8]}",
            "SERVER_NAME": None,
        }
    )
    if REDIS_URL:
        from mentoring.jobs import register_jobs

        register_jobs(app)
    with app.app_context():
        upgrade()
        sync_tenants(Path(app.config["TENANTS_DIR"]))
        db.session.commit()
        db.session.remove()
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _transaction(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every test runs inside an outer transaction that is rolled back.

    Flask-SQLAlchemy 3.1 ignores ``Session(bind=...)``: the engine entry itself
    is swapped for a connection; sessions then use savepoints
    (``join_transaction_mode="create_savepoint"``).
    """
    if "app" not in request.fixturenames:
        yield
        return
    app = request.getfixturevalue("app")
    engines = db._app_engines[app]  # noqa: SLF001 - the documented workaround
    engine = engines[None]
    connection = engine.connect()
    outer = connection.begin()
    engines[None] = connection
    try:
        yield
    finally:
        engines[None] = engine
        outer.rollback()
        connection.close()


@pytest.fixture(autouse=True)
def _fresh_limits(request: pytest.FixtureRequest) -> Iterator[None]:
    """The abuse limits stay on in tests; each test starts with none used up."""
    if "app" not in request.fixturenames:
        yield
        return
    from mentoring.core.limits import use_this_apps_storage
    from mentoring.extensions import limiter

    app = request.getfixturevalue("app")

    def reset() -> None:
        with app.app_context():
            use_this_apps_storage()  # another app built by a test may have taken it
            limiter.reset()

    reset()
    yield
    reset()


@pytest.fixture
def committed(app: Flask, _transaction: None) -> Iterator[Any]:
    """Real commits on the real pool, for tests of concurrent requests.

    The usual wrapper runs a test on ONE connection, where nothing can overlap.
    Here the engine goes back into place, so each request (each thread) has its
    own connection and transaction. PostgreSQL only (SQLite serialises writers).
    Every row added during the test is deleted afterwards: the primary keys of
    every table are noted first, and rows not among them go (children first).
    Yields ``parallel(*calls)``, which starts the calls together at a barrier.
    """
    require(
        app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"),
        "committed-state tests need PostgreSQL (TEST_DATABASE_URL)",
    )
    engines = db._app_engines[app]  # noqa: SLF001 - the documented workaround
    wrapped = engines[None]
    engines[None] = wrapped.engine
    tables = list(reversed(db.metadata.sorted_tables))
    before = _rows(wrapped.engine, tables)
    try:
        yield run_in_parallel
    finally:
        engines[None] = wrapped
        _delete_added(wrapped.engine, tables, before)
        _drop_queued_jobs(app)


def _drop_queued_jobs(app: Flask) -> None:
    """Jobs for the deleted rows must not run in a later test's worker."""
    if not app.extensions["rq"]["is_async"]:
        return
    from mentoring.jobs import QUEUES, queue_name

    for name in QUEUES:
        app.extensions["rq"]["connection"].delete(f"rq:queue:{queue_name(app, name)}")


def run_in_parallel(*calls: Any) -> list[Any]:
    """Run ``calls`` in threads that start together; their results, in order."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    barrier = threading.Barrier(len(calls))

    def start(call: Any) -> Any:
        barrier.wait(timeout=30)
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(start, calls))


@contextmanager
def pause_after(app: Flask, fragment: str, seconds: float = 0.3) -> Iterator[None]:
    """Widen a race: every statement containing ``fragment`` (e.g. the read that
    a check-then-insert relies on) is followed by a pause, so parallel requests
    surely overlap there instead of finishing one after the other by chance."""
    import time

    engine = db._app_engines[app][None]  # noqa: SLF001

    def pause(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if fragment in statement:
            time.sleep(seconds)

    event.listen(engine, "after_cursor_execute", pause)
    try:
        yield
    finally:
        event.remove(engine, "after_cursor_execute", pause)


def _as_city(conn: Any, tenant_id: str) -> None:
    conn.execute(text("SELECT set_config('app.tenant_id', :t, true)"), {"t": tenant_id})


def _rows(engine: Any, tables: list[Any]) -> set[tuple[str, str, tuple]]:
    """(city, table, primary key) of every row; row-level security shows one
    city at a time, so each city is read in turn."""
    rows: set[tuple[str, str, tuple]] = set()
    with engine.connect() as conn:
        with conn.begin():
            cities = [str(t) for t in conn.scalars(text("SELECT id FROM tenants"))]
        for city in cities:
            with conn.begin():
                _as_city(conn, city)
                for table in tables:
                    found = conn.execute(db.select(*table.primary_key.columns))
                    rows |= {(city, table.name, tuple(r)) for r in found}
    return rows


def _delete_added(
    engine: Any, tables: list[Any], before: set[tuple[str, str, tuple]]
) -> None:
    added = _rows(engine, tables) - before
    with engine.connect() as conn:
        for city in {city for city, _table, _key in added}:
            with conn.begin():
                _as_city(conn, city)
                for table in tables:  # children first
                    columns = list(table.primary_key.columns)
                    for _city, _name, key in (
                        r for r in added if r[0] == city and r[1] == table.name
                    ):
                        where = [c == v for c, v in zip(columns, key, strict=True)]
                        conn.execute(table.delete().where(*where))


@pytest.fixture
def connection(app: Flask) -> Any:
    """The test's connection (inside the outer transaction)."""
    return db._app_engines[app][None]  # noqa: SLF001


@pytest.fixture
def count_queries(connection: Any) -> Any:
    """``with count_queries() as counter: ...`` then ``counter.count``."""

    class Counter:
        count = 0
        statements: list[str] = []

    @contextmanager
    def counting() -> Iterator[Counter]:
        counter = Counter()
        counter.statements = []

        def before(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
            if (
                not statement.lstrip()
                .upper()
                .startswith(("SAVEPOINT", "RELEASE", "ROLLBACK"))
            ):
                counter.count += 1
                counter.statements.append(statement)

        event.listen(connection, "before_cursor_execute", before)
        try:
            yield counter
        finally:
            event.remove(connection, "before_cursor_execute", before)

    return counting


# -- cities and people ----------------------------------------------------------


def _tenant(app: Flask, slug: str) -> Any:
    from mentoring.core.scoping import cross_tenant  # noqa: F401
    from mentoring.tenancy.models import Tenant

    with app.app_context():
        tenant = db.session.scalar(db.select(Tenant).where(Tenant.slug == slug))
        db.session.expunge(tenant)
        return tenant


@pytest.fixture
def city_a(app: Flask) -> Any:
    return _tenant(app, CITY_A)


@pytest.fixture
def city_b(app: Flask) -> Any:
    return _tenant(app, CITY_B)


@pytest.fixture
def in_city(app: Flask) -> Any:
    """``with in_city(tenant): ...`` runs a block as that city and commits it.

    Objects made inside stay readable afterwards (flushed, then detached).
    """

    @contextmanager
    def scope(tenant: Any) -> Iterator[None]:
        with app.app_context():
            set_tenant(db.session, tenant.id)
            yield
            db.session.flush()
            db.session.expunge_all()
            db.session.commit()

    return scope


@pytest.fixture
def make_user(app: Flask, in_city: Any) -> Any:
    """Create a city user with a known password (``PASSWORD``)."""
    from tests.factories import UserFactory

    def make(tenant: Any, **kwargs: Any) -> Any:
        with in_city(tenant):
            return UserFactory(**kwargs)

    return make


# -- HTTP -------------------------------------------------------------------------


def host_of(tenant: Any | None) -> str:
    return f"{tenant.subdomain}.localhost" if tenant is not None else "localhost"


class HostClient(FlaskClient):
    """A test client whose requests go to one host (a city's or the network's)."""

    host = "localhost"

    def open(self, *args: Any, **kwargs: Any) -> Any:
        if args and isinstance(args[0], str) and "://" not in args[0]:
            kwargs.setdefault("base_url", f"http://{self.host}")
        return super().open(*args, **kwargs)


@pytest.fixture
def client_for(app: Flask) -> Any:
    """``client_for(tenant)`` (or ``None`` for the network): a client on that host."""

    def make(tenant: Any | None) -> FlaskClient:
        client = HostClient(app, app.response_class, use_cookies=True)
        client.host = host_of(tenant)
        return client

    return make


CSRF_RE = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"'
)


def csrf_token(client: FlaskClient, path: str = "/login") -> str:
    html = client.get(path).get_data(as_text=True)
    match = CSRF_RE.search(html)
    assert match, f"no CSRF token on {path}"
    return match.group(1) or match.group(2)


def login(client: FlaskClient, email: str, password: str = PASSWORD) -> Any:
    token = csrf_token(client)
    return client.post(
        "/login", data={"email": email, "password": password, "csrf_token": token}
    )


# -- jobs and mail ------------------------------------------------------------------


@pytest.fixture
def run_jobs(app: Flask) -> Any:
    """Run queued jobs: a real RQ worker with Redis; no-op when jobs run in-process."""

    def run() -> None:
        if not app.extensions["rq"]["is_async"]:
            return
        from rq import SimpleWorker

        from mentoring.jobs import QUEUES, queue_name

        names = [queue_name(app, q) for q in QUEUES]
        with app.app_context():
            SimpleWorker(names, connection=app.extensions["rq"]["connection"]).work(
                burst=True, with_scheduler=False, logging_level="WARNING"
            )

    return run


@pytest.fixture
def outbox(app: Flask, run_jobs: Any) -> Any:
    """The local outbox: ``outbox()`` runs pending jobs and returns the messages."""
    directory = Path(app.config["MAIL_OUTBOX_DIR"])
    shutil.rmtree(directory, ignore_errors=True)
    if app.extensions["rq"]["is_async"]:
        for name in ("mail", "default"):
            from mentoring.jobs import queue_name

            app.extensions["rq"]["connection"].delete(
                f"rq:queue:{queue_name(app, name)}"
            )

    def messages() -> list[Any]:
        run_jobs()
        files = sorted(directory.glob("*.eml"), key=lambda p: p.stat().st_mtime_ns)
        return [
            message_from_bytes(p.read_bytes(), policy=policy.default) for p in files
        ]

    return messages


def body_text(message: Any) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def link_in(message: Any) -> str:
    match = re.search(r"https?://\S+", body_text(message))
    assert match, "no link in the e-mail"
    return match.group(0)
