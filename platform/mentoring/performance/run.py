"""``make bench``: how long the main pages take on demo data, as a table.

What is measured: a fresh temporary SQLite database is migrated, the cities are
synced and the demo data seeded (8 cities, 3 cohorts of 15 mentees and 15
mentors each); then each page is requested ``RUNS`` times through Flask's test
client, with the Host header of a city or of the network, and timed with
``time.perf_counter``.

How to read it: ``median ms`` is the typical time of one request inside the
app (routing, tenant lookup, queries, template rendering), without a network,
a WSGI server or a browser; ``p95 ms`` shows the slow tail. The numbers are on
the embedded defaults (SQLite in a file, jobs in-process) on this machine, so
compare them between commits on the same machine, not with production (where
PostgreSQL answers over a socket and gunicorn serves several requests at once).
A page whose median grows with the amount of demo data points at a query that
runs per row. ``seed`` is one run: the time to create the whole demo data set.

The ``match n=...`` rows time ``mentoring.matching.match`` alone (no app, no
database) on a square n x n table of random scores with about 10 % ``None``
(pairs that must not be made), the same fixed seed every time; building the
table is not timed. Big tables are solved only a few times (see
``MATCH_SIZES``). ``speed-dating plan`` times one kickoff plan with affinity.
No test asserts these timings.
"""

from __future__ import annotations

import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

RUNS = 200
CITIES, PARTICIPANTS, COHORTS = 8, 15, 3
SEED_LABEL = f"demo seed ({CITIES} cities x {COHORTS} cohorts x {PARTICIPANTS})"
CITY = "lyngby-taarbaek"
COORDINATOR = f"coordinator@{CITY}.example.org"
CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
MATCH_SIZES = {15: 200, 100: 50, 500: 5, 2000: 2}  # n -> runs
MATCH_SEED, MATCH_NONE_SHARE = 20261127, 0.1
PLAN_SIZE, PLAN_K, PLAN_RUNS = 30, 5, 20


def build_app(directory: Path) -> Flask:
    """The app on its embedded defaults, with a database of its own."""
    from mentoring.app import create_app

    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{directory / 'bench.sqlite3'}",
            "SECRET_KEY": "bench-only",
            "INSTANCE_DIR": str(directory),
            "MAIL_OUTBOX_DIR": str(directory / "outbox"),
            "MAIL_SERVER": "",
            "REDIS_URL": "",
        }
    )


def prepare(app: Flask) -> float:
    """Migrate, sync the cities and seed the demo data; returns the seed time."""
    from flask_migrate import upgrade

    from mentoring.core.models import utcnow
    from mentoring.demo.services import SeedSize, seed
    from mentoring.extensions import db
    from mentoring.tenancy.services import sync_tenants

    with app.app_context():
        upgrade()
        sync_tenants(Path(app.config["TENANTS_DIR"]))
        db.session.commit()
        started = time.perf_counter()
        seed(SeedSize(CITIES, PARTICIPANTS, COHORTS), utcnow().date())
        db.session.commit()
        elapsed = time.perf_counter() - started
        db.session.remove()
    return elapsed


class HostClient(FlaskClient):
    """A test client whose requests go to one host (a city's or the network's)."""

    host = "localhost"

    def open(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("base_url", f"http://{self.host}")
        return super().open(*args, **kwargs)


def client_on(app: Flask, host: str) -> FlaskClient:
    client = HostClient(app, app.response_class, use_cookies=True)
    client.host = host
    return client


def signed_in(app: Flask, host: str, email: str) -> FlaskClient:
    client = client_on(app, host)
    match = CSRF_RE.search(client.get("/login").get_data(as_text=True))
    if match is None:
        raise RuntimeError("no CSRF token on /login")
    form = {"email": email, "password": "demo-password", "csrf_token": match[1]}
    response = client.post("/login", data=form)
    if response.status_code != 302:
        raise RuntimeError(f"demo sign-in failed: {response.status_code}")
    return client


def timed(request: Callable[[], Any], runs: int = RUNS) -> list[float]:
    """Milliseconds per call; a non-200 answer stops the run (it would mislead)."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = request()
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{response.request.path}: {response.status_code}")
    return times


def cases(app: Flask) -> dict[str, Callable[[], Any]]:
    network = client_on(app, "localhost")
    city = client_on(app, f"{CITY}.localhost")
    coordinator = signed_in(app, f"{CITY}.localhost", COORDINATOR)
    fragment = {"HX-Request": "true"}
    return {
        "network home": lambda: network.get("/"),
        "city home": lambda: city.get("/"),
        "coordinator home": lambda: coordinator.get("/coordinator/"),
        "people fragment (htmx)": lambda: coordinator.get(
            "/coordinator/people?q=men", headers=fragment
        ),
        "healthz": lambda: city.get("/healthz"),
    }


def random_scores(n: int, seed: int = MATCH_SEED) -> list[list[float | None]]:
    """A square score table, about ``MATCH_NONE_SHARE`` of it forbidden."""
    chance = random.Random(seed + n)  # noqa: S311 - benchmark data, not secrets
    return [
        [
            None if chance.random() < MATCH_NONE_SHARE else chance.random()
            for _ in range(n)
        ]
        for _ in range(n)
    ]


def timed_calls(call: Callable[[], Any], runs: int) -> list[float]:
    """Milliseconds per call of a pure function (no response to check)."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return times


def matching_rows() -> list[tuple[str, int, float, float]]:
    """Solve times of ``match()`` and of one speed-dating plan."""
    from mentoring.matching import match
    from mentoring.matching.speed_dating import plan

    rows = []
    for n, runs in MATCH_SIZES.items():
        scores = random_scores(n)
        times = timed_calls(lambda scores=scores: match(scores), runs)
        rows.append((f"match n={n}", runs, statistics.median(times), p95(times)))
    affinity = random_scores(PLAN_SIZE)
    times = timed_calls(lambda: plan(PLAN_SIZE, PLAN_SIZE, PLAN_K, affinity), PLAN_RUNS)
    name = f"speed-dating plan {PLAN_SIZE}x{PLAN_SIZE} k={PLAN_K}"
    rows.append((name, PLAN_RUNS, statistics.median(times), p95(times)))
    return rows


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20, method="inclusive")[18]


def table(rows: list[tuple[str, int, float, float]]) -> str:
    width = max(len(name) for name, *_ in rows)
    lines = [f"{'name':<{width}}  {'runs':>5}  {'median ms':>10}  {'p95 ms':>10}"]
    lines += [
        f"{name:<{width}}  {runs:>5}  {median:>10.2f}  {tail:>10.2f}"
        for name, runs, median, tail in rows
    ]
    return "\n".join(lines)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="mentoring-bench-") as tmp:
        app = build_app(Path(tmp))
        seed_ms = prepare(app) * 1000
        rows = [(SEED_LABEL, 1, seed_ms, seed_ms)]
        for name, request in cases(app).items():
            request()  # warm-up: template compilation, first connection
            times = timed(request)
            rows.append((name, len(times), statistics.median(times), p95(times)))
        _dispose(app)
    rows += matching_rows()
    print(table(rows))
    return 0


def _dispose(app: Flask) -> None:
    from mentoring.extensions import db

    with app.app_context():
        db.engine.dispose()


if __name__ == "__main__":
    sys.exit(main())
