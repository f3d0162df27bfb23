"""Host -> tenant, resolved once per request before any view runs.

``<slug>.<MENTORING_DOMAIN>`` (or a custom domain) is a city; the apex domain is
the national network; any other host is answered with a 404 page.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, cast

from flask import Flask, abort, current_app, g, has_request_context, request
from werkzeug.local import LocalProxy

from mentoring.core.scoping import set_tenant
from mentoring.extensions import db

if TYPE_CHECKING:
    from mentoring.tenancy.models import Tenant

# Endpoints that answer on any host: load balancers probe by IP.
HOSTLESS_ENDPOINTS = frozenset({"health.healthz"})


def _current_tenant() -> Tenant | None:
    return g.get("tenant")


current_tenant = cast("Tenant", LocalProxy(_current_tenant))


def is_network_host() -> bool:
    """True on the apex host, where the national network works."""
    return bool(g.get("is_network"))


def request_host() -> str:
    """The Host header normalised (see :func:`normalise_host`); an odd one is a 404."""
    host = normalise_host(request.host)
    if host is None:
        set_tenant(db.session, None)  # nobody's host: nobody's data
        abort(404)
    return host


_HOST_LABEL = re.compile(r"[a-z0-9-]{1,63}")
_HOST_PORT = re.compile(r"[0-9]{1,5}")


def normalise_host(raw: str) -> str | None:
    """``Host`` -> lower-case name without port or one trailing dot; None if odd.

    Odd: empty or over-long labels, a name over 253 characters, any character
    outside ``[a-z0-9.-]`` (so userinfo such as ``city@evil.example`` and IPv6
    literals). Checked here as well as by Werkzeug, whose rules have changed
    between releases.
    """
    host = raw.lower()
    name, colon, port = host.rpartition(":")
    if colon:
        if not _HOST_PORT.fullmatch(port):
            return None
        host = name
    host = host.removesuffix(".")
    if not host or len(host) > 253:
        return None
    if not all(_HOST_LABEL.fullmatch(label) for label in host.split(".")):
        return None
    return host


def resolve_tenant() -> None:
    """``before_request``: find the city for this host and scope the session."""
    from mentoring.tenancy.queries import tenant_for_host

    g.tenant, g.is_network = None, False
    if request.endpoint in HOSTLESS_ENDPOINTS:
        set_tenant(db.session, None)
        return
    host, domain = request_host(), current_app.config["MENTORING_DOMAIN"]
    if host == domain:
        g.is_network = True
        set_tenant(db.session, None)
        return
    tenant = tenant_for_host(host, domain)
    if tenant is None:
        set_tenant(db.session, None)
        abort(404)
    g.tenant = tenant
    set_tenant(db.session, tenant.id)


def tenant_url(tenant: Tenant, path: str = "/") -> str:
    """Absolute URL of ``path`` on a city's own configured host.

    The one way to build a link for an e-mail or another site: scheme and port
    come from the configuration (``PREFERRED_URL_SCHEME``, ``PUBLIC_PORT``),
    never from the request, whose Host header the client chooses.
    """
    return _absolute(
        f"{tenant.subdomain}.{current_app.config['MENTORING_DOMAIN']}", path
    )


def network_url(path: str = "/") -> str:
    """Absolute URL of ``path`` on the network's apex host (from configuration)."""
    return _absolute(current_app.config["MENTORING_DOMAIN"], path)


def site_url(path: str = "/") -> str:
    """Absolute URL of ``path`` on this request's site: its city's, or the network's."""
    tenant = g.get("tenant") if has_request_context() else None
    return tenant_url(tenant, path) if tenant is not None else network_url(path)


def _absolute(host: str, path: str) -> str:
    scheme = current_app.config["PREFERRED_URL_SCHEME"]
    port = str(current_app.config.get("PUBLIC_PORT") or "")
    return f"{scheme}://{host}{':' + port if port else ''}{path}"


def register_tenancy(app: Flask) -> None:
    app.before_request(resolve_tenant)
    app.jinja_env.globals.update(
        current_tenant=current_tenant,
        is_network_host=is_network_host,
        tenant_url=tenant_url,
        network_url=network_url,
    )


def require_city() -> None:
    """Blueprint ``before_request`` for city pages: 404 on the network host."""
    if g.get("tenant") is None:
        abort(404)


def require_network() -> None:
    """Blueprint ``before_request`` for network pages: 404 on a city's host."""
    if not g.get("is_network"):
        abort(404)
