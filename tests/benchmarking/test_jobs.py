"""When the snapshot is recomputed: nightly through the tick (once per
Copenhagen day), after a cohort closes, and on demand from the command line."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.conftest import csrf_token, login


def runs(app):
    from mentoring.benchmarking.models import BenchmarkRun
    from mentoring.extensions import db

    with app.app_context():
        rows = db.session.execute(
            db.select(BenchmarkRun).order_by(BenchmarkRun.started_at)
        ).scalars()
        return [(r.reason, r.status) for r in rows]


def tick(app) -> int:
    from mentoring.jobs.tick import enqueue_due_work

    with app.app_context():
        return enqueue_due_work()["benchmarks"]


def test_the_tick_recomputes_once_per_day(app, run_jobs, clock):
    clock.move_to(datetime(2026, 4, 15, 20, 0, tzinfo=UTC))  # 22:00 in Copenhagen
    assert tick(app) == 1
    run_jobs()
    assert runs(app) == [("nightly", "done")]
    assert tick(app) == 0
    clock.move_to(datetime(2026, 4, 15, 21, 30, tzinfo=UTC))  # 23:30: same day
    assert tick(app) == 0
    clock.move_to(datetime(2026, 4, 15, 22, 30, tzinfo=UTC))  # 00:30 the next day
    assert tick(app) == 1
    run_jobs()
    assert runs(app) == [("nightly", "done"), ("nightly", "done")]


def test_a_queued_run_is_claimed_once(app):
    from mentoring.benchmarking.jobs import recompute_benchmarks
    from mentoring.benchmarking.services import queue_run
    from mentoring.extensions import db

    with app.app_context():
        run_id = str(queue_run("nightly").id)
        db.session.commit()
        assert recompute_benchmarks(None, "nightly", run_id) == "done"
        assert recompute_benchmarks(None, "nightly", run_id) == "skipped"
    assert runs(app) == [("nightly", "done")]


def test_a_run_lost_by_the_queue_is_asked_for_again(app, clock):
    from mentoring.benchmarking.services import queue_run
    from mentoring.extensions import db

    clock.move_to(datetime(2026, 4, 15, 8, 0, tzinfo=UTC))
    with app.app_context():
        queue_run("nightly")  # enqueued, then lost with Redis
        db.session.commit()
    assert tick(app) == 0  # it may still come
    clock.shift(timedelta(hours=2))
    assert tick(app) == 1


def test_closing_a_cohort_recomputes_the_snapshot(
    app, client_for, city_a, make_user, in_city, run_jobs
):
    from tests.factories import CohortFactory, PairFactory, today

    with in_city(city_a):
        # Ended yesterday (no closing event): it may be closed.
        starts_on = today() - timedelta(days=121)
        cohort = CohortFactory(status="running", starts_on=starts_on)
        PairFactory(cohort=cohort)
    client = client_for(city_a)
    login(client, make_user(city_a, role="coordinator").email)
    path = f"/coordinator/cohorts/{cohort.id}"
    data = {"csrf_token": csrf_token(client, path), "status": "closed", "confirm": "y"}
    assert client.post(f"{path}/status", data=data).status_code == 302
    run_jobs()
    assert runs(app) == [("cohort_closed", "done")]


def test_moving_a_cohort_on_without_closing_it_asks_for_nothing(
    app, client_for, city_a, make_user, in_city, run_jobs
):
    from tests.factories import CohortFactory, PairFactory

    with in_city(city_a):
        cohort = CohortFactory(status="matching")
        PairFactory(cohort=cohort)
    client = client_for(city_a)
    login(client, make_user(city_a, role="coordinator").email)
    path = f"/coordinator/cohorts/{cohort.id}"
    data = {"csrf_token": csrf_token(client, path), "status": "running"}
    assert client.post(f"{path}/status", data=data).status_code == 302
    run_jobs()
    assert runs(app) == []


def test_the_command_recomputes_on_demand(app, city_a, in_city, clock):
    from tests.benchmarking.conftest import cells, seed_city

    seed_city(in_city, city_a, 12, clock.today())
    result = app.test_cli_runner().invoke(args=["benchmarks", "recompute"])
    assert result.exit_code == 0, result.output
    assert "snapshot:" in result.output
    assert runs(app) == [("asked", "done")]
    assert cells(app)
    # `make run` asks again with --if-empty: a snapshot exists, nothing is redone.
    again = app.test_cli_runner().invoke(args=["benchmarks", "recompute", "--if-empty"])
    assert again.exit_code == 0 and "skipped" in again.output
    assert runs(app) == [("asked", "done")]
