"""`flask jobs tick`: what the database says is due goes (back) on the queue."""

from __future__ import annotations

from mentoring.jobs import MAIL, get_queue
from mentoring.mail.models import SENDING, SENT
from tests.conftest import REDIS_URL, require
from tests.mail.helpers import (
    email_row,
    eml_files,
    mail_jobs,
    make_old,
    orphan_email,
    queue_and_commit,
    queued_count,
    tick,
)


def test_tick_delivers_an_email_whose_job_was_lost(app, city_a, outbox, run_jobs):
    email_id = orphan_email(app, city_a)
    assert "emails: 1" in tick(app)
    run_jobs()
    assert [p.stem for p in eml_files(app)] == [email_id.hex]
    assert email_row(app, city_a, email_id).status == SENT


def test_tick_twice_delivers_once(app, city_a, outbox, run_jobs):
    email_id = orphan_email(app, city_a)
    tick(app)
    tick(app)
    run_jobs()
    assert len(eml_files(app)) == 1
    row = email_row(app, city_a, email_id)
    assert (row.status, row.attempts) == (SENT, 1)


def test_tick_leaves_recent_emails_to_their_own_job(app, city_a, outbox, run_jobs):
    orphan_email(app, city_a, minutes=1)
    assert "emails: 0" in tick(app)
    run_jobs()
    assert eml_files(app) == []


def test_tick_reclaims_an_email_stuck_sending_by_a_dead_worker(
    app, city_a, outbox, run_jobs
):
    stuck = orphan_email(app, city_a, status=SENDING, minutes=20, attempts=1)
    busy = orphan_email(app, city_a, status=SENDING, minutes=5, attempts=1)
    assert "emails: 1" in tick(app)
    run_jobs()
    assert [p.stem for p in eml_files(app)] == [stuck.hex]
    assert email_row(app, city_a, stuck).status == SENT
    assert email_row(app, city_a, busy).status == SENDING


def test_tick_with_redis_reenqueues_after_redis_lost_the_job(
    app, city_a, make_user, outbox, run_jobs
):
    """The real queue: the first job is lost, the tick re-enqueues it once (the
    second tick finds the same key still queued: a no-op), one delivery."""
    require(bool(REDIS_URL), "needs Redis (REDIS_URL)")
    make_user(city_a, email="tick@example.org")
    email_id = queue_and_commit(app, city_a, "tick@example.org")
    assert queued_count(app) == 1
    with app.app_context():
        get_queue(MAIL).empty()  # Redis lost it
    make_old(app, city_a, email_id)

    assert "emails: 1" in tick(app)
    assert "emails: 1" in tick(app)  # not run yet: still due
    assert queued_count(app) == 1
    assert eml_files(app) == []
    run_jobs()

    assert [p.stem for p in eml_files(app)] == [email_id.hex]
    results = [job.return_value() for job in mail_jobs(app, "finished")]
    assert results == [str(eml_files(app)[0])]
    assert email_row(app, city_a, email_id).attempts == 1
