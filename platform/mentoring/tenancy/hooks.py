"""The request's city: resolved once from the Host header, before any view.

``<slug>.<MENTORING_DOMAIN>`` (or a custom domain) is a city; the apex domain is
the national network; any other host gets the 404 page. The request then runs
inside :func:`mentoring.core.context.in_city` (or ``in_network``) until its end.
"""

from __future__ import annotations

from contextlib import ExitStack

from flask import Flask, abort, current_app, g, request

from mentoring.core.context import in_city, in_network
from mentoring.core.tenancy import request_host
from mentoring.extensions import db
from mentoring.jobs import CITY_LOADER
from mentoring.tenancy.queries import tenant_by_id, tenant_for_host

# Endpoints that answer on any host: load balancers probe by IP.
HOSTLESS_ENDPOINTS = frozenset({"health.healthz"})
_STACK = "_city_context"


def resolve_tenant() -> None:
    """``before_request``: enter the host's city (or the network) for the request."""
    stack = g.setdefault(_STACK, ExitStack())
    if request.endpoint in HOSTLESS_ENDPOINTS:
        g.tenant, g.is_network = None, False
        return
    host, domain = request_host(), current_app.config["MENTORING_DOMAIN"]
    if host == domain:
        stack.enter_context(in_network())
        return
    tenant = tenant_for_host(host, domain) if host else None
    if tenant is None:
        g.tenant, g.is_network = None, False
        abort(404)
    stack.enter_context(in_city(tenant))


def leave_tenant(_error: BaseException | None = None) -> None:
    """``teardown_request``: leave the request's city."""
    stack = g.pop(_STACK, None)
    if stack is not None:
        db.session.remove()  # the request's session ends here, not reset in SQL
        stack.close()


def register_tenant_hooks(app: Flask) -> None:
    """First of all ``before_request`` hooks: everything after knows the city.

    Jobs find their city the same way (``jobs.city_job`` asks ``CITY_LOADER``).
    """
    app.before_request(resolve_tenant)
    app.teardown_request(leave_tenant)
    app.extensions[CITY_LOADER] = tenant_by_id
