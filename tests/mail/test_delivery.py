"""Delivery through a real local SMTP server: once, retried, authenticated."""

from __future__ import annotations

from mentoring.mail.jobs import MAX_ATTEMPTS, deliver_email
from mentoring.mail.models import FAILED, QUEUED, SENT
from tests.conftest import body_text
from tests.mail.conftest import SMTP_LOGIN, SMTP_PASSWORD
from tests.mail.helpers import (
    email_row,
    mail_jobs,
    make_old,
    orphan_email,
    queue_and_commit,
    tick,
)


def test_smtp_delivers_subject_both_parts_sender_and_stable_message_id(
    app, city_a, make_user, smtp_server, run_jobs, monkeypatch
):
    monkeypatch.setitem(app.config, "MAIL_FROM", "Mentoring <no-reply@mail.example>")
    user = make_user(city_a, email="smtp@example.org", locale="en")
    email_id = queue_and_commit(app, city_a, user.email)
    run_jobs()

    [received] = smtp_server.received
    message = received.message
    assert received.mail_from == "no-reply@mail.example"
    assert received.rcpt_tos == ["smtp@example.org"]
    assert message["Subject"] == "Reset your password"
    assert message["To"] == "smtp@example.org"
    assert message["From"] == f"{city_a.name_en} <no-reply@mail.example>"
    assert message["Message-ID"] == f"<{email_id.hex}@mail.example>"
    assert "https://example.org/reset/x" in body_text(message)
    html = message.get_body(preferencelist=("html",)).get_content()
    assert 'href="https://example.org/reset/x"' in html
    assert message["Auto-Submitted"] == "auto-generated"
    assert email_row(app, city_a, email_id).status == SENT


def test_running_the_job_twice_delivers_once(
    app, city_a, make_user, smtp_server, run_jobs
):
    user = make_user(city_a, email="twice@example.org")
    email_id = queue_and_commit(app, city_a, user.email)
    run_jobs()
    with app.app_context():
        again = deliver_email(str(city_a.id), str(email_id))

    assert again == "skipped"
    assert len(smtp_server.received) == 1
    row = email_row(app, city_a, email_id)
    assert (row.status, row.attempts) == (SENT, 1)


def test_another_citys_id_is_not_delivered(
    app, city_a, city_b, make_user, smtp_server, run_jobs
):
    """A job handed the wrong city finds nothing: the e-mail is scoped to its own."""
    smtp_server.fail = True  # keep it queued
    user = make_user(city_a, email="scoped@example.org")
    email_id = queue_and_commit(app, city_a, user.email)
    run_jobs()
    smtp_server.fail = False
    with app.app_context():
        assert deliver_email(str(city_b.id), str(email_id)) == "skipped"
    assert smtp_server.received == []
    assert email_row(app, city_a, email_id).status == QUEUED


def test_failing_server_keeps_it_queued_then_the_tick_delivers(
    app, city_a, make_user, smtp_server, run_jobs
):
    smtp_server.fail = True
    user = make_user(city_a, email="retry@example.org")
    email_id = queue_and_commit(app, city_a, user.email)
    run_jobs()

    row = email_row(app, city_a, email_id)
    assert (row.status, row.attempts, row.sent_at) == (QUEUED, 1, None)
    assert "451" in row.last_error
    [job] = mail_jobs(app, "failed")
    assert job.is_failed
    assert job.args == (str(city_a.id), str(email_id))

    smtp_server.fail = False
    make_old(app, city_a, email_id)
    result = app.test_cli_runner().invoke(args=["jobs", "tick"])
    assert result.exit_code == 0, result.output
    assert "emails: 1" in result.output
    run_jobs()

    assert len(smtp_server.received) == 1
    row = email_row(app, city_a, email_id)
    assert (row.status, row.attempts, row.last_error) == (SENT, 2, None)


def test_smtp_login(app, city_a, make_user, smtp_server, run_jobs, monkeypatch):
    smtp_server.require_auth = True
    monkeypatch.setitem(app.config, "MAIL_USERNAME", SMTP_LOGIN)
    monkeypatch.setitem(app.config, "MAIL_PASSWORD", SMTP_PASSWORD)
    user = make_user(city_a, email="auth@example.org")
    queue_and_commit(app, city_a, user.email)
    run_jobs()

    [received] = smtp_server.received
    assert received.authenticated


def test_wrong_smtp_password_fails_the_job_and_keeps_the_email(
    app, city_a, make_user, smtp_server, run_jobs, monkeypatch
):
    smtp_server.require_auth = True
    monkeypatch.setitem(app.config, "MAIL_USERNAME", SMTP_LOGIN)
    monkeypatch.setitem(app.config, "MAIL_PASSWORD", "wrong")
    user = make_user(city_a, email="badauth@example.org")
    email_id = queue_and_commit(app, city_a, user.email)
    run_jobs()

    assert smtp_server.received == []
    row = email_row(app, city_a, email_id)
    assert row.status == QUEUED
    assert row.last_error.startswith("SMTPAuthenticationError")
    assert [job.is_failed for job in mail_jobs(app, "failed")] == [True]


def test_an_email_that_keeps_failing_is_given_up(
    app, city_a, smtp_server, outbox, run_jobs
):
    """After MAX_ATTEMPTS the tick stops retrying: a poison e-mail is not resent
    every two minutes forever."""
    smtp_server.fail = True
    email_id = orphan_email(app, city_a, attempts=MAX_ATTEMPTS - 1)
    assert "emails: 1" in tick(app)
    run_jobs()
    row = email_row(app, city_a, email_id)
    assert (row.status, row.attempts) == (FAILED, MAX_ATTEMPTS)

    smtp_server.fail = False
    make_old(app, city_a, email_id)
    assert "emails: 0" in tick(app)
    run_jobs()
    assert smtp_server.received == []
