"""Who is signed in, bound to the host they signed in on.

A city user is loaded by id *and* the current city (the tenant scope adds the
city to the query); a network user only on the apex host. The session id also
carries a nonce that changes with the password, so a password reset signs out
every other device.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Flask, abort, g, redirect, request, url_for
from flask_login import current_user

from mentoring.core.i18n import _l
from mentoring.extensions import db, login_manager

F = TypeVar("F", bound=Callable[..., Any])


def load_user(user_id: str) -> Any:
    from mentoring.accounts.models import NetworkUser, User

    try:
        raw_id, nonce = user_id.split(":", 1)
        ident = uuid.UUID(raw_id)
    except ValueError:
        return None
    if g.get("tenant") is not None:
        model = User
    elif g.get("is_network"):
        model = NetworkUser
    else:
        return None
    user = db.session.scalar(db.select(model).where(model.id == ident))
    if user is None or not user.is_active or user.session_nonce != nonce:
        return None
    return user


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
