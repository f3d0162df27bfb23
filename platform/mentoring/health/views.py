"""Liveness and dependencies for load balancers and operators (any host)."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text
from werkzeug.wrappers import Response

from mentoring.extensions import db

bp = Blueprint("health", __name__)


def _database() -> str:
    try:
        db.session.execute(text("SELECT 1"))
        return "ok"
    except Exception:  # noqa: BLE001 - any failure means "down"
        db.session.rollback()
        return "down"


def _queue() -> str:
    state = current_app.extensions["rq"]
    if not state["is_async"]:
        return "in-process"
    try:
        state["connection"].ping()
        return "ok"
    except Exception:  # noqa: BLE001
        return "down"


def _mail() -> str:
    """How e-mail leaves: "smtp", or "outbox" (files on this server's disk)."""
    return "smtp" if current_app.config["MAIL_SERVER"] else "outbox"


@bp.route("/healthz")
def healthz() -> tuple[Response, int]:
    """200 when every dependency is up; each one says how it runs, not just "ok"."""
    checks = {"database": _database(), "queue": _queue(), "mail": _mail()}
    healthy = "down" not in checks.values()
    body = {"status": "ok" if healthy else "unavailable", **checks}
    return jsonify(body), 200 if healthy else 503
