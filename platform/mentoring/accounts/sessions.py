"""Which account a session belongs to: loaded on every request, bound to the host.

A city user is loaded by id *and* the current city (the tenant scope adds the
city to the query); a network user only on the apex host. The cookie carries a
random session key too, and the session must be recorded on the server and not
ended (sign-out, a new password): one indexed lookup that also loads the user.
A session past its idle timeout or its lifetime (``accounts.timeouts``) is
ended there and then, and the person is told why on the next page.
"""

from __future__ import annotations

import uuid
from typing import Any

from flask import Flask, flash, g, session

from mentoring.accounts.models import AccountSession, NetworkSession, NetworkUser, User
from mentoring.accounts.services import SEEN_EVERY, SESSION_KEY, session_limits
from mentoring.accounts.timeouts import IDLE, Limits, expiry
from mentoring.accounts.tokens import session_key_hash
from mentoring.core.i18n import _
from mentoring.core.models import utcnow
from mentoring.core.scoping import set_tenant
from mentoring.extensions import db, login_manager


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
        db.select(model, sessions.id, sessions.created_at, sessions.last_seen_at)
        .join(sessions, sessions.user_id == model.id)
        .where(
            model.id == ident,
            sessions.key_hash == session_key_hash(key),
            sessions.ended_at.is_(None),
        )
    ).first()
    if found is None or not found[0].is_active:
        return None
    user, session_id, created_at, last_seen_at = found
    now = utcnow()
    limits = session_limits()
    ended = expiry(limits, user.role, created_at, last_seen_at, now)
    if ended is not None:
        _write(sessions, session_id, ended_at=now, end_reason=ended)
        _tell_why(ended, user.role, limits)
        return None
    if now - last_seen_at >= SEEN_EVERY:
        _write(sessions, session_id, last_seen_at=now)
    return user


def _tell_why(ended: str, role: str, limits: Limits) -> None:
    session.pop(SESSION_KEY, None)
    minutes = int(limits.idle_for(role).total_seconds() // 60)
    if ended == IDLE and minutes >= 120 and minutes % 60 == 0:
        message = _(
            "You were signed out after %(hours)s hours without activity."
            " Please sign in again.",
            hours=minutes // 60,
        )
    elif ended == IDLE:
        message = _(
            "You were signed out after %(minutes)s minutes without activity."
            " Please sign in again.",
            minutes=minutes,
        )
    else:
        hours = int(limits.lifetime.total_seconds() // 3600)
        message = _(
            "You were signed out: a session lasts at most %(hours)s hours."
            " Please sign in again.",
            hours=hours,
        )
    flash(message, "info")


def _write(sessions: Any, session_id: uuid.UUID, **values: Any) -> None:
    """Note the session as seen (or ended), in a short transaction of its own.

    The request's own transaction may end in a rollback (or hold locks until
    the view commits), and GET requests often never commit at all.
    """
    touch = db.session.session_factory()
    try:
        set_tenant(touch, g.tenant.id if g.get("tenant") is not None else None)
        touch.execute(
            db.update(sessions)
            .where(sessions.id == session_id)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        touch.commit()
    finally:
        touch.close()


def register_user_loader(app: Flask) -> None:
    """Flask-Login loads the signed-in account with :func:`load_user`."""
    login_manager.user_loader(load_user)
