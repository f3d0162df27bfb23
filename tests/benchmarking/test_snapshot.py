"""The network snapshot: counts per sharing city and period, no person in it,
the city's choice respected, the same figures every time, bounded queries."""

from __future__ import annotations

from mentoring.benchmarking.disclosure import ALL_TIME, NETWORK
from tests.benchmarking.conftest import (
    SECRET_COMMENT,
    SECRET_NOTE,
    cells,
    figures,
    recompute,
    seed_city,
)


def test_cells_count_what_each_city_did(app, city_a, city_b, in_city, clock):
    a = seed_city(in_city, city_a, 12, clock.today())
    b = seed_city(in_city, city_b, 6, clock.today())
    assert recompute(app) >= 2
    found = cells(app)
    for tenant, seeded in ((city_a, a), (city_b, b)):
        assert found[(tenant.id, seeded.year, "participants_mentees")] == (
            seeded.mentees,
            seeded.mentees,
        )
        assert found[(tenant.id, seeded.year, "returning_mentors")] == (2, 2)
        assert found[(tenant.id, seeded.year, "meetings_per_pair")] == (
            seeded.pairs,
            seeded.meetings,
        )
        assert found[(tenant.id, seeded.year, "attendance")] == (
            seeded.invited,
            seeded.checked_in,
        )
        assert found[(tenant.id, seeded.year, "completion")] == (
            seeded.mentees,
            seeded.mentees,
        )
        assert found[(tenant.id, seeded.year, "mentees_network_grown")] == (
            seeded.network_answered,
            seeded.network_grown,
        )
        assert found[(tenant.id, seeded.year, "response_rate_mentee_end")] == (
            seeded.mentees,
            seeded.mentees - 1,
        )
        assert found[(tenant.id, seeded.year, "motivation_local_network")] == (
            seeded.mentors,
            seeded.motivated_local,
        )
        # All time: the earlier cohort's two mentors are the same two people.
        assert found[(tenant.id, ALL_TIME, "participants_mentors")] == (
            seeded.mentors,
            seeded.mentors,
        )
        assert found[(tenant.id, ALL_TIME, "returning_mentors")] == (2, 2)


def test_figures_name_the_city_and_keep_its_id_for_its_own_rows(
    app, city_a, in_city, clock
):
    seed_city(in_city, city_a, 12, clock.today())
    recompute(app)
    rows = [f for f in figures(app) if f[0] == city_a.id]
    assert rows and {f[1] for f in rows} == {city_a.name_da}
    mentees = next(
        f for f in rows if f[3] == ALL_TIME and f[4] == "participants_mentees"
    )
    assert mentees[7] == 12
    network = [f for f in figures(app) if f[1] == NETWORK]
    assert network and all(f[0] is None for f in network)
    assert all(f[8] == "few_cities" for f in network)  # one city is not a network


def test_no_snapshot_row_holds_a_person(app, city_a, city_b, in_city, clock):
    from mentoring.benchmarking.models import BenchmarkCell, BenchmarkFigure
    from mentoring.extensions import db

    seeded = [
        seed_city(in_city, city_a, 12, clock.today()),
        seed_city(in_city, city_b, 10, clock.today()),
    ]
    recompute(app)
    secrets = {SECRET_NOTE, SECRET_COMMENT}
    for s in seeded:
        secrets |= set(s.names) | set(s.emails)
    with app.app_context():
        for model in (BenchmarkCell, BenchmarkFigure):
            for row in db.session.execute(db.select(model)).scalars():
                text = " ".join(
                    str(getattr(row, c.key)) for c in model.__table__.columns
                )
                assert not any(secret in text for secret in secrets)
                assert "@" not in text


def test_recomputing_gives_the_same_figures(app, city_a, city_b, in_city, clock):
    seed_city(in_city, city_a, 12, clock.today())
    seed_city(in_city, city_b, 6, clock.today())
    recompute(app)
    first_cells, first = cells(app), figures(app)
    recompute(app)
    assert cells(app) == first_cells
    assert figures(app) == first


def test_a_city_that_stops_sharing_disappears(
    app, city_a, city_b, city_c, city_d, in_city, clock
):
    from mentoring.benchmarking.models import CitySharing

    counts = {}
    for tenant, pairs in ((city_a, 12), (city_b, 10), (city_c, 11), (city_d, 13)):
        counts[tenant.id] = seed_city(in_city, tenant, pairs, clock.today()).mentees
    recompute(app)

    def pooled_mentees():
        return next(
            f[7]
            for f in figures(app)
            if f[1] == NETWORK and f[3] == ALL_TIME and f[4] == "participants_mentees"
        )

    assert pooled_mentees() == sum(counts.values())
    with in_city(city_b):
        from mentoring.extensions import db

        db.session.add(CitySharing(shares=False, named=True, pseudonym="By X-99"))
    recompute(app)
    assert not [key for key in cells(app) if key[0] == city_b.id]
    assert not [f for f in figures(app) if f[0] == city_b.id or f[1] == city_b.name_da]
    assert pooled_mentees() == sum(counts.values()) - counts[city_b.id]


def test_a_city_under_its_pseudonym_is_not_named(app, city_a, in_city, clock):
    from mentoring.benchmarking.models import CitySharing
    from mentoring.extensions import db

    seed_city(in_city, city_a, 12, clock.today())
    with in_city(city_a):
        db.session.add(CitySharing(shares=True, named=False, pseudonym="By K-47"))
    recompute(app)
    labels = {f[1] for f in figures(app) if f[0] == city_a.id}
    assert labels == {"By K-47"}
    assert not [f for f in figures(app) if city_a.name_da in f[1]]


def test_the_snapshot_reads_a_bounded_number_of_times(
    app, city_a, city_b, city_c, in_city, clock, count_queries
):
    from mentoring.benchmarking.snapshot import snapshot
    from mentoring.core.context import in_network
    from mentoring.core.models import utcnow

    def queries() -> int:
        with app.app_context(), in_network(), count_queries() as counter:
            snapshot(utcnow())
        # PostgreSQL also sets the row-level-security scope on entering and
        # leaving cross_tenant: not reads of data.
        return sum(1 for q in counter.statements if "set_config" not in q)

    seed_city(in_city, city_a, 6, clock.today())
    small = queries()
    for tenant in (city_b, city_c):
        seed_city(in_city, tenant, 14, clock.today())
    assert queries() == small <= 12


def test_two_recomputes_at_once_do_not_interleave(
    app, city_a, in_city, clock, committed
):
    from tests.benchmarking.conftest import recompute as once

    seed_city(in_city, city_a, 12, clock.today())
    cities = committed(lambda: once(app), lambda: once(app))
    assert cities[0] == cities[1] >= 1
    after_both = figures(app)
    once(app)
    assert figures(app) == after_both  # one complete snapshot, not a mix
    assert len({(f[1], f[3], f[4]) for f in after_both}) == len(after_both)
