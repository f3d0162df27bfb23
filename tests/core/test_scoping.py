"""Tenant scoping holds against each of its known holes (STACK-NOTES, issue 2).

Every city gets the same shape of data (a cohort with a mentor-mentee pair);
each test then works as city A and shows that city B's rows are either scoped
away or refused with ``TenantScopeError`` — on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from sqlalchemy.exc import IntegrityError, InvalidRequestError, NoResultFound
from sqlalchemy.orm import aliased, joinedload, selectinload
from werkzeug.exceptions import NotFound

from mentoring.accounts.models import User
from mentoring.core.scoping import (
    TENANT_KEY,
    TenantScopeError,
    cross_tenant,
    scope_of,
    set_tenant,
    tenant_scope,
)
from mentoring.extensions import db
from mentoring.programmes.models import Cohort, Pair, Participant
from tests.conftest import TEST_DATABASE_URL, host_of, login
from tests.factories import PairFactory, UserFactory

ON_POSTGRES = bool(TEST_DATABASE_URL)


@pytest.fixture
def cities(city_a: Any, city_b: Any, in_city: Any) -> SimpleNamespace:
    """The same data in both cities: ``cities.a`` and ``cities.b`` hold the ids."""

    def seed(tenant: Any) -> SimpleNamespace:
        with in_city(tenant):
            pair = PairFactory(cohort__name="Spring")
            return SimpleNamespace(
                tenant=tenant,
                cohort_id=pair.cohort_id,
                pair_id=pair.id,
                mentee_id=pair.mentee_id,
                mentor_id=pair.mentor_id,
                user_id=pair.mentee.user_id,
                email=pair.mentee.user.email,
                emails={pair.mentee.user.email, pair.mentor.user.email},
            )

    return SimpleNamespace(a=seed(city_a), b=seed(city_b))


@pytest.fixture
def as_city(app: Flask) -> Any:
    """``with as_city(tenant) as session:`` — a session scoped to one city.

    The block's writes are rolled back when the app context ends.
    """

    @contextmanager
    def scope(tenant: Any | None) -> Iterator[Any]:
        with app.app_context():
            set_tenant(db.session, tenant.id if tenant is not None else None)
            yield db.session

    return scope


def every_city(session: Any, statement: Any) -> list[Any]:
    """Run ``statement`` across cities, to check what really is in the database."""
    with cross_tenant(session, "test: check the whole database"):
        return list(session.execute(statement))


# -- reads ------------------------------------------------------------------------


def test_select_returns_only_current_city(cities, as_city):
    with as_city(cities.a.tenant) as session:
        emails = set(session.scalars(sa.select(User.email)))
        users = session.scalars(sa.select(User)).all()
        assert emails == cities.a.emails
        assert {u.tenant_id for u in users} == {cities.a.tenant.id}
        assert (
            session.scalar(sa.select(User).where(User.id == cities.b.user_id)) is None
        )


def test_join_puts_the_city_into_the_join(cities, as_city):
    with as_city(cities.a.tenant) as session:
        # Both cities have a cohort named "Spring": only the criteria in the ON
        # clause keeps B's out.
        rows = session.execute(
            sa.select(Pair.id, Cohort.id).join(Cohort, Cohort.name == "Spring")
        ).all()
        assert rows == [(cities.a.pair_id, cities.a.cohort_id)]


def test_outer_join_does_not_bring_in_another_city(cities, as_city):
    with as_city(cities.a.tenant) as session:
        # Joined on a condition that ignores the city: B's participants match too,
        # unless the criteria sits in the ON clause.
        rows = session.execute(
            sa.select(Cohort.id, Participant.id).outerjoin(
                Participant, Participant.role.is_not(None)
            )
        ).all()
        assert {cohort for cohort, _ in rows} == {cities.a.cohort_id}
        assert {p for _, p in rows} == {cities.a.mentee_id, cities.a.mentor_id}


def test_aggregates_count_only_current_city(cities, as_city):
    with as_city(cities.a.tenant) as session:
        assert session.scalar(sa.select(sa.func.count(User.id))) == 2
        assert session.scalar(sa.select(sa.func.count()).select_from(User)) == 2
        assert session.scalar(sa.select(sa.func.count()).select_from(Pair)) == 1
        by_role = dict(
            session.execute(
                sa.select(Participant.role, sa.func.count()).group_by(Participant.role)
            ).all()
        )
        assert by_role == {"mentee": 1, "mentor": 1}


def test_subquery_and_in_are_scoped(cities, as_city):
    with as_city(cities.a.tenant) as session:
        sub = sa.select(Participant.user_id).scalar_subquery()
        assert set(session.scalars(sa.select(User.email).where(User.id.in_(sub)))) == (
            cities.a.emails
        )
        derived = sa.select(User.id).subquery()
        assert session.scalar(sa.select(sa.func.count()).select_from(derived)) == 2


def test_exists_from_an_orm_select_is_scoped(cities, as_city):
    with as_city(cities.a.tenant) as session:
        for email, found in ((cities.a.email, True), (cities.b.email, False)):
            exists = sa.select(User.id).where(User.email == email).exists()
            assert session.scalar(sa.select(exists)) is found
            assert session.scalar(sa.select(Cohort.id).where(exists)) == (
                cities.a.cohort_id if found else None
            )


def test_exists_without_orm_columns_is_refused(cities, as_city):
    # sa.exists() with no ORM entity is a Core statement: the criteria never
    # sees it, so the guard refuses it (own city or not).
    with as_city(cities.a.tenant) as session:
        for email in (cities.a.email, cities.b.email):
            with pytest.raises(TenantScopeError):
                session.scalar(sa.select(sa.exists().where(User.email == email)))


def test_tenant_table_named_only_in_where_is_refused(cities, as_city):
    # The criteria filters the entities a SELECT returns, selects from or joins:
    # a table brought in by a WHERE alone would be read unfiltered.
    with as_city(cities.a.tenant) as session:
        for email in (cities.a.email, cities.b.email):
            query = sa.select(sa.literal(1)).where(User.email == email)
            with pytest.raises(TenantScopeError):
                session.scalars(query).all()


def test_aliased_entities_are_scoped(cities, as_city):
    with as_city(cities.a.tenant) as session:
        mentee, mentor = aliased(Participant), aliased(Participant)
        rows = session.execute(
            sa.select(mentee.id, mentor.id)
            .join(Pair, Pair.mentee_id == mentee.id)
            .join(mentor, mentor.id != mentee.id)
        ).all()
        assert rows == [(cities.a.mentee_id, cities.a.mentor_id)]


def test_union_and_cte_are_scoped(cities, as_city):
    with as_city(cities.a.tenant) as session:
        union = sa.union(
            sa.select(User.email).where(User.role == "mentee"),
            sa.select(User.email).where(User.role == "mentor"),
        )
        assert set(session.scalars(union)) == cities.a.emails
        cte = sa.select(User.id).cte("people")
        assert session.scalar(sa.select(sa.func.count()).select_from(cte)) == 2


def test_correlated_subquery_is_scoped(cities, as_city):
    with as_city(cities.a.tenant) as session:
        taking_part = (
            sa.select(sa.func.count(Participant.id))
            .where(Participant.user_id == User.id)
            .scalar_subquery()
        )
        rows = session.execute(sa.select(User.email, taking_part)).all()
        assert dict(rows) == dict.fromkeys(cities.a.emails, 1)


def test_legacy_query_and_paginate_are_scoped(cities, as_city):
    with as_city(cities.a.tenant) as session:
        assert {u.email for u in session.query(User)} == cities.a.emails
        page = db.paginate(sa.select(User).order_by(User.email), page=1, per_page=10)
        assert page.total == 2
        assert {u.email for u in page.items} == cities.a.emails


# -- relationship loads -------------------------------------------------------------


def test_relationship_loads_stay_in_the_city(cities, as_city):
    with as_city(cities.a.tenant) as session:
        cohort = session.scalar(sa.select(Cohort))
        assert {p.id for p in cohort.participants} == {
            cities.a.mentee_id,
            cities.a.mentor_id,
        }
        for option in (selectinload, joinedload):
            session.expunge_all()
            loaded = session.scalars(
                sa.select(Cohort).options(option(Cohort.pairs))
            ).unique()
            assert [[p.id for p in c.pairs] for c in loaded] == [[cities.a.pair_id]]


def test_lazy_many_to_one_stays_in_the_city(cities, as_city):
    with as_city(cities.a.tenant) as session:
        pair = session.scalar(sa.select(Pair))
        assert pair.mentee.user.email == cities.a.email
        assert pair.cohort.tenant_id == cities.a.tenant.id


# -- the identity map -------------------------------------------------------------


def test_get_by_id_of_another_city_finds_nothing(cities, as_city):
    with as_city(cities.a.tenant) as session:
        assert session.get(User, cities.b.user_id) is None
        assert session.get(User, cities.a.user_id).email == cities.a.email
        with pytest.raises(NoResultFound):
            session.get_one(Cohort, cities.b.cohort_id)


def test_another_city_answers_404_exactly_like_a_missing_id(cities, as_city):
    with as_city(cities.a.tenant):
        for missing in (cities.b.pair_id, uuid.uuid4()):
            with pytest.raises(NotFound):
                db.get_or_404(Pair, missing)
            with pytest.raises(NotFound):
                db.one_or_404(sa.select(Pair).where(Pair.id == missing))
        assert db.get_or_404(Pair, cities.a.pair_id).id == cities.a.pair_id


def test_switching_city_empties_the_identity_map(cities, as_city):
    with as_city(cities.b.tenant) as session:
        stale = session.get(User, cities.b.user_id)
        assert stale is not None
        set_tenant(session, cities.a.tenant.id)
        assert stale not in session
        assert session.get(User, cities.b.user_id) is None
        with pytest.raises(InvalidRequestError):
            session.refresh(stale)  # detached: not this session's any more


def test_get_never_hands_out_a_foreign_object_it_holds(cities, as_city):
    # The backstop behind set_tenant: even if a scope changed without emptying
    # the identity map, session.get checks what it would answer with no SQL.
    with as_city(cities.b.tenant) as session:
        held = session.get(User, cities.b.user_id)
        session.info[TENANT_KEY] = cities.a.tenant.id  # bypasses set_tenant
        assert held in session
        assert session.get(User, cities.b.user_id) is None
        with pytest.raises(NotFound):
            db.get_or_404(User, cities.b.user_id)


def test_leaving_a_tenant_scope_forgets_its_objects(cities, as_city):
    with as_city(cities.a.tenant) as session:
        with tenant_scope(session, cities.b.tenant.id):
            foreign = session.get(User, cities.b.user_id)
            assert foreign is not None
        assert scope_of(session) == (cities.a.tenant.id, None)
        assert foreign not in session
        assert session.get(User, cities.b.user_id) is None


def test_foreign_object_cannot_be_attached(cities, as_city):
    with as_city(cities.b.tenant) as session:
        foreign = session.get(User, cities.b.user_id)
    with as_city(cities.a.tenant) as session:
        with pytest.raises(TenantScopeError):
            session.add(foreign)
        assert foreign not in session
        assert session.get(User, cities.b.user_id) is None


def test_merge_of_foreign_object_is_refused(cities, as_city):
    with as_city(cities.b.tenant) as session:
        foreign = session.get(User, cities.b.user_id)
    for load in (True, False):
        with as_city(cities.a.tenant) as session:
            with pytest.raises(TenantScopeError):
                session.merge(foreign, load=load)
            assert list(session) == []  # the half-made copy is gone
            assert session.get(User, cities.b.user_id) is None


# -- refresh and expired attributes -------------------------------------------------


def _move_row(connection: Any, user_id: uuid.UUID, to: Any, scope: Any) -> None:
    """What only cross-tenant code could do: give a row to another city.

    Runs on the test's connection, under the session; on PostgreSQL it lifts
    row-level security for the one statement and then restores ``scope``.
    """
    users = User.__table__
    postgres = connection.dialect.name == "postgresql"
    setting = (
        "SELECT set_config('app.tenant_id', %s, true),"
        " set_config('app.cross_tenant', %s, true)"
    )
    if postgres:
        connection.exec_driver_sql(setting, ("", "on"))
    connection.execute(
        sa.update(users).where(users.c.id == user_id).values(tenant_id=to.id)
    )
    if postgres:
        connection.exec_driver_sql(setting, (str(scope.id), ""))


# On PostgreSQL row-level security already hides the moved row: SQLAlchemy then
# reports it gone, before the app's own check sees it.
REFUSED_ON_LOAD = (
    (TenantScopeError, InvalidRequestError) if ON_POSTGRES else (TenantScopeError,)
)


@pytest.mark.parametrize("how", ["refresh", "expired attribute"])
def test_reloading_a_row_of_another_city_is_refused(
    city_a, city_b, make_user, as_city, connection, how
):
    user = make_user(city_a)
    with as_city(city_a) as session:
        loaded = session.get(User, user.id)
        _move_row(connection, user.id, to=city_b, scope=city_a)
        with pytest.raises(REFUSED_ON_LOAD):
            if how == "refresh":
                session.refresh(loaded)
            else:
                session.expire(loaded)
                _ = loaded.email


# -- Core and text ------------------------------------------------------------------

users_table = User.__table__
core_users = sa.select(users_table.c.email).subquery()


@pytest.mark.parametrize(
    "statement",
    [
        pytest.param(sa.text("SELECT email FROM users"), id="text"),
        pytest.param(sa.text('SELECT email FROM "Users"'), id="text-quoted"),
        pytest.param(sa.select(users_table), id="core-select"),
        pytest.param(sa.select(users_table.c.email), id="core-column"),
        pytest.param(sa.update(users_table).values(full_name="x"), id="core-update"),
        pytest.param(sa.delete(Pair.__table__), id="core-delete"),
        pytest.param(
            sa.select(sa.table("users", sa.column("email"))), id="lightweight-table"
        ),
        pytest.param(
            sa.select(sa.literal_column("email")).select_from(sa.text("users")),
            id="text-fragment",
        ),
        pytest.param(
            sa.select(sa.literal_column("(SELECT count(*) FROM users)")),
            id="literal-column",
        ),
        pytest.param(
            sa.select(User.email).union(sa.select(users_table.c.email)),
            id="orm-union-core",
        ),
        pytest.param(
            sa.select(Cohort.id).where(
                sa.text("EXISTS (SELECT 1 FROM users WHERE email = 'x')")
            ),
            id="orm-with-text-where",
        ),
        pytest.param(
            sa.select(User.email).from_statement(sa.text("SELECT email FROM users")),
            id="from-statement-columns",
        ),
        pytest.param(
            sa.select(User.id).where(User.email.in_(sa.select(users_table.c.email))),
            id="core-subquery-in-where",
        ),
        pytest.param(
            sa.select(Cohort.id, core_users.c.email).join(core_users, sa.true()),
            id="core-subquery-in-from",
        ),
        pytest.param(
            sa.select(User.email).where(
                sa.select(sa.func.count()).where(User.role == "x").scalar_subquery() > 0
            ),
            id="uncorrelated-where-only-subquery",
        ),
    ],
)
def test_statements_the_criteria_cannot_see_are_refused(
    cities, as_city, city_a, statement
):
    for tenant in (city_a, None):
        with as_city(tenant) as session, pytest.raises(TenantScopeError):
            session.execute(statement)


def test_text_without_tenant_tables_is_allowed(cities, as_city):
    for tenant in (cities.a.tenant, None):
        with as_city(tenant) as session:
            assert session.scalar(sa.text("SELECT 1")) == 1
            assert session.scalar(sa.select(sa.literal(2))) == 2


def test_text_and_core_are_allowed_across_cities(cities, as_city):
    with as_city(None) as session, cross_tenant(session, "test: operations"):
        emails = set(session.scalars(sa.text("SELECT email FROM users")))
        assert cities.a.emails | cities.b.emails <= emails
        count = session.scalar(sa.select(sa.func.count()).select_from(users_table))
        assert count == len(emails)


def test_raw_connection_is_refused_inside_a_city(cities, as_city):
    with as_city(cities.a.tenant) as session, pytest.raises(TenantScopeError):
        session.connection()


def test_raw_connection_is_refused_without_a_tenant(cities, as_city):
    with as_city(None) as session:
        with pytest.raises(TenantScopeError):
            session.connection()
        with cross_tenant(session, "test: operations"):
            assert session.connection().scalar(sa.text("SELECT 1")) == 1


def test_from_statement_returning_another_citys_rows_is_refused(cities, as_city):
    with as_city(cities.a.tenant) as session:
        own = sa.select(User).from_statement(
            sa.text("SELECT * FROM users WHERE email = :e")
        )
        assert session.scalars(own, {"e": cities.a.email}).one().email == cities.a.email
        if ON_POSTGRES:  # row-level security already hides the row
            assert session.scalars(own, {"e": cities.b.email}).all() == []
        else:
            with pytest.raises(TenantScopeError):
                session.scalars(own, {"e": cities.b.email}).all()
        assert all(u.tenant_id == cities.a.tenant.id for u in session)
        assert session.get(User, cities.b.user_id) is None


# -- ORM writes by statement -----------------------------------------------------------


def test_orm_update_touches_only_the_current_city(cities, as_city):
    with as_city(cities.a.tenant) as session:
        result = session.execute(sa.update(User).values(full_name="Renamed"))
        assert result.rowcount == 2
        names = every_city(session, sa.select(User.email, User.full_name))
        renamed = {email for email, name in names if name == "Renamed"}
        assert renamed == cities.a.emails


def test_orm_delete_touches_only_the_current_city(cities, as_city):
    with as_city(cities.a.tenant) as session:
        assert session.execute(sa.delete(Pair)).rowcount == 1
        left = every_city(session, sa.select(Pair.id))
        assert cities.b.pair_id in {pair_id for (pair_id,) in left}
        assert cities.a.pair_id not in {pair_id for (pair_id,) in left}


def test_orm_update_cannot_move_rows_to_another_city(cities, as_city):
    with as_city(cities.a.tenant) as session, pytest.raises(TenantScopeError):
        session.execute(sa.update(User).values(tenant_id=cities.b.tenant.id))


def test_orm_insert_statement_is_refused(cities, as_city):
    values = {"email": "new@example.org", "full_name": "New", "role": "mentee"}
    with as_city(cities.a.tenant) as session:
        for statement, params in (
            (sa.insert(User).values(tenant_id=cities.b.tenant.id, **values), None),
            (sa.insert(User), {"tenant_id": cities.a.tenant.id, **values}),
            (sa.insert(User), [{"tenant_id": cities.b.tenant.id, **values}]),
        ):
            with pytest.raises(TenantScopeError):
                session.execute(statement, params)


def test_bulk_update_by_primary_key_is_refused(cities, as_city):
    with as_city(cities.a.tenant) as session, pytest.raises(TenantScopeError):
        session.execute(
            sa.update(User),
            [{"id": cities.b.user_id, "full_name": "Hijacked"}],
        )


@pytest.mark.parametrize(
    "method", ["bulk_save_objects", "bulk_insert_mappings", "bulk_update_mappings"]
)
def test_legacy_bulk_methods_are_refused(cities, as_city, method):
    with as_city(cities.a.tenant) as session, pytest.raises(TenantScopeError):
        if method == "bulk_save_objects":
            session.bulk_save_objects([User(email="x@example.org", full_name="X")])
        else:
            getattr(session, method)(User, [{"id": cities.b.user_id}])


# -- flushes --------------------------------------------------------------------------


def test_new_object_is_stamped_with_the_current_city(city_a, as_city):
    with as_city(city_a) as session:
        user = UserFactory()
        assert user.tenant_id == city_a.id
        session.flush()
        assert session.scalar(sa.select(User.tenant_id).where(User.id == user.id)) == (
            city_a.id
        )


def test_new_object_for_another_city_is_refused(city_a, city_b, as_city):
    with as_city(city_a) as session:
        session.add(User(tenant_id=city_b.id, email="x@example.org", full_name="X"))
        with pytest.raises(TenantScopeError):
            session.flush()


def test_object_cannot_move_to_another_city(cities, as_city):
    with as_city(cities.a.tenant) as session:
        cohort = session.get(Cohort, cities.a.cohort_id)
        cohort.tenant_id = cities.b.tenant.id
        with pytest.raises(TenantScopeError):
            session.flush()


def test_deleting_another_citys_object_is_refused(cities, as_city):
    with as_city(cities.b.tenant) as session:
        foreign = session.get(Pair, cities.b.pair_id)
    with as_city(cities.a.tenant) as session, pytest.raises(TenantScopeError):
        session.delete(foreign)  # refused as it attaches, or at the latest here:
        session.flush()
    with as_city(cities.b.tenant) as session:
        assert session.get(Pair, cities.b.pair_id) is not None


def test_reference_to_another_citys_row_is_refused(cities, as_city):
    with as_city(cities.b.tenant) as session:
        foreign_user = session.get(User, cities.b.user_id)
    with as_city(cities.a.tenant) as session:
        cohort = session.get(Cohort, cities.a.cohort_id)
        with pytest.raises(TenantScopeError):
            session.add(Participant(cohort=cohort, user=foreign_user, role="mentee"))
            session.flush()


def test_flush_check_refuses_cross_city_references_even_across_cities(cities, as_city):
    with as_city(None) as session, cross_tenant(session, "test: operations"):
        cohort = session.get(Cohort, cities.a.cohort_id)
        foreign_user = session.get(User, cities.b.user_id)
        session.add(
            Participant(
                tenant_id=cities.a.tenant.id,
                cohort=cohort,
                user=foreign_user,
                role="mentee",
            )
        )
        with pytest.raises(TenantScopeError, match="another city"):
            session.flush()


@pytest.mark.parametrize("model", ["participant", "pair"])
def test_database_refuses_cross_city_references(cities, as_city, model):
    a, b = cities.a, cities.b
    with as_city(None) as session, cross_tenant(session, "test: bypass the checks"):
        if model == "participant":
            row = Participant(
                tenant_id=a.tenant.id,
                cohort_id=a.cohort_id,
                user_id=b.user_id,
                role="mentee",
            )
        else:
            session.delete(session.get(Pair, a.pair_id))  # frees A's participants
            session.flush()
            row = Pair(
                tenant_id=a.tenant.id,
                cohort_id=b.cohort_id,
                mentee_id=a.mentee_id,
                mentor_id=a.mentor_id,
            )
        session.add(row)  # ids only: the flush check cannot see the rows behind
        with pytest.raises(IntegrityError, match="(?i)foreign key"):
            session.flush()


def test_moving_a_row_is_refused_even_across_cities(cities, as_city):
    with as_city(None) as session, cross_tenant(session, "test: operations"):
        cohort = session.get(Cohort, cities.a.cohort_id)
        cohort.tenant_id = cities.b.tenant.id
        with pytest.raises(TenantScopeError, match="cannot move"):
            session.flush()


# -- no tenant, and crossing cities -------------------------------------------------


def test_reading_without_a_tenant_is_refused(cities, as_city):
    with as_city(None) as session:
        for read in (
            lambda: session.scalars(sa.select(User)).all(),
            lambda: session.scalar(sa.select(sa.func.count()).select_from(User)),
            lambda: session.get(Cohort, cities.a.cohort_id),
            lambda: session.execute(sa.update(User).values(full_name="x")),
        ):
            with pytest.raises(TenantScopeError):
                read()


def test_writing_without_a_tenant_is_refused(as_city):
    with as_city(None) as session:
        session.add(User(email="x@example.org", full_name="X", role="mentee"))
        with pytest.raises(TenantScopeError):
            session.flush()


def test_cross_tenant_needs_a_reason(as_city):
    with as_city(None) as session, pytest.raises(ValueError):  # noqa: SIM117
        with cross_tenant(session, ""):
            pass


def test_cross_tenant_restores_the_previous_scope(cities, as_city):
    with as_city(cities.a.tenant) as session:
        with cross_tenant(session, "test: operations"):
            assert scope_of(session) == (None, "test: operations")
            both = set(session.scalars(sa.select(Pair.id)))
            assert {cities.a.pair_id, cities.b.pair_id} <= both
        assert scope_of(session) == (cities.a.tenant.id, None)
        assert list(session.scalars(sa.select(Pair.id))) == [cities.a.pair_id]


def test_cross_tenant_restores_the_scope_after_an_error(cities, as_city):
    with as_city(cities.a.tenant) as session:
        with pytest.raises(KeyError), cross_tenant(session, "test: operations"):
            raise KeyError("boom")
        assert scope_of(session) == (cities.a.tenant.id, None)


# -- HTTP ---------------------------------------------------------------------------


def test_login_of_one_city_is_no_login_at_another(
    app, city_a, city_b, make_user, client_for
):
    name = app.config["SESSION_COOKIE_NAME"]
    user = make_user(city_a, role="coordinator")
    client_a = client_for(city_a)
    assert login(client_a, user.email).status_code == 302
    assert client_a.get("/coordinator/").status_code == 200
    cookie = client_a.get_cookie(name, domain=host_of(city_a))
    assert cookie is not None
    client_b = client_for(city_b)
    client_b.set_cookie(name, cookie.value, domain=host_of(city_b))
    response = client_b.get("/coordinator/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
