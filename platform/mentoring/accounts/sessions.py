"""Which account a session belongs to: loaded on every request, bound to the host.

A city user is loaded by id *and* the current city (the tenant scope adds the
city to the query); a network user only on the apex host. The cookie carries a
random session key too, and the session must be recorded on the server and not
ended (sign-out, a new password): one indexed lookup that also loads the user.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from flask import Flask, g, session

from mentoring.accounts.models import AccountSession, NetworkSession, NetworkUser, User
from mentoring.accounts.services import SESSION_KEY
from mentoring.accounts.tokens import session_key_hash
from mentoring.core.models import utcnow
from mentoring.core.scoping import set_tenant
from mentoring.extensions import db, login_manager

# ``last_seen_at`` is written at most this often (not on every request).
SEEN_EVERY = timedelta(minutes=1)


def load_user(user_id: str) -> Any:
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


def register_user_loader(app: Flask) -> None:
    """Flask-Login loads the signed-in account with :func:`load_user`."""
    login_manager.user_loader(load_user)
