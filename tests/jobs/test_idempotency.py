"""Every job is idempotent by a key kept in the database (``job_runs``)."""

from __future__ import annotations

import importlib
import inspect
import uuid
from datetime import UTC, datetime

import pytest

import mentoring.jobs as jobs
from mentoring.core.models import utcnow
from mentoring.extensions import db
from mentoring.jobs.models import DONE, FAILED, JobRun
from mentoring.jobs.policy import POLICIES, job_key
from mentoring.mail.jobs import MAX_ATTEMPTS, deliver_email
from mentoring.mail.models import SENT
from tests.mail.helpers import email_row, eml_files, queue_and_commit, queue_reset

# Every job the app can enqueue (create_app imports every domain's jobs).
JOB_NAMES = sorted(POLICIES)


def ledger(app, key: str) -> JobRun | None:
    with app.app_context():
        run = db.session.get(JobRun, key)
        if run is not None:
            db.session.expunge(run)
        return run


def test_every_registered_job_has_a_policy(app):
    # The product's own jobs: other test modules register jobs of their own.
    own = [n for n, path in jobs.REGISTRY.items() if path.startswith("mentoring.")]
    assert sorted(own) == JOB_NAMES


def _job(name: str):
    module, _, attribute = jobs.REGISTRY[name].rpartition(".")
    return getattr(importlib.import_module(module), attribute)


def _some_args(name: str) -> tuple[str, ...]:
    params = inspect.signature(_job(name)).parameters
    return tuple(str(uuid.uuid4()) for p in params.values() if p.default is p.empty)


@pytest.mark.parametrize("name", JOB_NAMES)
def test_a_job_whose_key_is_done_does_nothing(app, clock, name):
    clock.move_to(datetime(2026, 4, 15, 10, 0, 30, tzinfo=UTC), tick=False)
    args = _some_args(name)
    key = job_key(name, args, utcnow())
    with app.app_context():
        db.session.add(
            JobRun(
                key=key,
                func=jobs.REGISTRY[name],
                args=list(args),
                queue="default",
                status=DONE,
                attempts=1,
                enqueued_at=utcnow(),
            )
        )
        db.session.commit()
        # No such city or row exists: only the ledger can answer "skipped" here.
        assert _job(name)(*args) in ("skipped", 0)
    assert ledger(app, key).attempts == 1


def test_an_email_job_run_twice_by_hand_sends_once(app, city_a, make_user, outbox):
    make_user(city_a, email="twice@example.org")
    email_id = queue_and_commit(app, city_a, "twice@example.org")
    outbox()
    with app.app_context():
        assert deliver_email(str(city_a.id), str(email_id)) == "skipped"
    assert [p.stem for p in eml_files(app)] == [email_id.hex]
    key = job_key("deliver_email", (str(city_a.id), str(email_id)), utcnow())
    run = ledger(app, key)
    assert (run.status, run.attempts) == (DONE, 1)
    assert email_row(app, city_a, email_id).status == SENT


def test_the_key_is_recorded_in_the_requests_transaction(app, city_a, make_user):
    make_user(city_a, email="rolled@example.org")
    with app.app_context():
        email_id = queue_reset(city_a, "rolled@example.org").id
        db.session.rollback()
    key = job_key("deliver_email", (str(city_a.id), str(email_id)), utcnow())
    assert ledger(app, key) is None  # no e-mail, no job, no key


def test_final_mail_failure_is_logged_failed_and_listed(
    app, city_a, make_user, smtp_server, run_jobs, caplog
):  # smtp_server: tests/jobs/conftest.py
    smtp_server.fail = True
    make_user(city_a, email="lost@example.org")
    with app.app_context():
        email = queue_reset(city_a, "lost@example.org")
        email.attempts = MAX_ATTEMPTS - 1
        email_id = email.id
        db.session.commit()
    run_jobs()
    key = job_key("deliver_email", (str(city_a.id), str(email_id)), utcnow())
    run = ledger(app, key)
    assert run.status == FAILED
    assert "451" in run.last_error
    assert email_row(app, city_a, email_id).status == "failed"
    errors = [r for r in caplog.records if r.levelname == "ERROR"]
    assert any("failed for good" in r.getMessage() for r in errors)
    result = app.test_cli_runner().invoke(args=["jobs", "status"])
    assert result.exit_code == 1
    assert key in result.output and "451" in result.output


def test_status_says_when_all_is_well(app):
    result = app.test_cli_runner().invoke(args=["jobs", "status"])
    assert (result.exit_code, result.output) == (0, "No failed or overdue jobs.\n")
