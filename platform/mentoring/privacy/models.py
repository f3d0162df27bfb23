"""Consent records and erasure requests."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from mentoring.core.i18n import _l
from mentoring.core.models import Timestamps, UUIDPrimaryKey
from mentoring.core.scoping import TenantOwned, same_tenant_fk, tenant_table_args
from mentoring.extensions import db

# What a person consents to; each can be withdrawn on its own ("My data").
PURPOSES = {
    "application": _l("Handling my application and my place in the programme"),
    "evaluation_surveys": _l("Evaluation surveys after the programme"),
    "network_statistics": _l("Anonymous statistics for the national network"),
}


class ConsentRecord(UUIDPrimaryKey, Timestamps, TenantOwned, db.Model):
    """One consent: its purpose, the privacy notice's version, given and withdrawn.

    Given when applying (``application_id``); the person's account is linked
    when it exists (``user_id``), so "My data" finds it either way.
    """

    __tablename__ = "consent_records"
    __table_args__ = tenant_table_args(
        same_tenant_fk("user_id", "users", ondelete="CASCADE"),
        same_tenant_fk("application_id", "applications", ondelete="CASCADE"),
    )

    user_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    application_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    purpose: Mapped[str] = mapped_column(String(30))
    text_version: Mapped[str] = mapped_column(String(20))
    given_at: Mapped[datetime]
    withdrawn_at: Mapped[datetime | None]

    @property
    def purpose_label(self) -> str:
        return str(PURPOSES.get(self.purpose, self.purpose))


class ErasureRequest(UUIDPrimaryKey, Timestamps, TenantOwned, db.Model):
    """A person asked to be erased; ``done_at`` once a coordinator erased them."""

    __tablename__ = "erasure_requests"
    __table_args__ = tenant_table_args(
        same_tenant_fk("user_id", "users", ondelete="CASCADE"),
    )

    user_id: Mapped[uuid.UUID] = mapped_column(index=True)
    requested_at: Mapped[datetime]
    done_at: Mapped[datetime | None]
