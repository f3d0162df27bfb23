"""Who is signed in, bound to the host they signed in on.

A city user is loaded by id *and* the current city (the tenant scope adds the
city to the query); a network user only on the apex host. The cookie carries a
random session key too, and the session must be recorded on the server and not
ended (sign-out, a new password): one indexed lookup that also loads the user.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from hashlib import sha512
from typing import Any, TypeVar

from flask import Flask, abort, g, redirect, request, session, url_for
from flask_login import current_user
from werkzeug.middleware.proxy_fix import ProxyFix

from mentoring.core.i18n import _l
from mentoring.core.models import utcnow
from mentoring.core.scoping import set_tenant
from mentoring.extensions import db, login_manager

F = TypeVar("F", bound=Callable[..., Any])
# ``last_seen_at`` is written at most this often (not on every request).
SEEN_EVERY = timedelta(minutes=1)


def load_user(user_id: str) -> Any:
    from mentoring.accounts.models import (
        AccountSession,
        NetworkSession,
        NetworkUser,
        User,
    )
    from mentoring.accounts.services import SESSION_KEY
    from mentoring.accounts.tokens import session_key_hash

    key = session.get(SESSION_KEY)
    try:
        ident = uuid.UUID(user_id)
    except ValueError:
        return None
    if g.get("tenant") is not None:
        model, sessions = User, AccountSession
    elif g.get("is_network"):
        model, sessions = NetworkUser, NetworkSession
    else:
        return None
    if not isinstance(key, str):
        return None
    found = db.session.execute(
        db.select(model, sessions.id, sessions.last_seen_at)
        .join(sessions, sessions.user_id == model.id)
        .where(
            model.id == ident,
            sessions.key_hash == session_key_hash(key),
            sessions.ended_at.is_(None),
        )
    ).first()
    if found is None or not found[0].is_active:
        return None
    user, session_id, last_seen_at = found
    if utcnow() - last_seen_at >= SEEN_EVERY:
        _seen(sessions, session_id)
    return user


def _seen(sessions: Any, session_id: uuid.UUID) -> None:
    """Note the session as seen, in a short transaction of its own.

    The request's own transaction may end in a rollback (or hold locks until
    the view commits), and GET requests often never commit at all.
    """
    touch = db.session.session_factory()
    try:
        set_tenant(touch, g.tenant.id if g.get("tenant") is not None else None)
        touch.execute(
            db.update(sessions)
            .where(sessions.id == session_id)
            .values(last_seen_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        touch.commit()
    finally:
        touch.close()


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
    login_manager.user_loader(load_user)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please sign in to see that page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"
    login_manager._session_identifier_generator = session_identifier  # noqa: SLF001
    register_proxies(app)
