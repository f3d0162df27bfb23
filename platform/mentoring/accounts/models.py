"""Accounts. City users are tenant-owned; network users live on the apex host."""

from __future__ import annotations

import uuid
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, Index, String, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column

from mentoring.core.i18n import _l
from mentoring.core.models import Timestamps, UUIDPrimaryKey
from mentoring.core.scoping import TenantOwned, same_tenant_fk, tenant_table_args
from mentoring.extensions import db

CITY_ROLES = {
    "coordinator": _l("Coordinator"),
    "mentor": _l("Mentor"),
    "mentee": _l("Mentee"),
}
NETWORK_ROLES = {"analyst": _l("Network analyst"), "operator": _l("Platform operator")}


class AccountMixin(UserMixin):
    """What both kinds of account share: sign-in, language."""

    email: Mapped[str] = mapped_column(String(254))
    full_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    locale: Mapped[str | None] = mapped_column(String(5))
    active: Mapped[bool] = mapped_column(default=True)
    last_login_at: Mapped[datetime | None]

    @property
    def is_active(self) -> bool:  # type: ignore[override]
        return self.active

    def get_id(self) -> str:
        return str(self.id)

    @property
    def has_password(self) -> bool:
        return self.password_hash is not None


class User(UUIDPrimaryKey, Timestamps, TenantOwned, AccountMixin, db.Model):
    """A person in one city: coordinator, mentor or mentee."""

    __tablename__ = "users"
    __table_args__ = tenant_table_args(
        UniqueConstraint("tenant_id", "email"),
        UniqueConstraint("tenant_id", "oidc_subject"),
    )

    role: Mapped[str] = mapped_column(String(20))
    # The city's single sign-on identity, "<issuer> <subject>", linked on the
    # first sign-on (by verified e-mail) and trusted before the e-mail after it.
    oidc_subject: Mapped[str | None] = mapped_column(String(400))
    phone: Mapped[str | None] = mapped_column(String(40))
    # A coordinator's daily digest of new applications and bookings (default on).
    gets_digest: Mapped[bool] = mapped_column(default=True, server_default=true())
    # Privacy (the privacy domain writes these): no more evaluation surveys once
    # the person withdrew that consent; erased: the row is kept, anonymised, so
    # the cohort's figures stay as published.
    surveys_declined_at: Mapped[datetime | None]
    erased_at: Mapped[datetime | None]
    is_network = False

    @property
    def role_label(self) -> str:
        return str(CITY_ROLES[self.role])


class NetworkUser(UUIDPrimaryKey, Timestamps, AccountMixin, db.Model):
    """National network staff (analyst, operator): never sees a person's data."""

    __tablename__ = "network_users"
    __table_args__ = (UniqueConstraint("email"),)

    role: Mapped[str] = mapped_column(String(20))
    is_network = True

    @property
    def role_label(self) -> str:
        return str(NETWORK_ROLES[self.role])


class SessionFields:
    """One signed-in browser, kept on the server so that it can be ended there.

    The session cookie carries a random key; only its hash is stored (a database
    dump opens no session). A row whose ``ended_at`` is set, or no row at all,
    signs the cookie out. ``created_at`` and ``last_seen_at`` (written at most
    once a minute) carry the absolute and idle timeouts (``accounts.timeouts``)
    and the list of one's sessions with "sign out everywhere".
    """

    key_hash: Mapped[str] = mapped_column(String(64))
    user_agent: Mapped[str] = mapped_column(String(200), default="")
    ip_address: Mapped[str] = mapped_column(String(45), default="", server_default="")
    last_seen_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
    # Why it ended: signed_out, replaced, password_changed, idle_timeout,
    # lifetime, ended_by_user (from "Your sessions"), deactivated.
    end_reason: Mapped[str | None] = mapped_column(String(20))


class AccountSession(UUIDPrimaryKey, Timestamps, TenantOwned, SessionFields, db.Model):
    """A city user's session: owned by the city like the user."""

    __tablename__ = "account_sessions"
    __table_args__ = tenant_table_args(
        UniqueConstraint("tenant_id", "key_hash"),
        same_tenant_fk("user_id", "users", ondelete="CASCADE"),
        Index("ix_account_sessions_user_id_ended_at", "user_id", "ended_at"),
    )

    user_id: Mapped[uuid.UUID]


class NetworkSession(UUIDPrimaryKey, Timestamps, SessionFields, db.Model):
    """A network user's session (apex host only)."""

    __tablename__ = "network_sessions"
    __table_args__ = (
        UniqueConstraint("key_hash"),
        Index("ix_network_sessions_user_id_ended_at", "user_id", "ended_at"),
    )

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("network_users.id", ondelete="CASCADE")
    )
