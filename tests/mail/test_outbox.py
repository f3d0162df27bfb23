"""Without SMTP, e-mail goes to the local outbox; `flask mail outbox` lists it."""

from __future__ import annotations

import os
from email import message_from_bytes, policy

from mentoring.mail.models import SENT
from tests.mail.helpers import email_row, eml_files, queue_and_commit


def test_without_smtp_an_eml_file_lands_in_the_outbox(
    app, city_a, make_user, outbox, run_jobs
):
    assert not app.config["MAIL_SERVER"]
    user = make_user(city_a, email="outbox@example.org")
    email_id = queue_and_commit(app, city_a, user.email)
    run_jobs()

    [path] = eml_files(app)
    assert path.name == f"{email_id.hex}.eml"
    message = message_from_bytes(path.read_bytes(), policy=policy.default)
    assert message["To"] == "outbox@example.org"
    assert message.get_body(preferencelist=("html",)) is not None
    assert email_row(app, city_a, email_id).status == SENT


def _two_emails(app, city_a, make_user, run_jobs):
    make_user(city_a, email="first@example.org", locale="en")
    make_user(city_a, email="second@example.org", locale="en")
    first = queue_and_commit(app, city_a, "first@example.org")
    second = queue_and_commit(app, city_a, "second@example.org")
    run_jobs()
    older = next(p for p in eml_files(app) if p.stem == first.hex)
    stamp = older.stat().st_mtime - 60
    os.utime(older, (stamp, stamp))  # file times may tie within a millisecond
    return first, second


def test_outbox_command_lists_newest_first(app, city_a, make_user, outbox, run_jobs):
    _two_emails(app, city_a, make_user, run_jobs)
    result = app.test_cli_runner().invoke(args=["mail", "outbox"])

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 2
    assert "second@example.org" in lines[0] and "Reset your password" in lines[0]
    assert "first@example.org" in lines[1]
    assert "+0000" in lines[0]  # the Date header


def test_outbox_command_shows_one_message(app, city_a, make_user, outbox, run_jobs):
    first, _ = _two_emails(app, city_a, make_user, run_jobs)
    result = app.test_cli_runner().invoke(args=["mail", "outbox", "--show", "2"])

    assert result.exit_code == 0, result.output
    assert "To: first@example.org" in result.output
    assert "Subject: Reset your password" in result.output
    assert f"Message-ID: <{first.hex}@" in result.output
    assert "https://example.org/reset/x" in result.output


def test_outbox_command_limits_and_refuses_a_missing_number(
    app, city_a, make_user, outbox, run_jobs
):
    _two_emails(app, city_a, make_user, run_jobs)
    runner = app.test_cli_runner()
    limited = runner.invoke(args=["mail", "outbox", "--limit", "1"])
    assert len(limited.output.splitlines()) == 1
    missing = runner.invoke(args=["mail", "outbox", "--show", "3"])
    assert missing.exit_code == 2
    assert "the outbox holds 2" in missing.output


def test_outbox_command_on_an_empty_outbox(app, outbox):
    result = app.test_cli_runner().invoke(args=["mail", "outbox"])
    assert result.exit_code == 0
    assert "The outbox is empty" in result.output
