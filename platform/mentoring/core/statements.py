"""Which tenant tables a SQL statement reads, and whether the criteria reaches them.

The tenant criteria (``with_loader_criteria``) filters ORM entities: those a
SELECT returns, selects from or joins, and the target of an UPDATE or DELETE.
Anything else that puts a tenant table in a FROM list is read unfiltered: a Core
table or alias, a table that only a WHERE names, a ``text()`` fragment, a
literal column, a Core subquery. :func:`reaches_tenant_tables` finds those so
that the scoping guard (``core.scoping``) can refuse them. Pure SQLAlchemy: no
Flask, no session.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import RelationshipProperty
from sqlalchemy.sql.elements import ColumnClause, TextClause
from sqlalchemy.sql.selectable import (
    Alias,
    AliasedReturnsRows,
    CompoundSelect,
    Select,
    SelectBase,
    TableClause,
)


class UnscopedRead(Exception):
    """A statement reaches a tenant table where the tenant criteria cannot."""


@dataclass
class _Froms:
    """What one SELECT (or UPDATE/DELETE) puts in its FROM list."""

    covered: set[Any] = field(default_factory=set)  # tenant FROMs of ORM entities
    used: set[Any] = field(default_factory=set)  # every tenant FROM it reads
    every: set[Any] = field(default_factory=set)  # every FROM, tenant or not


def reaches_tenant_tables(statement: Any, names: frozenset[str]) -> bool:
    """Whether ``statement`` reads or writes one of the tables ``names``.

    Raises :class:`UnscopedRead` where it reaches one the criteria cannot filter.
    Each nested SELECT is checked on its own; one in an expression (not in a
    FROM list) may correlate to the FROMs of the SELECT around it, as SQL does
    when it keeps a FROM of its own.
    """
    touched = False
    pending: list[tuple[Any, _Froms | None]] = [(statement, None)]
    while pending:
        select, outer = pending.pop()
        froms, subqueries = _walk(select, names)
        if outer is not None and froms.every - outer.every:
            froms.covered |= outer.covered
        touched = touched or bool(froms.used or froms.covered)
        unscoped = froms.used - froms.covered
        if unscoped:
            name = _table_name(next(iter(unscoped)))
            raise UnscopedRead(f"tenant table {name!r} read outside an ORM entity")
        pending += [(sub, None if in_from else froms) for sub, in_from in subqueries]
    return touched


def _walk(statement: Any, names: frozenset[str]) -> tuple[_Froms, list[Any]]:
    """The FROMs of one statement, and the SELECTs nested in it (not entered)."""
    froms, subqueries = _Froms(), []
    stack: list[tuple[Any, Any]] = [(statement, None)]
    while stack:
        element, parent = stack.pop()
        if isinstance(element, SelectBase) and element is not statement:
            in_from = isinstance(parent, AliasedReturnsRows | CompoundSelect)
            subqueries.append((element, in_from))
            continue
        _refuse_text(element, names)
        if isinstance(element, ColumnClause):
            _note(froms, element.table, names, entity=False)
        elif isinstance(element, TableClause | Alias):
            _note(froms, element, names, entity=_is_entity(element))
        else:
            if isinstance(element, AliasedReturnsRows):
                froms.every.add(element._deannotate())  # a subquery, a CTE
            stack.extend((child, element) for child in element.get_children())
    if isinstance(statement, Select):
        for source in _entity_froms(statement):
            _note(froms, source, names, entity=True)
    return froms, subqueries


def _note(froms: _Froms, source: Any, names: frozenset[str], entity: bool) -> None:
    if source is None:
        return
    source = source._deannotate()
    froms.every.add(source)
    if _table_name(source) in names:
        (froms.covered if entity else froms.used).add(source)


def _is_entity(element: Any) -> bool:
    """An entity's own FROM (``select_from(User)``, ``join(User)``)."""
    return "parententity" in element._annotations


def _table_name(source: Any) -> str | None:
    while isinstance(source, Alias):
        source = source.element
    return source.name if isinstance(source, TableClause) else None


def _entity_froms(select: Select) -> set[Any]:
    """FROMs of the entities a SELECT returns (``select(User.email)`` too),
    selects from, or joins (``join(User)``, ``join(Participant.cohort)``)."""
    try:
        descriptions = select.column_descriptions
    except AttributeError:  # the inner SELECT of a Core exists(): no entities
        descriptions = []
    entities = {d.get("entity") for d in descriptions}
    for target, *_ in select._setup_joins:
        if isinstance(getattr(target, "property", None), RelationshipProperty):
            entities.add(getattr(target, "_of_type", None) or target.property.entity)
        else:
            entities.add(_entity_of(target))
    entities.update(_entity_of(f) for f in select._from_obj)
    entities.discard(None)
    return {inspect(e).selectable for e in entities}


def _entity_of(from_clause: Any) -> Any:
    return getattr(from_clause, "_annotations", {}).get("parententity")


def _refuse_text(element: Any, names: frozenset[str]) -> None:
    """SQL written by hand: refused if it names a tenant table anywhere."""
    if isinstance(element, TextClause):
        sql = element.text
    elif isinstance(element, ColumnClause) and element.is_literal:
        sql = element.name
    else:
        return
    touched = _table_pattern(names).search(sql)
    if touched:
        raise UnscopedRead(f"text() on tenant table {touched.group(1)!r}")


@cache
def _table_pattern(names: frozenset[str]) -> re.Pattern[str]:
    alternatives = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    return re.compile(rf"\b({alternatives})\b", re.IGNORECASE)
