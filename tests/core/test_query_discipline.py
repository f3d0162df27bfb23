"""Query discipline: every main page runs the same few queries at any size.

The demo seed makes a small city and a big one (`demo.services.seed_sized`);
each main page is rendered for both, and the number of SQL statements must be
the same (no query per row: no N+1) and under the page's stated bound. The
network's pages (benchmarks, /impact) are held the same way, at 2 and 42
cities, in tests/network/test_benchmarks.py.
"""

import pytest

from mentoring.core.scoping import cross_tenant
from mentoring.demo.services import SeedSize, seed_sized
from mentoring.extensions import db
from mentoring.programmes.models import Cohort
from tests.conftest import CITY_A, CITY_B, login

RLS_SETTING = "SELECT set_config('app.tenant_id'"
SMALL = SeedSize(participants=3, cohorts=2)
BIG = SeedSize(participants=12, cohorts=4)

# page -> (who looks at it, the most statements it may run: today's count,
# so a new query per page is a deliberate change to this table)
PAGES = {
    "/": (None, 1),
    "/apply/": (None, 2),
    "/apply/{recruiting}/mentee": (None, 2),
    "/apply/{recruiting}/mentor": (None, 2),
    "/login": (None, 1),
    "/coordinator/": ("coordinator", 11),
    "/coordinator/cohorts/{running}": ("coordinator", 18),
    "/coordinator/applications/": ("coordinator", 7),
    "/coordinator/people": ("coordinator", 4),
    "/coordinator/cohorts/{running}/matching": ("coordinator", 17),
    "/coordinator/results/": ("coordinator", 4),
    "/coordinator/results/answers": ("coordinator", 3),
    "/me/": ("mentee1", 13),
}


def _cohorts(app, tenant) -> dict[str, str]:
    with app.app_context(), cross_tenant(db.session, "test: the seeded cohorts"):
        rows = db.session.execute(
            db.select(Cohort.status, Cohort.id).where(Cohort.tenant_id == tenant.id)
        ).all()
    return {str(status): str(cohort_id) for status, cohort_id in rows}


def _statements(client, path, count_queries) -> int:
    """The page's SQL statements, not counting PostgreSQL's row-level-security
    setting (one per transaction or savepoint, none on SQLite)."""
    assert client.get(path).status_code == 200, path  # warm: caches, a session touch
    with count_queries() as counter:
        response = client.get(path)
    assert response.status_code == 200, path
    return sum(not s.startswith(RLS_SETTING) for s in counter.statements)


@pytest.fixture
def seeded(app, city_a, city_b, clock):
    """City A small, city B big: the same pages for both."""
    with app.app_context():
        seed_sized({CITY_A: SMALL, CITY_B: BIG}, clock.today())
        db.session.commit()  # a savepoint in the test's outer transaction
    return {city_a.slug: city_a, city_b.slug: city_b}


def test_every_main_page_runs_the_same_few_queries_at_two_sizes(
    app, seeded, client_for, count_queries
):
    counts: dict[str, dict[str, int]] = {}
    for slug, city in seeded.items():
        ids = _cohorts(app, city)
        ids = {"recruiting": ids["recruiting"], "running": ids["running"]}
        clients = {None: client_for(city)}
        for who in ("coordinator", "mentee1"):
            clients[who] = client_for(city)
            login(clients[who], f"{who}@{slug}.example.org", "demo-password")
        for page, (who, _bound) in PAGES.items():
            count = _statements(clients[who], page.format(**ids), count_queries)
            counts.setdefault(page, {})[slug] = count
    report = {p: (c[CITY_A], c[CITY_B], PAGES[p][1]) for p, c in counts.items()}
    wrong = {p: r for p, r in report.items() if not r[0] == r[1] <= r[2]}
    assert not wrong, f"page: (small, big, bound) {wrong}"
