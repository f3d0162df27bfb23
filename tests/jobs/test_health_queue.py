"""`GET /healthz` names the queue: "ok" on Redis, "in-process" without, 503 if down."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from mentoring.app import create_app
from mentoring.extensions import db
from tests.conftest import REDIS_URL, require


@pytest.fixture
def separate_app(tmp_path) -> Iterator:
    """``separate_app(redis_url)``: an app of its own on a fresh SQLite file."""
    made: list[Flask] = []

    def make(redis_url: str) -> Flask:
        app = create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "test-secret",
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'health.sqlite3'}",
                "INSTANCE_DIR": str(tmp_path),
                "MAIL_OUTBOX_DIR": str(tmp_path / "outbox"),
                "REDIS_URL": redis_url,
            }
        )
        made.append(app)
        return app

    yield make
    for app in made:
        with app.app_context():
            db.engine.dispose()


def health(app: Flask):
    response = app.test_client().get("/healthz", base_url="http://localhost")
    return response.status_code, response.get_json()


def test_healthz_queue_ok_with_redis(client_for):
    require(bool(REDIS_URL), "needs Redis (REDIS_URL)")
    response = client_for(None).get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {
        "status": "ok",
        "database": "ok",
        "queue": "ok",
        "mail": "outbox",
    }


def test_healthz_queue_in_process_without_redis(separate_app):
    status, body = health(separate_app(""))
    assert status == 200
    assert body == {
        "status": "ok",
        "database": "ok",
        "queue": "in-process",
        "mail": "outbox",
    }


def test_healthz_503_when_redis_is_unreachable(separate_app):
    status, body = health(separate_app("redis://127.0.0.1:1/0"))
    assert status == 503
    assert body == {
        "status": "unavailable",
        "database": "ok",
        "queue": "down",
        "mail": "outbox",
    }


def test_healthz_says_smtp_when_mail_goes_to_a_server(separate_app):
    app = separate_app("")
    app.config["MAIL_SERVER"] = "smtp.example.org"
    status, body = health(app)
    assert status == 200
    assert body["mail"] == "smtp" and body["queue"] == "in-process"
