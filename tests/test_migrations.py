"""Migrations and models agree, and the migrations run both ways from empty.

The session's database was built by ``flask db upgrade`` (the ``app`` fixture);
if Alembic's autogenerate finds a difference, a model changed without its
migration (or the other way round).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import Flask
from flask_migrate import downgrade, upgrade

from mentoring.app import create_app
from mentoring.core.scoping import tenant_owned_tables
from mentoring.extensions import db
from tests.conftest import TEST_DATABASE_URL, _postgres_url, require


def test_models_and_migrations_agree(app, connection):
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    assert compare_metadata(context, db.metadata) == []


@pytest.fixture
def fresh_postgres_url() -> Iterator[str]:
    require(bool(TEST_DATABASE_URL), "needs PostgreSQL (TEST_DATABASE_URL)")
    yield from _postgres_url(TEST_DATABASE_URL)


def fresh_app(url: str, instance: Path) -> Flask:
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": url,
            "INSTANCE_DIR": str(instance),
        }
    )


def tables(app: Flask) -> set[str]:
    with app.app_context():
        return set(sa.inspect(db.engine).get_table_names())


def down_and_up(app: Flask) -> None:
    """Upgrade from empty, downgrade to empty, upgrade again."""
    expected = {t.name for t in db.metadata.sorted_tables} | {"alembic_version"}
    try:
        with app.app_context():
            upgrade()
        assert tables(app) == expected
        with app.app_context():
            downgrade(revision="base")
        assert tables(app) == {"alembic_version"}
        with app.app_context():
            upgrade()
        assert tables(app) == expected
    finally:
        with app.app_context():
            db.engine.dispose()


def test_downgrade_and_upgrade_on_a_fresh_sqlite_file(tmp_path):
    down_and_up(fresh_app(f"sqlite:///{tmp_path / 'fresh.sqlite3'}", tmp_path))


def test_downgrade_and_upgrade_on_a_fresh_postgres_database(
    fresh_postgres_url, tmp_path
):
    app = fresh_app(fresh_postgres_url, tmp_path)
    down_and_up(app)
    with app.app_context():
        forced = db.session.execute(
            sa.text(
                "SELECT relname FROM pg_class"
                " WHERE relrowsecurity AND relforcerowsecurity"
            )
        ).scalars()
        assert set(forced) == tenant_owned_tables()
        db.session.remove()
        db.engine.dispose()
