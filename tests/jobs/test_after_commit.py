"""Jobs are enqueued when the transaction commits, and forgotten on rollback."""

from __future__ import annotations

import logging

from redis import Redis

from mentoring.core.scoping import set_tenant
from mentoring.extensions import db
from mentoring.mail.models import QUEUED, SENT, CityEmail
from tests.mail.helpers import (
    email_row,
    eml_files,
    mail_jobs,
    make_old,
    queue_and_commit,
    queue_reset,
    queued_count,
    tick,
)


def delivered(app, run_jobs):
    """Ids (hex) of the e-mails in the outbox after any worker ran."""
    run_jobs()
    return [path.stem for path in eml_files(app)]


def test_email_is_delivered_only_after_commit(app, city_a, make_user, outbox, run_jobs):
    make_user(city_a, email="commit@example.org")
    with app.app_context():
        email_id = queue_reset(city_a, "commit@example.org").id
        assert delivered(app, run_jobs) == []
        assert queued_count(app) == 0
        assert email_row(app, city_a, email_id).status == QUEUED
        db.session.commit()
    assert delivered(app, run_jobs) == [email_id.hex]
    assert email_row(app, city_a, email_id).status == SENT


def test_rollback_enqueues_and_delivers_nothing(
    app, city_a, make_user, outbox, run_jobs
):
    make_user(city_a, email="rollback@example.org")
    with app.app_context():
        queue_reset(city_a, "rollback@example.org")
        db.session.rollback()
        db.session.commit()  # a later commit in the same session: still nothing
    assert queued_count(app) == 0
    assert delivered(app, run_jobs) == []
    assert mail_jobs(app, "finished") == []
    with app.app_context():
        set_tenant(db.session, city_a.id)
        assert db.session.scalars(db.select(CityEmail)).all() == []


def test_a_savepoint_commit_is_not_the_commit(app, city_a, make_user, outbox, run_jobs):
    make_user(city_a, email="savepoint@example.org")
    with app.app_context():
        email_id = queue_reset(city_a, "savepoint@example.org").id
        with db.session.begin_nested():
            pass
        assert queued_count(app) == 0
        assert delivered(app, run_jobs) == []
        db.session.commit()
    assert delivered(app, run_jobs) == [email_id.hex]


def test_a_savepoint_rollback_keeps_the_outer_transactions_jobs(
    app, city_a, make_user, outbox, run_jobs
):
    make_user(city_a, email="inner@example.org")
    with app.app_context():
        email_id = queue_reset(city_a, "inner@example.org").id
        db.session.begin_nested().rollback()
        db.session.commit()
    assert delivered(app, run_jobs) == [email_id.hex]


def test_a_queue_down_at_commit_loses_nothing(
    app, city_a, make_user, outbox, run_jobs, monkeypatch, caplog
):
    """The commit stands; the e-mail stays due and the tick delivers it later."""
    working = app.extensions["rq"]
    down = {"connection": Redis.from_url("redis://127.0.0.1:1/0"), "is_async": True}
    monkeypatch.setitem(app.extensions, "rq", down)
    make_user(city_a, email="lost@example.org")
    with caplog.at_level(logging.ERROR, logger="mentoring.jobs"):
        email_id = queue_and_commit(app, city_a, "lost@example.org")
    assert "could not enqueue deliver_email" in caplog.text
    assert email_row(app, city_a, email_id).status == QUEUED

    monkeypatch.setitem(app.extensions, "rq", working)
    make_old(app, city_a, email_id)
    assert "emails: 1" in tick(app)
    assert delivered(app, run_jobs) == [email_id.hex]
