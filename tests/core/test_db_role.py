"""Production refuses a database role row-level security cannot hold (PostgreSQL).

Roles are cluster-wide: each run makes its own, with a unique suffix, and drops
them afterwards. The GRANTs are the README's ("Database roles").
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask_migrate import upgrade
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from mentoring.app import create_app
from mentoring.core.database import UnsafeDatabaseRole, check_app_role
from mentoring.extensions import db
from tests.conftest import TEST_DATABASE_URL, require

GRANTS = """
GRANT CONNECT ON DATABASE {db} TO {app};
GRANT USAGE ON SCHEMA public TO {app};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {app};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {app};
ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {app};
ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public
  GRANT USAGE, SELECT ON SEQUENCES TO {app};
"""


@pytest.fixture(scope="module")
def roles(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A fresh database migrated by an owner role; URLs for each kind of role."""
    require(bool(TEST_DATABASE_URL), "needs PostgreSQL (TEST_DATABASE_URL)")
    admin_url = make_url(TEST_DATABASE_URL).set(drivername="postgresql+psycopg")
    suffix = uuid.uuid4().hex[:8]
    name = f"mentoring_roles_{suffix}"
    owner, app_role, bypass = (f"{r}_{suffix}" for r in ("owner", "app", "bypass"))
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE ROLE {owner} LOGIN NOSUPERUSER NOBYPASSRLS"))
        conn.execute(text(f"CREATE ROLE {app_role} LOGIN NOSUPERUSER NOBYPASSRLS"))
        conn.execute(text(f"CREATE ROLE {bypass} LOGIN NOSUPERUSER BYPASSRLS"))
        conn.execute(text(f"CREATE DATABASE {name} OWNER {owner}"))

    def url(role: str | None) -> str:
        return admin_url.set(
            username=role or admin_url.username, password=None, database=name
        ).render_as_string(hide_password=False)

    instance = tmp_path_factory.mktemp("roles")
    try:
        migrated = _app(url(owner), instance, production=False)
        with migrated.app_context():
            upgrade()
            from mentoring.tenancy.services import sync_tenants

            sync_tenants(Path(migrated.config["TENANTS_DIR"]))
            db.session.commit()
            db.engine.dispose()
        owner_engine = create_engine(url(owner), isolation_level="AUTOCOMMIT")
        with owner_engine.connect() as conn:
            for role in (app_role, bypass):
                for statement in GRANTS.format(db=name, app=role, owner=owner).split(
                    ";"
                ):
                    if statement.strip():
                        conn.execute(text(statement))
        owner_engine.dispose()
        yield {
            "app": url(app_role),
            "owner": url(owner),
            "bypass": url(bypass),
            "superuser": url(None),
            "instance": str(instance),
        }
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            for role in (app_role, bypass, owner):
                conn.execute(text(f"DROP ROLE IF EXISTS {role}"))
        admin.dispose()


def _app(url: str, instance: Path, production: bool = True):  # noqa: ANN202
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": url,
            "INSTANCE_DIR": str(instance),
            "MAIL_OUTBOX_DIR": str(instance / "outbox"),
            "REDIS_URL": "",
            "ENV_NAME": "production" if production else "development",
        }
    )
    return app


def _dispose(app) -> None:  # noqa: ANN001
    with app.app_context():
        db.engine.dispose()


def test_the_app_role_starts_and_row_level_security_holds(roles):
    app = _app(roles["app"], Path(roles["instance"]))
    check_app_role(app)  # no error
    with app.app_context(), db.engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM tenants")) > 1  # platform data
        conn.execute(text("SELECT set_config('app.tenant_id', '', false)"))
        assert conn.scalar(text("SELECT count(*) FROM users")) == 0
        assert conn.scalar(text("SELECT count(*) FROM applications")) == 0
    _dispose(app)


@pytest.mark.parametrize(
    ("kind", "problem"),
    [
        ("superuser", "is a superuser"),
        ("bypass", "has BYPASSRLS"),
        ("owner", "owns the tables"),
    ],
)
def test_production_refuses_a_role_that_sees_every_city(roles, kind, problem):
    app = _app(roles[kind], Path(roles["instance"]))
    with pytest.raises(UnsafeDatabaseRole, match=problem) as info:
        check_app_role(app)
    assert "README" in str(info.value)
    _dispose(app)


def test_development_does_not_ask(roles):
    app = _app(roles["superuser"], Path(roles["instance"]), production=False)
    check_app_role(app)
    _dispose(app)
