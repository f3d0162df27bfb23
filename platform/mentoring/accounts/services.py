"""Account writes: signing in and out, passwords, invitations and resets.

They flush; the request commits. E-mails go out after the commit.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from flask import current_app, g, request, session
from flask_login import login_user, logout_user

from mentoring.accounts import tokens
from mentoring.accounts.models import AccountSession, NetworkSession, NetworkUser, User
from mentoring.accounts.passwords import hash_password, verify_password
from mentoring.accounts.timeouts import Limits
from mentoring.core import limits
from mentoring.core.i18n import N_
from mentoring.core.models import utcnow
from mentoring.core.tenancy import path_for, site_url
from mentoring.extensions import db
from mentoring.mail.services import compose_email, queue_email, store_email

Account = User | NetworkUser
# The Flask session's key for the server-side session's random key.
SESSION_KEY = "sid"


def account_model() -> type[Account]:
    """City users on a city's host, network users on the apex host."""
    return User if g.get("tenant") is not None else NetworkUser


def scope_name() -> str:
    tenant = g.get("tenant")
    return str(tenant.id) if tenant is not None else "network"


def city_names() -> tuple[str, ...]:
    """The city's names and slug (none on the apex): kept out of passwords."""
    tenant = g.get("tenant")
    if tenant is None:
        return ()
    return (tenant.name_da, tenant.name_en, tenant.slug)


def find_account(email: str) -> Account | None:
    model = account_model()
    return db.session.scalar(
        db.select(model).where(model.email == normalise_email(email))
    )


def normalise_email(email: str) -> str:
    return email.strip().lower()


def authenticate(email: str, password: str) -> Account | None:
    account = find_account(email)
    ok = verify_password(account.password_hash if account else None, password)
    return account if ok and account is not None and account.is_active else None


def authenticate_limited(email: str, password: str) -> Account | None:
    """:func:`authenticate`, refused (429) while the account has had too many
    failed attempts, even with the right password; a failure counts one more."""
    subject = normalise_email(email)
    limits.refuse_if_limited("LIMIT_LOGIN_PER_ACCOUNT", "login", subject)
    account = authenticate(email, password)
    if account is None:
        limits.count("LIMIT_LOGIN_PER_ACCOUNT", "login", subject)
    return account


def session_model() -> type[AccountSession] | type[NetworkSession]:
    """A city's sessions on a city's host, the network's on the apex host."""
    return AccountSession if g.get("tenant") is not None else NetworkSession


def sign_in(account: Account) -> None:
    """Start a fresh session (a new session after login defeats fixation).

    The session is recorded on the server, so that signing out (or a new
    password) ends it there: a copied cookie is worth nothing afterwards.
    """
    _end_this_session("replaced")
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    key = tokens.new_session_key()
    db.session.add(
        session_model()(
            user_id=account.id,
            key_hash=tokens.session_key_hash(key),
            user_agent=(request.user_agent.string or "")[:200],
            ip_address=(request.remote_addr or "")[:45],
            last_seen_at=utcnow(),
        )
    )
    purge_old_sessions(account)
    db.session.flush()
    login_user(account)
    session[SESSION_KEY] = key
    account.last_login_at = utcnow()


def sign_out() -> None:
    """End this browser's session on the server too, then forget it here."""
    _end_this_session("signed_out")
    lang = session.get("lang")
    logout_user()
    session.clear()
    if lang:
        session["lang"] = lang


def set_password(account: Account, password: str) -> None:
    """New password; every other session of the account ends."""
    account.password_hash = hash_password(password)
    model = session_model()
    others = [model.user_id == account.id]
    key = session.get(SESSION_KEY)
    if key:  # this browser stays signed in
        others.append(model.key_hash != tokens.session_key_hash(key))
    _end_sessions("password_changed", *others)


def current_session_hash() -> str | None:
    key = session.get(SESSION_KEY)
    return tokens.session_key_hash(key) if isinstance(key, str) else None


def end_session(account: Account, session_id: uuid.UUID) -> bool:
    """End one of ``account``'s own open sessions; False if there is none such."""
    model = session_model()
    ended = db.session.execute(
        db.update(model)
        .where(
            model.id == session_id,
            model.user_id == account.id,
            model.ended_at.is_(None),
        )
        .values(ended_at=utcnow(), end_reason="ended_by_user")
        .execution_options(synchronize_session=False)
    )
    return bool(ended.rowcount)


def end_other_sessions(account: Account) -> None:
    """ "Sign out everywhere else": every session of ``account`` but this one."""
    model = session_model()
    others = [model.user_id == account.id]
    this = current_session_hash()
    if this is not None:
        others.append(model.key_hash != this)
    _end_sessions("ended_by_user", *others)


# ``last_seen_at`` is written at most this often (not on every request).
SEEN_EVERY = timedelta(minutes=1)


