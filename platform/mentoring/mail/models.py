"""Outgoing e-mail, kept until delivered: the database says what is still due."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mentoring.core.models import Timestamps, UUIDPrimaryKey
from mentoring.core.scoping import TenantOwned, tenant_table_args
from mentoring.extensions import db

# queued -> sending -> sent; back to queued when a try fails, failed after too many.
QUEUED, SENDING, SENT, FAILED = "queued", "sending", "sent", "failed"


class EmailFields:
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    # An invitation's calendar (METHOD:REQUEST), sent as a text/calendar part.
    # Stored as written, so a retried delivery sends the same file as the body.
    calendar_ics: Mapped[str | None] = mapped_column(Text)
    locale: Mapped[str] = mapped_column(String(5))
    status: Mapped[str] = mapped_column(String(10), default=QUEUED, index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(String(500))
    sent_at: Mapped[datetime | None]


class CityEmail(UUIDPrimaryKey, Timestamps, TenantOwned, EmailFields, db.Model):
    """An e-mail from a city to one of its people."""

    __tablename__ = "city_emails"
    __table_args__ = tenant_table_args()


class NetworkEmail(UUIDPrimaryKey, Timestamps, EmailFields, db.Model):
    """An e-mail to a network account (analyst, operator)."""

    __tablename__ = "network_emails"
