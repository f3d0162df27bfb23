"""The current city as the rest of the code sees it, and links to its pages.

The city is resolved from the Host header by ``tenancy.hooks`` and entered with
``core.context.in_city``; this module only reads it (``current_tenant``).
"""

from __future__ import annotations

import re
from typing import Any, cast

from flask import Flask, abort, current_app, g, has_app_context, request
from werkzeug.local import LocalProxy

from mentoring.core.context import City


def _current_tenant() -> City | None:
    return g.get("tenant")


current_tenant = cast("City", LocalProxy(_current_tenant))


def is_network_host() -> bool:
    """True on the apex host, where the national network works."""
    return bool(g.get("is_network"))


def request_host() -> str:
    """The Host header normalised (see :func:`normalise_host`); an odd one is a 404."""
    host = normalise_host(request.host)
    if host is None:
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


def tenant_url(tenant: City, path: str = "/") -> str:
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
    """Absolute URL of ``path`` on the current site: the city we are in
    (``in_city``, in a request, job or command), or else the network's."""
    tenant = g.get("tenant") if has_app_context() else None
    return tenant_url(tenant, path) if tenant is not None else network_url(path)


def _absolute(host: str, path: str) -> str:
    scheme = current_app.config["PREFERRED_URL_SCHEME"]
    port = str(current_app.config.get("PUBLIC_PORT") or "")
    return f"{scheme}://{host}{':' + port if port else ''}{path}"


def path_for(endpoint: str, **values: Any) -> str:
    """The path of ``endpoint`` (no host), with or without a request.

    Jobs and commands have no request to build URLs from; links they write go
    through :func:`site_url` / :func:`tenant_url` with this path.
    """
    adapter = current_app.url_map.bind("")
    return adapter.build(endpoint, values)


def register_tenancy(app: Flask) -> None:
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
