"""Tenant scoping: the one mechanism that keeps every city's data to itself.

Every tenant-owned model inherits :class:`TenantOwned`. The scope lives on the
SQLAlchemy session (``session.info``), so a request, a job or a CLI command each
carry their own. With a tenant in scope:

* ORM selects, updates and deletes that reach a tenant table get
  ``tenant_id = :tenant`` added (``with_loader_criteria``, aliases included);
* statements that reach a tenant table where that criteria cannot follow are
  refused: Core tables, ``text()``, a table only a WHERE names
  (``core.statements`` finds them); so are raw connections, ORM inserts, bulk
  writes and updates that would move rows to another city;
* objects reaching the session by any other road (``add``, ``merge``, refresh,
  ``from_statement``) are checked and refused if foreign, and leave the
  identity map; every change of scope empties it;
* flushes stamp ``tenant_id`` on new objects and refuse foreign or moved rows,
  and references between rows of different cities.

Without a tenant, touching tenant-owned data is refused unless the code says so
with :func:`cross_tenant` (network aggregates, operations, the demo seed).
On PostgreSQL, row-level security repeats the rule inside the database.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask_sqlalchemy.session import Session as FlaskSession
from sqlalchemy import (
    ForeignKey,
    ForeignKeyConstraint,
    UniqueConstraint,
    event,
    inspect,
)
from sqlalchemy.orm import (
    Mapped,
    ORMExecuteState,
    declared_attr,
    mapped_column,
    scoped_session,
    with_loader_criteria,
)
from sqlalchemy.orm import Session as SASession
from sqlalchemy.orm.context import FromStatement

from mentoring.core.statements import UnscopedRead, reaches_tenant_tables

TENANT_KEY = "tenant_id"
CROSS_KEY = "cross_tenant"


class TenantScopeError(RuntimeError):
    """Raised when code would read or write tenant data outside its scope."""


class TenantOwned:
    """Mixin for every table that holds one city's data."""

    @declared_attr
    def tenant_id(cls) -> Mapped[uuid.UUID]:  # noqa: N805
        return mapped_column(
            ForeignKey("tenants.id", ondelete="CASCADE"), index=True, nullable=False
        )


def tenant_table_args(*extra: Any) -> tuple[Any, ...]:
    """``__table_args__`` for a tenant-owned table.

    ``(tenant_id, id)`` is unique so that other tables can point at a row with a
    composite foreign key that includes the tenant: a row of one city can then
    never reference a row of another, whatever the code does.
    """
    return (UniqueConstraint("tenant_id", "id"), *extra)


def same_tenant_fk(column: str, target_table: str, **kw: Any) -> ForeignKeyConstraint:
    """A composite foreign key ``(tenant_id, column) -> target (tenant_id, id)``."""
    return ForeignKeyConstraint(
        ["tenant_id", column],
        [f"{target_table}.tenant_id", f"{target_table}.id"],
        **kw,
    )


def tenant_owned_tables() -> set[str]:
    """Names of the tables of tenant-owned models (used by RLS and the guards)."""
    from mentoring.core.models import Base

    return {
        m.local_table.name
        for m in Base.registry.mappers
        if issubclass(m.class_, TenantOwned)
    }


# -- scope state --------------------------------------------------------------


def _real(session: Any) -> SASession:
    """Accept ``db.session`` (a scoped_session proxy) as well as a Session."""
    return session() if isinstance(session, scoped_session) else session


def scope_of(session: Any) -> tuple[uuid.UUID | None, str | None]:
    info = _real(session).info
    return info.get(TENANT_KEY), info.get(CROSS_KEY)


def set_tenant(session: SASession, tenant_id: uuid.UUID | None) -> None:
    """Scope ``session`` to one city (or to none).

    Changing the tenant empties the identity map, so an object loaded for one
    city can never be handed out while serving another.
    """
    session = _real(session)
    if session.info.get(TENANT_KEY) != tenant_id or session.info.get(CROSS_KEY):
        session.expunge_all()
    session.info[TENANT_KEY] = tenant_id
    session.info[CROSS_KEY] = None
    _apply_database_setting(session)


@contextmanager
def tenant_scope(session: SASession, tenant_id: uuid.UUID) -> Iterator[None]:
    """Run a block (a job, a command) as one city; restores the previous scope."""
    session = _real(session)
    previous = scope_of(session)
    set_tenant(session, tenant_id)
    try:
        yield
    finally:
        if scope_of(session) != previous:
            session.expunge_all()  # the block's objects are not the caller's
        _restore(session, previous)


@contextmanager
def without_tenant(session: SASession) -> Iterator[None]:
    """Run a block with no city in scope (the network's pages); restores after."""
    session = _real(session)
    previous = scope_of(session)
    set_tenant(session, None)
    try:
        yield
    finally:
        if scope_of(session) != previous:
            session.expunge_all()
        _restore(session, previous)


