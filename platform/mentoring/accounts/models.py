"""Accounts. City users are tenant-owned; network users live on the apex host."""

from __future__ import annotations

import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mentoring.core.i18n import _l
from mentoring.core.models import Timestamps, UUIDPrimaryKey
from mentoring.core.scoping import TenantOwned, tenant_table_args
from mentoring.extensions import db

CITY_ROLES = {
    "coordinator": _l("Coordinator"),
    "mentor": _l("Mentor"),
    "mentee": _l("Mentee"),
}
NETWORK_ROLES = {"analyst": _l("Network analyst"), "operator": _l("Platform operator")}


def new_nonce() -> str:
    return secrets.token_urlsafe(12)


class AccountMixin(UserMixin):
    """What both kinds of account share: sign-in, language, session nonce."""

    email: Mapped[str] = mapped_column(String(254))
    full_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    locale: Mapped[str | None] = mapped_column(String(5))
    active: Mapped[bool] = mapped_column(default=True)
    # Part of the session id: changing it signs the account out everywhere.
    session_nonce: Mapped[str] = mapped_column(String(32), default=new_nonce)
    last_login_at: Mapped[datetime | None]

    @property
    def is_active(self) -> bool:  # type: ignore[override]
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_nonce}"

    @property
    def has_password(self) -> bool:
        return self.password_hash is not None


class User(UUIDPrimaryKey, Timestamps, TenantOwned, AccountMixin, db.Model):
    """A person in one city: coordinator, mentor or mentee."""

    __tablename__ = "users"
    __table_args__ = tenant_table_args(UniqueConstraint("tenant_id", "email"))

    role: Mapped[str] = mapped_column(String(20))
    phone: Mapped[str | None] = mapped_column(String(40))
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
