"""PostgreSQL row-level security: the database keeps cities apart by itself.

These tests go around the app's own guard (a raw connection, plain SQL), as a
bug in a view would: what stops the leak then is the policy on every
tenant-owned table, for a role that is neither superuser nor BYPASSRLS.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

from mentoring.core.scoping import set_tenant, tenant_owned_tables
from mentoring.extensions import db
from mentoring.programmes.models import Cohort
from tests.conftest import TEST_DATABASE_URL, require
from tests.factories import CohortFactory


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    require(bool(TEST_DATABASE_URL), "needs PostgreSQL (TEST_DATABASE_URL)")


@pytest.fixture
def cohorts(city_a: Any, city_b: Any, in_city: Any) -> dict[str, Any]:
    """One cohort in each city; returns their ids by city."""
    ids = {}
    for key, tenant in (("a", city_a), ("b", city_b)):
        with in_city(tenant):
            ids[key] = CohortFactory().id
    return ids


def scope(connection: Any, tenant: Any | None, cross: bool = False) -> None:
    """Set what the app sets per transaction, on the raw connection."""
    connection.exec_driver_sql(
        "SELECT set_config('app.tenant_id', %s, true),"
        " set_config('app.cross_tenant', %s, true)",
        (str(tenant.id) if tenant is not None else "", "on" if cross else ""),
    )


def cohort_rows(connection: Any) -> set[tuple[Any, Any]]:
    rows = connection.exec_driver_sql("SELECT id, tenant_id FROM cohorts")
    return {(str(i), str(t)) for i, t in rows}


def test_every_tenant_table_forces_row_level_security(connection):
    rows = connection.execute(
        sa.text(
            "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class"
            " WHERE relkind = 'r' AND relname = ANY(:names)"
        ),
        {"names": sorted(tenant_owned_tables())},
    ).all()
    assert {name for name, *_ in rows} == tenant_owned_tables()
    assert all(enabled and forced for _, enabled, forced in rows), rows
    policies = connection.execute(
        sa.text(
            "SELECT tablename FROM pg_policies WHERE policyname = 'tenant_isolation'"
        )
    ).scalars()
    assert set(policies) == tenant_owned_tables()


def test_the_app_is_no_superuser_and_cannot_bypass_rls(connection):
    superuser, bypass = connection.execute(
        sa.text(
            "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user"
        )
    ).one()
    assert (superuser, bypass) == (False, False)


def test_each_transaction_of_the_session_carries_its_city(app, city_a):
    with app.app_context():
        setting = sa.text("SELECT current_setting('app.tenant_id', true)")
        set_tenant(db.session, city_a.id)
        assert db.session.scalar(setting) == str(city_a.id)
        db.session.commit()  # the next transaction sets it again
        assert db.session.scalar(setting) == str(city_a.id)
        set_tenant(db.session, None)  # also inside an open transaction
        assert db.session.scalar(setting) == ""


def test_plain_sql_sees_only_the_city_in_scope(connection, cohorts, city_a, city_b):
    scope(connection, city_a)
    assert cohort_rows(connection) == {(str(cohorts["a"]), str(city_a.id))}
    scope(connection, city_b)
    assert cohort_rows(connection) == {(str(cohorts["b"]), str(city_b.id))}


def test_plain_sql_without_a_city_sees_nothing(connection, cohorts):
    scope(connection, None)
    assert cohort_rows(connection) == set()
    users = connection.exec_driver_sql("SELECT count(*) FROM users").scalar()
    assert users == 0


def test_only_explicit_cross_tenant_sees_every_city(connection, cohorts, city_a):
    scope(connection, None, cross=True)
    assert {str(cohorts["a"]), str(cohorts["b"])} <= {
        i for i, _ in cohort_rows(connection)
    }
    scope(connection, city_a, cross=True)  # a city in scope always wins
    assert cohort_rows(connection) == {(str(cohorts["a"]), str(city_a.id))}


def test_plain_sql_cannot_change_another_citys_rows(connection, cohorts, city_a):
    scope(connection, city_a)
    renamed = connection.execute(
        sa.text("UPDATE cohorts SET name = 'taken' WHERE id = :id"),
        {"id": cohorts["b"]},
    )
    assert renamed.rowcount == 0
    deleted = connection.execute(
        sa.text("DELETE FROM cohorts WHERE id = :id"), {"id": cohorts["b"]}
    )
    assert deleted.rowcount == 0


def _insert_cohort(connection: Any, tenant: Any) -> None:
    connection.execute(
        sa.insert(Cohort.__table__).values(
            tenant_id=tenant.id,
            name="Inserted by hand",
            starts_on=date(2026, 3, 1),
            ends_on=date(2026, 7, 1),
        )
    )


def test_writing_a_row_for_another_city_is_refused(connection, city_a, city_b):
    scope(connection, city_a)
    with connection.begin_nested():
        _insert_cohort(connection, city_a)  # the control: own city works
    with (
        pytest.raises(DBAPIError, match="row-level security"),
        connection.begin_nested(),
    ):
        _insert_cohort(connection, city_b)


def test_moving_a_row_to_another_city_is_refused(connection, cohorts, city_a, city_b):
    scope(connection, city_a)
    with (
        pytest.raises(DBAPIError, match="row-level security"),
        connection.begin_nested(),
    ):
        connection.execute(
            sa.text("UPDATE cohorts SET tenant_id = :b WHERE id = :id"),
            {"b": city_b.id, "id": cohorts["a"]},
        )
