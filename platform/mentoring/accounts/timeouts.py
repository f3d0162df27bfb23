"""When a session has run out: the rules, as plain functions (no Flask, no database).

Two limits, both kept on the server from the session's own row:

- **idle**: no request for ``idle`` (staff: coordinators, analysts and
  operators; participants get a longer one, since they come back from a phone
  now and then). ``last_seen_at`` is written at most once every ``seen_every``,
  so the last request may have come up to that much later than the row says;
  the idle limit is counted from the latest moment it could have been, so a
  session never ends early (at most ``seen_every`` late).
- **lifetime**: ``lifetime`` after sign-in, however busy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

STAFF_ROLES = frozenset({"coordinator", "analyst", "operator"})
IDLE = "idle_timeout"
LIFETIME = "lifetime"


@dataclass(frozen=True)
class Limits:
    idle_staff: timedelta
    idle_participants: timedelta
    lifetime: timedelta
    seen_every: timedelta

    def idle_for(self, role: str) -> timedelta:
        return self.idle_staff if role in STAFF_ROLES else self.idle_participants


def expiry(
    limits: Limits,
    role: str,
    created_at: datetime,
    last_seen_at: datetime,
    now: datetime,
) -> str | None:
    """``IDLE`` or ``LIFETIME`` if the session has run out at ``now``, else None."""
    if now - created_at >= limits.lifetime:
        return LIFETIME
    if now - last_seen_at > limits.idle_for(role) + limits.seen_every:
        return IDLE
    return None


def is_purgeable(
    limits: Limits,
    created_at: datetime,
    ended_at: datetime | None,
    now: datetime,
    keep: timedelta,
) -> bool:
    """A row may go once it has been over (ended, or past its lifetime) for ``keep``."""
    over = ended_at if ended_at is not None else created_at + limits.lifetime
    return now - over >= keep