@contextmanager
def cross_tenant(session: SASession, reason: str) -> Iterator[None]:
    """Explicitly lift tenant scoping for a block, saying why.

    For code that must see every city: network aggregates over anonymised
    counts, operations, the demo seed. Never for a city's own pages.
    """
    if not reason:
        raise ValueError("cross_tenant needs a reason")
    session = _real(session)
    previous = scope_of(session)
    session.expunge_all()
    session.info[TENANT_KEY] = None
    session.info[CROSS_KEY] = reason
    _apply_database_setting(session)
    try:
        yield
    finally:
        session.expunge_all()
        _restore(session, previous)


def _restore(session: SASession, previous: tuple[uuid.UUID | None, str | None]) -> None:
    session.info[TENANT_KEY], session.info[CROSS_KEY] = previous
    _apply_database_setting(session)


def _apply_database_setting(session: SASession) -> None:
    """Repeat the scope for PostgreSQL RLS in an already open transaction.

    A transaction that failed is left alone: it can only be rolled back, and
    the next one starts with the setting (``after_begin``).
    """
    transaction = session.get_transaction()
    if transaction is None or not transaction.is_active:
        return
    for conn in _open_connections(session):
        _set_rls(session, conn)


def _open_connections(session: SASession) -> list[Any]:
    transaction = session.get_transaction()
    if transaction is None:
        return []
    return [conn for conn, *_ in transaction._connections.values()]  # noqa: SLF001


def _set_rls(session: SASession, connection: Any) -> None:
    if connection.dialect.name != "postgresql":
        return
    tenant_id, cross = scope_of(session)
    connection.exec_driver_sql(
        "SELECT set_config('app.tenant_id', %(t)s, true),"
        " set_config('app.cross_tenant', %(c)s, true)",
        {"t": str(tenant_id) if tenant_id else "", "c": "on" if cross else ""},
    )


# -- the session --------------------------------------------------------------


class TenantSession(FlaskSession):
    """Flask-SQLAlchemy's session with the tenant guards attached.

    Listeners live on this class (not on ``db.session``) so that they survive
    fixtures that rebuild the session.
    """

    def get(self, entity: Any, ident: Any, **kw: Any) -> Any:
        """``session.get`` may answer from the identity map without SQL: check it."""
        obj = super().get(entity, ident, **kw)
        if isinstance(obj, TenantOwned) and not _visible(self, obj):
            return None
        return obj

    def connection(self, *args: Any, **kw: Any) -> Any:
        """A raw connection bypasses every guard: only inside ``cross_tenant``."""
        if not scope_of(self)[1]:
            raise TenantScopeError(
                "raw connections bypass tenant scoping; use ORM statements"
            )
        return super().connection(*args, **kw)

    def bulk_save_objects(self, *args: Any, **kw: Any) -> None:
        raise TenantScopeError("bulk_save_objects skips the tenant checks")

    def bulk_insert_mappings(self, *args: Any, **kw: Any) -> None:
        raise TenantScopeError("bulk_insert_mappings skips the tenant checks")

    def bulk_update_mappings(self, *args: Any, **kw: Any) -> None:
        raise TenantScopeError("bulk_update_mappings skips the tenant checks")


def _visible(session: SASession, obj: TenantOwned) -> bool:
    tenant_id, cross = scope_of(session)
    if cross:
        return True
    if tenant_id is None:
        raise TenantScopeError(f"{type(obj).__name__} read without a tenant in scope")
    value = inspect(obj).dict.get("tenant_id")
    return value is None or value == tenant_id


@event.listens_for(TenantSession, "detached_to_persistent")
def _check_attached(session: SASession, instance: Any) -> None:
    """An object of another city must not enter the identity map (``add``)."""
    if isinstance(instance, TenantOwned) and not _visible(session, instance):
        session.expunge(instance)  # attached already when this event runs
        raise TenantScopeError(f"{type(instance).__name__} of another city attached")


@event.listens_for(TenantSession, "after_begin")
def _after_begin(session: SASession, transaction: Any, connection: Any) -> None:
    # Called on every begin, also with '' for no tenant: inside a test savepoint
    # the previous value would otherwise survive.
    _set_rls(session, connection)


@event.listens_for(TenantSession, "do_orm_execute")
def _scope_statement(state: ORMExecuteState) -> None:
    tenant_id, cross = scope_of(state.session)
    if cross:
        return
    if not _touches_tenant_data(state.statement):
        return
    if tenant_id is None:
        raise TenantScopeError("tenant-owned data queried without a tenant in scope")
    if state.is_orm_statement:
        _refuse_unscoped_write(state)
    if state.is_column_load:
        return  # refresh/expired loads: objects are checked by the load events
    # Added to every ORM statement that reaches tenant data, not only to those
    # returning tenant entities: a count or a WHERE on a tenant table is a read.
    state.statement = state.statement.options(_criteria(tenant_id))


