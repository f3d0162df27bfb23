"""Engine set-up that SQLite needs to behave like the database we promise."""

from __future__ import annotations

import sqlite3
from typing import Any

from flask import Flask
from sqlalchemy import event, text
from sqlalchemy.engine import Connection, Engine


def _on_connect(dbapi_connection: Any, connection_record: Any) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        # SQLAlchemy's documented recipe: let SQLAlchemy, not pysqlite, begin
        # transactions, so that SAVEPOINT works; and enforce foreign keys
        # (the composite ones keep each city's rows apart).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()


def _on_begin(connection: Any) -> None:
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN")


def register_engine_events() -> None:
    """Idempotent: ``create_app`` may run many times in one process (tests)."""
    if not event.contains(Engine, "connect", _on_connect):
        event.listen(Engine, "connect", _on_connect)
        event.listen(Engine, "begin", _on_begin)


# -- the app's database role (README, "Database roles") ----------------------------

_ROLE = text("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")
_OWNED = text(
    "SELECT count(*) FROM pg_tables"
    " WHERE tableowner = current_user AND schemaname = current_schema()"
)


def role_problems(connection: Connection) -> list[str]:
    """What makes this connection's role unfit to serve cities (PostgreSQL)."""
    superuser, bypass = connection.execute(_ROLE).one()
    problems = []
    if superuser:
        problems.append("is a superuser")
    if bypass:
        problems.append("has BYPASSRLS")
    if connection.execute(_OWNED).scalar_one():
        problems.append("owns the tables (an owner can turn row-level security off)")
    return problems


class UnsafeDatabaseRole(RuntimeError):
    """Production refuses to serve as a role row-level security cannot hold."""


def check_app_role(app: Flask) -> None:
    """In production on PostgreSQL, refuse to start as a role that sees every city.

    Called by ``wsgi.py`` when serving and by the RQ worker; not by ``flask``
    commands, so ``db upgrade`` and ``tenants sync`` run as the owner.
    """
    url = str(app.config.get("SQLALCHEMY_DATABASE_URI", ""))
    if app.config.get("ENV_NAME") != "production" or not url.startswith("postgresql"):
        return
    from mentoring.extensions import db

    with app.app_context(), db.engine.connect() as connection:
        problems = role_problems(connection)
    if problems:
        raise UnsafeDatabaseRole(
            "refusing to start: the database role in DATABASE_URL "
            + ", ".join(problems)
            + ". Connect as the app role described in the README"
            " (Production, 'Database roles'); run migrations as the owner."
        )
