"""One recorded coordinator action on a person's data."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mentoring.accounts.models import User
from mentoring.core.i18n import _l
from mentoring.core.models import Timestamps, UUIDPrimaryKey
from mentoring.core.scoping import TenantOwned, same_tenant_fk, tenant_table_args
from mentoring.extensions import db

AUDIT_ACTIONS = {
    "application.accept": _l("accepted an application"),
    "application.waitlist": _l("put an application on the waiting list"),
    "application.reject": _l("rejected an application"),
    "application.view_cv": _l("viewed a CV"),
    "pair.create": _l("paired a mentor and a mentee"),
    "pair.delete": _l("removed a pair"),
    "export": _l("exported data"),
    "cohort.status": _l("changed a cohort's status"),
    "cohort.create": _l("created a cohort"),
    "cohort.edit": _l("changed a cohort's details"),
    "event.create": _l("created an event"),
    "event.edit": _l("changed an event"),
    "criteria.save": _l("saved the success criteria"),
    "network.sharing": _l("changed what the city shares with the network"),
    "participant.withdraw": _l("withdrew a participant from a cohort"),
    "participant.add": _l("added a person to a cohort"),
    "person.edit": _l("edited a person's details"),
    "account.deactivate": _l("deactivated an account"),
    "account.reactivate": _l("reactivated an account"),
    "coordinator.invite": _l("invited a coordinator"),
    "person.erase": _l("erased a person"),
    "account.sso_sign_in": _l("signed in with the city's single sign-on"),
}


class AuditEntry(UUIDPrimaryKey, Timestamps, TenantOwned, db.Model):
    """Who (actor), when (created_at), what (action) and on whom (subject)."""

    __tablename__ = "audit_entries"
    __table_args__ = tenant_table_args(
        same_tenant_fk("actor_id", "users", ondelete="SET NULL"),
    )

    actor_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    action: Mapped[str] = mapped_column(String(40), index=True)
    subject_type: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[uuid.UUID | None] = mapped_column()
    subject_label: Mapped[str] = mapped_column(String(200), default="")
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])

    @property
    def action_label(self) -> str:
        return str(AUDIT_ACTIONS.get(self.action, self.action))
