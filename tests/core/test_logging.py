"""Unhandled errors are logged with a traceback, the request id and the city."""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterator

import click
import pytest
from flask import Flask
from flask.cli import with_appcontext

from mentoring.app import create_app
from mentoring.core.logs import (
    ContextFilter,
    JsonFormatter,
    TextFormatter,
    log_format,
)
from mentoring.extensions import db
from mentoring.jobs import app_job
from tests.conftest import host_of

ID_RE = re.compile(r"[0-9a-f]{32}")


@pytest.fixture
def failing_app(database_url, tmp_path) -> Iterator[Flask]:
    """An app that answers errors as production does, with a route that raises."""
    app = create_app(
        {
            "TESTING": True,
            "PROPAGATE_EXCEPTIONS": False,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "INSTANCE_DIR": str(tmp_path),
            "REDIS_URL": "",
        }
    )

    @app.route("/test-only/boom")
    def boom() -> str:
        raise RuntimeError("the test route fails")

    yield app
    with app.app_context():
        db.engine.dispose()


def error_records(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_an_unhandled_error_is_logged_with_traceback_request_id_and_city(
    failing_app, city_a, caplog
):
    client = failing_app.test_client()
    response = client.get(
        "/test-only/boom",
        base_url=f"http://{host_of(city_a)}",
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 500
    request_id = response.headers["X-Request-ID"]
    assert ID_RE.fullmatch(request_id)
    html = response.get_data(as_text=True)
    assert "Something went wrong" in html
    assert "Request ID" in html and request_id in html
    assert "RuntimeError" not in html  # never a stack trace on the page
    (record,) = error_records(caplog)
    assert record.exc_info and record.exc_info[0] is RuntimeError
    assert "the test route fails" in logging.Formatter().formatException(
        record.exc_info
    )
    assert record.request_id == request_id
    assert record.city == city_a.slug
    assert (record.method, record.path) == ("GET", "/test-only/boom")


def test_the_error_page_shows_the_request_id_in_danish_too(failing_app, city_a):
    response = failing_app.test_client().get(
        "/test-only/boom",
        base_url=f"http://{host_of(city_a)}",
        headers={"Accept-Language": "da"},
    )
    html = response.get_data(as_text=True)
    assert "Request ID" not in html
    assert response.headers["X-Request-ID"] in html


def test_every_response_carries_a_request_id(client_for, city_a):
    client = client_for(city_a)
    first, second = client.get("/"), client.get("/no-such-page")
    assert first.status_code == 200 and second.status_code == 404
    assert ID_RE.fullmatch(first.headers["X-Request-ID"])
    assert first.headers["X-Request-ID"] != second.headers["X-Request-ID"]
    assert second.headers["X-Request-ID"] in second.get_data(as_text=True)
    assert ID_RE.fullmatch(client_for(None).get("/healthz").headers["X-Request-ID"])


@pytest.mark.parametrize(
    ("incoming", "kept"),
    [
        ("5f0c8a2e-9b1d-4c3e-8f7a-1b2c3d4e5f60", True),
        ("abcdef0123456789", True),
        ("short", False),
        ("x" * 65, False),
        ("<script>alert(1)</script>", False),
        ("id with spaces", False),
        ("-leading-dash-id", False),
    ],
)
def test_a_proxys_request_id_is_kept_only_if_well_formed(
    client_for, city_a, incoming, kept
):
    response = client_for(city_a).get("/", headers={"X-Request-ID": incoming})
    returned = response.headers["X-Request-ID"]
    assert (returned == incoming) is kept
    if not kept:
        assert ID_RE.fullmatch(returned)


# -- formats ------------------------------------------------------------------------


def _record_with_traceback(**extra: str) -> logging.LogRecord:
    try:
        raise ValueError("bad\nthing")
    except ValueError:
        exc_info = sys.exc_info()
    return logging.getLogger("mentoring.test").makeRecord(
        "mentoring.test", logging.ERROR, __file__, 1, "failed %s", ("x",),
        exc_info, extra=extra,
    )  # fmt: skip


def test_json_lines_carry_the_context_and_the_traceback():
    record = _record_with_traceback(
        request_id="abc12345", city="aarhus", method="POST", path="/login"
    )
    line = JsonFormatter().format(record)
    assert "\n" not in line  # one line per event
    entry = json.loads(line)
    assert entry["level"] == "ERROR" and entry["message"] == "failed x"
    assert entry["logger"] == "mentoring.test"
    assert (entry["request_id"], entry["city"]) == ("abc12345", "aarhus")
    assert (entry["method"], entry["path"]) == ("POST", "/login")
    assert "ValueError: bad" in entry["traceback"]
    assert entry["time"].endswith("+00:00")


def test_the_filter_adds_the_request_context(app, city_a):
    with app.test_request_context("/x", base_url=f"http://{host_of(city_a)}"):
        from flask import g

        g.tenant = city_a
        record = _record_with_traceback()
        assert ContextFilter().filter(record)
        entry = json.loads(JsonFormatter().format(record))
        text = TextFormatter().format(record)
    assert entry["city"] == city_a.slug and entry["path"] == "/x"
    assert ID_RE.fullmatch(entry["request_id"])
    assert f"request_id={entry['request_id']}" in text
    assert f"city={city_a.slug}" in text and "failed x" in text


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ({"ENV_NAME": "production", "LOG_FORMAT": ""}, "json"),
        ({"ENV_NAME": "development", "LOG_FORMAT": ""}, "text"),
        ({"ENV_NAME": "development", "LOG_FORMAT": "json"}, "json"),
        ({"ENV_NAME": "production", "LOG_FORMAT": "text"}, "text"),
    ],
)
def test_json_in_production_text_in_development(config, expected):
    assert log_format(config) == expected


# -- jobs and commands -----------------------------------------------------------


@app_job
def exploding_job(tenant_id: str) -> None:
    raise RuntimeError("the job fails")


def test_a_failing_job_is_logged_with_the_job_and_the_city(app, city_a, caplog):
    with app.app_context(), pytest.raises(RuntimeError):
        exploding_job(str(city_a.id))
    (record,) = error_records(caplog)
    assert record.exc_info and record.exc_info[0] is RuntimeError
    assert record.job == "exploding_job"
    assert record.tenant_id == str(city_a.id)


@click.command("explode")
@with_appcontext
def explode_command() -> None:
    raise RuntimeError("the command fails")


@click.command("refuse")
@with_appcontext
def refuse_command() -> None:
    raise click.ClickException("bad input")


def test_a_failing_command_is_logged_with_its_name(app, caplog):
    result = app.test_cli_runner().invoke(explode_command)
    assert isinstance(result.exception, RuntimeError)
    (record,) = error_records(caplog)
    assert record.exc_info and "explode" in record.command


def test_a_commands_answer_to_bad_input_is_no_error(app, caplog):
    result = app.test_cli_runner().invoke(refuse_command)
    assert result.exit_code == 1 and "bad input" in result.output
    assert error_records(caplog) == []
