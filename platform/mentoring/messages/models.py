"""Messages a coordinator writes once to a cohort, and who each one went to."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mentoring.accounts.models import User
from mentoring.core.i18n import _l
from mentoring.core.models import Timestamps, UUIDPrimaryKey
from mentoring.core.scoping import TenantOwned, same_tenant_fk, tenant_table_args
from mentoring.extensions import db
from mentoring.programmes.models import Cohort, Participant

# A recipient row is claimed once by the sending job: waiting -> sent.
WAITING, SENT = "waiting", "sent"
RECIPIENT_STATUSES = {WAITING: _l("Waiting"), SENT: _l("Sent")}


class CohortMessage(UUIDPrimaryKey, Timestamps, TenantOwned, db.Model):
    """One message, written in Danish and English, to a part of a cohort."""

    __tablename__ = "cohort_messages"
    __table_args__ = tenant_table_args(
        same_tenant_fk("cohort_id", "cohorts", ondelete="CASCADE"),
        same_tenant_fk("author_id", "users", ondelete="SET NULL"),
    )

    cohort_id: Mapped[uuid.UUID] = mapped_column(index=True)
    author_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    # "all", "mentees", "mentors", "survey:<definition id>", "event:<event id>"
    audience: Mapped[str] = mapped_column(String(60))
    audience_label: Mapped[str] = mapped_column(String(300))  # as chosen, readable
    subject_da: Mapped[str] = mapped_column(String(200))
    subject_en: Mapped[str] = mapped_column(String(200))
    body_da: Mapped[str] = mapped_column(Text)
    body_en: Mapped[str] = mapped_column(Text)

    cohort: Mapped[Cohort] = relationship(foreign_keys=[cohort_id])
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    recipients: Mapped[list[CohortMessageRecipient]] = relationship(
        back_populates="message",
        cascade="all, delete-orphan",
        foreign_keys="CohortMessageRecipient.message_id",
    )

    def subject(self, locale: str) -> str:
        return self.subject_en if str(locale).startswith("en") else self.subject_da

    def body(self, locale: str) -> str:
        return self.body_en if str(locale).startswith("en") else self.body_da


class CohortMessageRecipient(UUIDPrimaryKey, Timestamps, TenantOwned, db.Model):
    """One person a message goes to; the job claims the row before it mails."""

    __tablename__ = "cohort_message_recipients"
    __table_args__ = tenant_table_args(
        UniqueConstraint("tenant_id", "message_id", "participant_id"),
        same_tenant_fk("message_id", "cohort_messages", ondelete="CASCADE"),
        same_tenant_fk("participant_id", "participants", ondelete="CASCADE"),
    )

    message_id: Mapped[uuid.UUID] = mapped_column(index=True)
    participant_id: Mapped[uuid.UUID] = mapped_column(index=True)
    status: Mapped[str] = mapped_column(String(10), default=WAITING)
    locale: Mapped[str | None] = mapped_column(String(5))  # the language it went in
    sent_at: Mapped[datetime | None]

    message: Mapped[CohortMessage] = relationship(
        back_populates="recipients", foreign_keys=[message_id]
    )
    participant: Mapped[Participant] = relationship(foreign_keys=[participant_id])

    @property
    def status_label(self) -> str:
        return str(RECIPIENT_STATUSES.get(self.status, self.status))
