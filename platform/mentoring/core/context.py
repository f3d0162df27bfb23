"""Being inside a city: one context for requests, jobs and commands.

``in_city(tenant)`` is the only way code becomes "inside a city". It sets, and
on exit restores, everything that depends on the city:

* the database session's tenant scope (queries filtered, writes stamped, and on
  PostgreSQL the row-level-security setting);
* ``g.tenant``, which templates, e-mails and services read as ``current_tenant``;
* Babel's timezone (the city's) and default language, so dates written by a job
  for a city in New York are New York times, not Copenhagen's.

The request hook (``tenancy.hooks``), every city job (:func:`mentoring.jobs.city_job`)
and CLI commands use it. ``in_network()`` is the same for the apex host: no city,
so tenant-owned tables stay out of reach unless code asks for ``cross_tenant``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace
from typing import Any, Protocol

from flask import g

from mentoring.core.scoping import tenant_scope, without_tenant
from mentoring.extensions import db


class City(Protocol):
    """What the core needs of a city (``tenancy.models.Tenant`` is one)."""

    id: uuid.UUID
    slug: str
    subdomain: str
    timezone: str
    default_language: str


_UNSET = object()
# What ``in_city`` sets on ``g``; Flask-Babel caches locale and timezone in
# ``g._flask_babel``, so a fresh namespace makes it ask the selectors again.
_KEYS = ("tenant", "is_network", "_flask_babel")


@contextmanager
def in_city(tenant: City) -> Iterator[City]:
    """Run a block as ``tenant``: its data, its timezone, its default language."""
    saved = _enter(tenant=tenant, is_network=False)
    try:
        with tenant_scope(db.session, tenant.id):
            yield tenant
    finally:
        _leave(saved)


@contextmanager
def in_network() -> Iterator[None]:
    """Run a block as the national network (the apex host): no city in scope."""
    saved = _enter(tenant=None, is_network=True)
    try:
        with without_tenant(db.session):
            yield
    finally:
        _leave(saved)


def _enter(**values: Any) -> dict[str, Any]:
    saved = {key: g.get(key, _UNSET) for key in _KEYS}
    for key, value in values.items():
        setattr(g, key, value)
    g._flask_babel = SimpleNamespace()  # noqa: SLF001 - Babel's per-context cache
    return saved


def _leave(saved: dict[str, Any]) -> None:
    for key, value in saved.items():
        if value is _UNSET:
            g.pop(key, None)
        else:
            setattr(g, key, value)