def _criteria(tenant_id: uuid.UUID) -> Any:
    return with_loader_criteria(
        TenantOwned,
        lambda cls: cls.tenant_id == tenant_id,
        include_aliases=True,
    )


def _refuse_unscoped_write(state: ORMExecuteState) -> None:
    """Writes by statement the criteria cannot scope; the flush is the way."""
    if state.is_insert:
        raise TenantScopeError("ORM insert statements skip the tenant checks")
    if state.is_update and isinstance(state.parameters, list):
        raise TenantScopeError("bulk ORM writes by primary key are not tenant-scoped")
    if state.is_update and TENANT_KEY in _assigned_columns(state):
        raise TenantScopeError("an update cannot move rows to another city")


def _assigned_columns(state: ORMExecuteState) -> set[str]:
    statement = state.statement
    keys = [*(statement._values or {}), *(state.parameters or {})]  # noqa: SLF001
    keys += [key for key, _ in statement._ordered_values or ()]  # noqa: SLF001
    return {key if isinstance(key, str) else getattr(key, "key", "") for key in keys}


def _touches_tenant_data(statement: Any) -> bool:
    """Whether ``statement`` reads or writes tenant tables; refuses it where
    the criteria cannot follow (Core tables, ``text()``, see ``core.statements``).

    ``from_statement`` loading whole tenant-owned objects passes: the load event
    checks every row.
    """
    if _loads_whole_tenant_objects(statement):
        return True
    try:
        return reaches_tenant_tables(statement, frozenset(tenant_owned_tables()))
    except UnscopedRead as exc:
        raise TenantScopeError(f"{exc} bypasses tenant scoping") from None


def _loads_whole_tenant_objects(statement: Any) -> bool:
    if not isinstance(statement, FromStatement):
        return False
    entities = [d["expr"] for d in statement.column_descriptions]
    return all(isinstance(e, type) and issubclass(e, TenantOwned) for e in entities)


@event.listens_for(TenantOwned, "load", propagate=True)
def _check_loaded(target: TenantOwned, context: Any) -> None:
    # ``merge`` reports the copy it has built with no query context.
    session = context.session if context is not None else inspect(target).session
    _refuse_foreign(session, target)


@event.listens_for(TenantOwned, "refresh", propagate=True)
def _check_refreshed(target: TenantOwned, context: Any, attrs: Any) -> None:
    # An ORM UPDATE that synchronises the session refreshes with no query context.
    session = context.session if context is not None else inspect(target).session
    _refuse_foreign(session, target)


def _refuse_foreign(session: SASession, target: TenantOwned) -> None:
    """A foreign row leaves the session before it is refused: it already sits
    in the identity map, where a later lookup could find it."""
    if not _visible(session, target):
        session.expunge(target)
        raise TenantScopeError(f"{type(target).__name__} of another city loaded")


# -- writes -------------------------------------------------------------------


@event.listens_for(TenantSession, "before_flush")
def _guard_flush(session: SASession, flush_context: Any, instances: Any) -> None:
    tenant_id, cross = scope_of(session)
    for obj in session.new:
        if isinstance(obj, TenantOwned):
            _stamp(obj, tenant_id, cross)
    for obj in session.dirty:
        if isinstance(obj, TenantOwned):
            _refuse_moved(obj)
            _refuse_foreign_write(obj, tenant_id, cross)
    for obj in session.deleted:
        if isinstance(obj, TenantOwned):
            _refuse_foreign_write(obj, tenant_id, cross)
    for obj in (*session.new, *session.dirty):
        if isinstance(obj, TenantOwned):
            _refuse_cross_references(obj)


def _stamp(obj: TenantOwned, tenant_id: uuid.UUID | None, cross: str | None) -> None:
    if obj.tenant_id is None:
        if tenant_id is None:
            raise TenantScopeError(f"new {type(obj).__name__} without a tenant")
        obj.tenant_id = tenant_id
    _refuse_foreign_write(obj, tenant_id, cross)


def _refuse_foreign_write(
    obj: TenantOwned, tenant_id: uuid.UUID | None, cross: str | None
) -> None:
    if cross:
        return
    if tenant_id is None or obj.tenant_id != tenant_id:
        raise TenantScopeError(f"{type(obj).__name__} written outside its city")


def _refuse_moved(obj: TenantOwned) -> None:
    history = inspect(obj).attrs.tenant_id.history
    if history.deleted and history.added:
        raise TenantScopeError(f"{type(obj).__name__} cannot move to another city")


def _refuse_cross_references(obj: TenantOwned) -> None:
    state = inspect(obj)
    for rel in state.mapper.relationships:
        if rel.viewonly:
            continue
        value = state.dict.get(rel.key)
        related = value if isinstance(value, list | set | tuple) else [value]
        for other in related:
            if isinstance(other, TenantOwned) and other.tenant_id not in (
                None,
                obj.tenant_id,
            ):
                raise TenantScopeError(
                    f"{type(obj).__name__}.{rel.key} points at another city's row"
                )
