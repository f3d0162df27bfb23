"""Recording coordinator actions on people's data (GDPR: who saw or changed what)."""

from __future__ import annotations

import uuid
from typing import Any

from flask_login import current_user

from mentoring.audit.models import AUDIT_ACTIONS, AuditEntry
from mentoring.extensions import db


def record(
    action: str,
    subject_type: str,
    subject_id: uuid.UUID | None,
    subject_label: str = "",
    **detail: Any,
) -> AuditEntry:
    """Add an audit entry for the signed-in user; flushed with the request's writes.

    ``action`` must be one of ``AUDIT_ACTIONS`` so the trail can be read by people.
    """
    if action not in AUDIT_ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    actor = current_user.id if current_user and current_user.is_authenticated else None
    entry = AuditEntry(
        actor_id=actor,
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        subject_label=subject_label[:200],
        detail={k: str(v) for k, v in detail.items()},
    )
    db.session.add(entry)
    return entry