def session_limits() -> Limits:
    """The idle timeouts and the lifetime, from the app's configuration."""
    config = current_app.config
    return Limits(
        idle_staff=timedelta(minutes=int(config["SESSION_IDLE_MINUTES"])),
        idle_participants=timedelta(
            minutes=int(config["SESSION_IDLE_MINUTES_PARTICIPANTS"])
        ),
        lifetime=timedelta(hours=int(config["SESSION_LIFETIME_HOURS"])),
        seen_every=SEEN_EVERY,
    )


# Ended (or run-out) session rows are kept this long, then deleted at a sign-in.
KEEP_ENDED = timedelta(days=30)


def purge_old_sessions(account: Account) -> None:
    """Delete ``account``'s session rows that have been over for ``KEEP_ENDED``."""
    model = session_model()
    cutoff = utcnow() - KEEP_ENDED
    lifetime = session_limits().lifetime
    db.session.execute(
        db.delete(model)
        .where(
            model.user_id == account.id,
            db.or_(
                model.ended_at < cutoff,
                model.created_at < cutoff - lifetime,
            ),
        )
        .execution_options(synchronize_session=False)
    )


def end_all_sessions(account: Account, reason: str) -> None:
    """End every session of ``account`` on the server (deactivated: all browsers)."""
    _end_sessions(reason, session_model().user_id == account.id)


def _end_this_session(reason: str) -> None:
    key = session.get(SESSION_KEY)
    if key:
        _end_sessions(reason, session_model().key_hash == tokens.session_key_hash(key))


def _end_sessions(reason: str, *where: Any) -> None:
    model = session_model()
    db.session.execute(
        db.update(model)
        .where(model.ended_at.is_(None), *where)
        .values(ended_at=utcnow(), end_reason=reason)
        .execution_options(synchronize_session=False)
    )


def _max_age(purpose: str) -> int:
    key = "INVITATION_MAX_AGE" if purpose == "invite" else "PASSWORD_RESET_MAX_AGE"
    return int(current_app.config[key])


class _StandIn:
    """Who a reset e-mail is composed for when the address has no account
    (composed and thrown away, so both cases cost the same)."""

    id = uuid.UUID(int=0)
    password_hash = None
    full_name = ""
    locale = ""

    def __init__(self, email: str) -> None:
        self.email = email


def link_for(account: Account | _StandIn, purpose: str) -> str:
    token = tokens.make_token(
        current_app.config["SECRET_KEY"], purpose, account, scope_name()
    )
    endpoint = (
        "accounts.accept_invitation"
        if purpose == "invite"
        else "accounts.reset_password"
    )
    return site_url(path_for(endpoint, token=token))


def send_password_reset(email: str) -> None:
    """E-mail a reset link if the account exists; say nothing either way.

    Both cases do the same work in the request (the account looked up, a link
    signed, the e-mail composed: :func:`compose_reset_email`); only a real,
    active account's e-mail is then kept and sent. After ``LIMIT_RESET_PER_EMAIL``
    requests for one address nothing more is sent for a while, and the answer
    stays the same.
    """
    subject = normalise_email(email)
    within_limit = limits.allowed("LIMIT_RESET_PER_EMAIL", "reset", subject)
    limits.count("LIMIT_RESET_PER_EMAIL", "reset", subject)
    account = find_account(email)
    real = account is not None and account.is_active and within_limit
    message = compose_reset_email(account if real else _StandIn(subject))
    if real:
        store_email(message, g.get("tenant"))


def compose_reset_email(account: Account | _StandIn) -> dict[str, Any]:
    """The reset e-mail for ``account`` (or a stand-in), rendered, not stored."""
    return compose_email(
        account,
        "password_reset",
        N_("Reset your password"),
        tenant=g.get("tenant"),
        link=link_for(account, "reset"),
        hours=_max_age("reset") // 3600,
    )


def send_invitation(user: Account) -> None:
    """Invite an account (a city's, or on the apex the network's) to set a password."""
    queue_email(
        user,
        "invitation",
        N_("Welcome: choose your password"),
        tenant=g.get("tenant"),
        link=link_for(user, "invite"),
        days=_max_age("invite") // 86400,
    )


def account_for_token(purpose: str, token: str) -> Account:
    """The account a valid link is for; :class:`tokens.InvalidToken` otherwise."""
    secret = current_app.config["SECRET_KEY"]
    payload = tokens.read_token(secret, purpose, token, scope_name(), _max_age(purpose))
    try:
        ident = uuid.UUID(payload["id"])
    except (KeyError, ValueError) as exc:
        raise tokens.InvalidToken("bad id") from exc
    model = account_model()
    account = db.session.scalar(db.select(model).where(model.id == ident))
    if account is None or not account.is_active:
        raise tokens.InvalidToken("no account")
    if payload.get("fp") != tokens.fingerprint(account.password_hash):
        raise tokens.InvalidToken("already used")
    return account


def describe(account: Any) -> dict[str, Any]:
    return {"email": account.email, "name": account.full_name, "role": account.role}
