"""Signing in, as the core sees it: Flask-Login set up, role checks, and what
a session is bound to. Which account a session belongs to is the accounts
domain's business (``accounts.sessions.load_user``, registered by the app).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from hashlib import sha512
from typing import Any, TypeVar

from flask import Flask, abort, redirect, request, url_for
from flask_login import current_user
from werkzeug.middleware.proxy_fix import ProxyFix

from mentoring.core.i18n import _l
from mentoring.extensions import login_manager

F = TypeVar("F", bound=Callable[..., Any])


def session_identifier() -> str:
    """What ``session_protection = "strong"`` binds a session to.

    Flask-Login's own version believes any client's ``X-Forwarded-For``; this
    one takes the address the request came from, which is the client's only
    where ``TRUSTED_PROXIES`` makes ProxyFix rewrite it from the proxies'
    headers (see :func:`register_proxies`).
    """
    agent = request.headers.get("User-Agent", "")
    return sha512(f"{request.remote_addr}|{agent}".encode()).hexdigest()


def register_proxies(app: Flask) -> None:
    """Behind ``TRUSTED_PROXIES`` reverse proxies, trust that many hops of
    ``X-Forwarded-For`` and ``X-Forwarded-Proto``; otherwise none."""
    hops = int(app.config.get("TRUSTED_PROXIES") or 0)
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]


def roles_required(*roles: str) -> Callable[[F], F]:
    """Only signed-in users with one of ``roles`` (on their own host) may pass."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return redirect(url_for("accounts.login", next=_here()))
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator


def _here() -> str:
    """This page's path and query (``full_path`` ends in a bare ``?`` without one)."""
    return request.full_path if request.query_string else request.path


def register_auth(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please sign in to see that page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"
    login_manager._session_identifier_generator = session_identifier  # noqa: SLF001
    register_proxies(app)
