"""An application from a would-be mentee or mentor, and its CV."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import JSON, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mentoring.core.i18n import _l
from mentoring.core.models import Timestamps, UUIDPrimaryKey
from mentoring.core.scoping import TenantOwned, same_tenant_fk, tenant_table_args
from mentoring.extensions import db
from mentoring.programmes.models import Cohort

APPLICATION_STATUSES = {
    "submitted": _l("New"),
    "accepted": _l("Accepted"),
    "waitlisted": _l("Waiting list"),
    "rejected": _l("Not accepted"),
    "withdrawn": _l("Withdrawn"),
}
DANISH_LEVELS = {
    "none": _l("None yet"),
    "beginner": _l("Beginner"),
    "intermediate": _l("Intermediate"),
    "fluent": _l("Fluent"),
    "native": _l("Native"),
}


class Application(UUIDPrimaryKey, Timestamps, TenantOwned, db.Model):
    """One person's application to one cohort, as mentee or mentor.

    Role-specific answers are nullable columns: they are filtered on and,
    later, matched on (sectors, languages, goals, Danish level).
    """

    __tablename__ = "applications"
    __table_args__ = tenant_table_args(
        UniqueConstraint("tenant_id", "cohort_id", "email"),
        same_tenant_fk("cohort_id", "cohorts", ondelete="CASCADE"),
        same_tenant_fk("user_id", "users", ondelete="SET NULL"),
    )

    cohort_id: Mapped[uuid.UUID] = mapped_column(index=True)
    role: Mapped[str] = mapped_column(String(10))  # mentee | mentor
    status: Mapped[str] = mapped_column(String(12), default="submitted", index=True)
    email: Mapped[str] = mapped_column(String(254))
    full_name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    locale: Mapped[str] = mapped_column(String(5))
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    linkedin: Mapped[str | None] = mapped_column(String(300))
    years_experience: Mapped[int | None]
    # Mentee
    education: Mapped[str | None] = mapped_column(String(200))
    field_of_study: Mapped[str | None] = mapped_column(String(200))
    profession: Mapped[str | None] = mapped_column(String(200))
    target_sectors: Mapped[list[str]] = mapped_column(JSON, default=list)
    target_roles: Mapped[str | None] = mapped_column(String(300))
    danish_level: Mapped[str | None] = mapped_column(String(12))
    arrived_on: Mapped[date | None]
    partner_employer: Mapped[str | None] = mapped_column(String(200))
    goals: Mapped[str | None] = mapped_column(Text)
    # Mentor
    job_title: Mapped[str | None] = mapped_column(String(200))
    employer: Mapped[str | None] = mapped_column(String(200))
    sector: Mapped[str | None] = mapped_column(String(100))
    help_with: Mapped[str | None] = mapped_column(Text)
    motivation: Mapped[str | None] = mapped_column(Text)
    earlier_cohorts: Mapped[int | None]
    # Consent (GDPR): which privacy notice the applicant agreed to, and when.
    consent_version: Mapped[str] = mapped_column(String(20))
    consented_at: Mapped[datetime]
    decided_at: Mapped[datetime | None]
    # When the applicant opened the link e-mailed to the address: only then does
    # the application count (``COUNTS``). The public form stores ``None``.
    email_confirmed_at: Mapped[datetime | None]
    user_id: Mapped[uuid.UUID | None] = mapped_column(index=True)

    cohort: Mapped[Cohort] = relationship(foreign_keys=[cohort_id])
    cv: Mapped[ApplicationFile | None] = relationship(
        back_populates="application",
        cascade="all, delete-orphan",
        uselist=False,
        foreign_keys="ApplicationFile.application_id",
    )

    @property
    def status_label(self) -> str:
        return str(APPLICATION_STATUSES[self.status])

    @property
    def email_confirmed(self) -> bool:
        return self.email_confirmed_at is not None


# The applications that count: their address is confirmed.
COUNTS = Application.email_confirmed_at.is_not(None)


class ApplicationFile(UUIDPrimaryKey, Timestamps, TenantOwned, db.Model):
    """A CV (PDF, at most 5 MB, checked by content), kept with its application.

    The file itself is in ``UPLOADS_DIR/<tenant_id>/<storage_key>``
    (``applications/storage.py``); ``content`` holds only CVs uploaded before
    files moved out of the database.
    """

    __tablename__ = "application_files"
    __table_args__ = tenant_table_args(
        UniqueConstraint("tenant_id", "application_id"),
        same_tenant_fk("application_id", "applications", ondelete="CASCADE"),
    )

    application_id: Mapped[uuid.UUID] = mapped_column(index=True)
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(100), default="application/pdf")
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str | None] = mapped_column(String(32))
    content: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)

    application: Mapped[Application] = relationship(
        back_populates="cv", foreign_keys=[application_id]
    )


class MessageTemplate(UUIDPrimaryKey, Timestamps, TenantOwned, db.Model):
    """A city's own wording of a decision e-mail (waiting list, not accepted)."""

    __tablename__ = "message_templates"
    __table_args__ = tenant_table_args(UniqueConstraint("tenant_id", "kind", "locale"))

    kind: Mapped[str] = mapped_column(String(20))  # waitlisted | rejected
    locale: Mapped[str] = mapped_column(String(5))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
