"""Read side of accounts: one's own open sessions, for "Your sessions"."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from mentoring.accounts import devices
from mentoring.accounts.models import AccountSession, NetworkSession
from mentoring.accounts.services import (
    Account,
    current_session_hash,
    session_limits,
    session_model,
)
from mentoring.accounts.timeouts import expiry
from mentoring.core.models import utcnow
from mentoring.extensions import db


@dataclass(frozen=True)
class SessionRow:
    id: uuid.UUID
    browser: str | None
    system: str | None
    ip_address: str
    started_at: datetime
    last_seen_at: datetime
    is_this_device: bool


def open_sessions(account: Account) -> list[SessionRow]:
    """``account``'s sessions not ended nor run out, this device's first."""
    model = session_model()
    rows = db.session.scalars(
        db.select(model)
        .where(model.user_id == account.id, model.ended_at.is_(None))
        .order_by(model.last_seen_at.desc())
    )
    this, limits, now = current_session_hash(), session_limits(), utcnow()
    found = [
        _row(r, r.key_hash == this)
        for r in rows
        if expiry(limits, account.role, r.created_at, r.last_seen_at, now) is None
    ]
    return sorted(found, key=lambda r: not r.is_this_device)


def _row(record: AccountSession | NetworkSession, this: bool) -> SessionRow:
    browser, system = devices.summarise(record.user_agent)
    return SessionRow(
        id=record.id,
        browser=browser,
        system=system,
        ip_address=record.ip_address,
        started_at=record.created_at,
        last_seen_at=record.last_seen_at,
        is_this_device=this,
    )


def is_own_session(account: Account, session_id: uuid.UUID) -> bool:
    """Whether ``session_id`` is one of ``account``'s sessions, ended or not."""
    model = session_model()
    found = db.select(model.id).where(
        model.id == session_id, model.user_id == account.id
    )
    return db.session.scalar(found) is not None
