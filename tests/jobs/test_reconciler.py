"""The reconciler (the tick's ``lost_jobs`` step): what the ledger says is due
but no queue has is enqueued again, and a run that lost its worker too."""

from __future__ import annotations

from datetime import timedelta

from mentoring.core.models import utcnow
from mentoring.extensions import db
from mentoring.jobs import PENDING_KEY, get_queue
from mentoring.jobs.models import DONE, ENQUEUED, RUNNING, JobRun
from mentoring.jobs.policy import job_key
from mentoring.mail.models import SENT
from tests.conftest import REDIS_URL, require
from tests.mail.helpers import email_row, queue_reset, tick


def key_for(city, email_id) -> str:
    return job_key("deliver_email", (str(city.id), str(email_id)), utcnow())


def run_of(app, key: str) -> JobRun:
    with app.app_context():
        run = db.session.get(JobRun, key)
        db.session.expunge(run)
        return run


def lose_the_enqueue(app, city, address: str):
    """Committed with its key, but the enqueue never happened (Redis was down)."""
    with app.app_context():
        email_id = queue_reset(city, address).id
        db.session.info.pop(PENDING_KEY)
        db.session.commit()
    return email_id


def test_a_key_no_queue_has_is_enqueued_again(app, city_a, make_user, clock, outbox):
    make_user(city_a, email="lost@example.org")
    email_id = lose_the_enqueue(app, city_a, "lost@example.org")
    assert "lost_jobs: 0" in tick(app)  # within the grace: the enqueue may be coming
    clock.shift(timedelta(seconds=70))  # past the grace, before the mail's own retry
    output = tick(app)
    assert "lost_jobs: 1" in output and "emails: 0" in output
    assert [m["Message-ID"] for m in outbox()] == [f"<{email_id.hex}@localhost>"]
    assert run_of(app, key_for(city_a, email_id)).status == DONE
    assert "lost_jobs: 0" in tick(app)


def test_a_run_that_lost_its_worker_is_run_again(app, city_a, make_user, clock, outbox):
    make_user(city_a, email="killed@example.org")
    email_id = lose_the_enqueue(app, city_a, "killed@example.org")
    key = key_for(city_a, email_id)
    with app.app_context():  # as a SIGKILLed worker leaves it, before the claim
        db.session.execute(
            db.update(JobRun)
            .where(JobRun.key == key)
            .values(status=RUNNING, started_at=utcnow(), attempts=1)
        )
        db.session.commit()
    clock.shift(timedelta(seconds=90))
    assert "lost_jobs: 0" in tick(app)  # within its lease (timeout + 60 s)
    clock.shift(timedelta(seconds=60))
    assert "lost_jobs: 1" in tick(app)
    assert len(outbox()) == 1
    run = run_of(app, key)
    assert (run.status, run.attempts) == (DONE, 2)
    assert email_row(app, city_a, email_id).status == SENT


def test_flushed_redis_loses_nothing(app, city_a, make_user, clock, outbox):
    """A real Redis loses the queue after the enqueue; the tick brings it back."""
    require(bool(REDIS_URL), "needs Redis (REDIS_URL)")
    make_user(city_a, email="flushed@example.org")
    with app.app_context():
        email_id = queue_reset(city_a, "flushed@example.org").id
        db.session.commit()
        queue = get_queue("mail")
        key = key_for(city_a, email_id)
        assert queue.job_ids == [key]
        # This test's keys only: other tests share the Redis server.
        queue.connection.delete(queue.key, f"rq:job:{key}")
    assert run_of(app, key).status == ENQUEUED
    clock.shift(timedelta(seconds=70))
    assert "lost_jobs: 1" in tick(app)
    assert [m["Message-ID"] for m in outbox()] == [f"<{email_id.hex}@localhost>"]
    assert run_of(app, key).status == DONE


def test_done_keys_are_pruned_after_a_month(app, city_a, make_user, clock, outbox):
    make_user(city_a, email="old@example.org")
    with app.app_context():
        email_id = queue_reset(city_a, "old@example.org").id
        db.session.commit()
    outbox()
    key = key_for(city_a, email_id)
    clock.shift(timedelta(days=31))
    tick(app)
    with app.app_context():
        assert db.session.get(JobRun, key) is None
