"""The current city as the rest of the code sees it, and links to its pages.

The city is resolved from the Host header by ``tenancy.hooks`` and entered with
``core.context.in_city``; this module only reads it (``current_tenant``).
"""

from __future__ import annotations

from typing import Any, cast

from flask import Flask, abort, current_app, g, has_request_context, request
from werkzeug.local import LocalProxy

from mentoring.core.context import City


def _current_tenant() -> City | None:
    return g.get("tenant")


current_tenant = cast("City", LocalProxy(_current_tenant))


def is_network_host() -> bool:
    """True on the apex host, where the national network works."""
    return bool(g.get("is_network"))


def request_host() -> str:
    """The Host header without port, lower-cased."""
    return request.host.rsplit(":", 1)[0].lower().rstrip(".")


def tenant_url(tenant: City, path: str = "/") -> str:
    """Absolute URL of ``path`` on a city's own host.

    In a request: the request's scheme and port. In a job or command (no
    request): ``PREFERRED_URL_SCHEME`` and ``PUBLIC_PORT`` from the configuration.
    """
    return _absolute(
        f"{tenant.subdomain}.{current_app.config['MENTORING_DOMAIN']}", path
    )


def network_url(path: str = "/") -> str:
    """Absolute URL of ``path`` on the network's apex host."""
    return _absolute(current_app.config["MENTORING_DOMAIN"], path)


def _absolute(host: str, path: str) -> str:
    if has_request_context():
        scheme = request.scheme
        port = request.host.rsplit(":", 1)[1] if ":" in request.host else ""
    else:
        scheme = current_app.config["PREFERRED_URL_SCHEME"]
        port = str(current_app.config.get("PUBLIC_PORT") or "")
    return f"{scheme}://{host}{':' + port if port else ''}{path}"


def path_for(endpoint: str, **values: Any) -> str:
    """The path of ``endpoint`` (no host), with or without a request.

    Jobs and commands have no request to build URLs from; links they write go
    through :func:`tenant_url` / :func:`network_url` with this path.
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
