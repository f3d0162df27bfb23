"""The city (tenant) row: what ``tenants sync`` copies from ``tenant.toml``."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mentoring.core.models import Timestamps, UUIDPrimaryKey
from mentoring.extensions import db
from mentoring.tenancy.accessibility import Statement, statement
from mentoring.tenancy.config import DEFAULT_UPLOAD_QUOTA_MB

CONFIGURED_IN_FILES, CONFIGURED_IN_WEB = "files", "web"


class Tenant(UUIDPrimaryKey, Timestamps, db.Model):
    """A city running the programme. Platform data: not itself tenant-owned."""

    __tablename__ = "tenants"

    slug: Mapped[str] = mapped_column(String(63), unique=True)
    subdomain: Mapped[str] = mapped_column(String(63), unique=True)
    custom_domains: Mapped[list[str]] = mapped_column(JSON, default=list)
    name_da: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    default_language: Mapped[str] = mapped_column(String(5))
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Copenhagen")
    demo: Mapped[bool] = mapped_column(default=False)
    primary_color: Mapped[str] = mapped_column(String(7))
    accent_color: Mapped[str] = mapped_column(String(7))
    logo_svg: Mapped[str] = mapped_column(Text)
    contact: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    success_criteria: Mapped[dict[str, float]] = mapped_column(JSON, default=dict)
    # [retention] of tenant.toml: months/years, defaults in tenancy.config.
    retention: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    # What the city's CVs may take on disk, in MB (tenant.toml `[uploads] quota_mb`).
    upload_quota_mb: Mapped[int] = mapped_column(
        default=DEFAULT_UPLOAD_QUOTA_MB, server_default=str(DEFAULT_UPLOAD_QUOTA_MB)
    )
    # [accessibility] of tenant.toml as written; defaults in tenancy.accessibility.
    accessibility: Mapped[dict[str, Any]] = mapped_column(
        JSON, default=dict, server_default="{}"
    )
    synced_at: Mapped[datetime | None]
    # Where the city's configuration is kept, so that the two never fight:
    # "files" (tenants/<slug>/, loaded by `tenants sync`) or "web" (onboarded by
    # an operator; the database is the truth and sync leaves it alone).
    configured_in: Mapped[str] = mapped_column(
        String(5), default=CONFIGURED_IN_FILES, server_default=CONFIGURED_IN_FILES
    )

    def name(self, locale: str) -> str:
        """The city's name in ``locale`` (Danish or English)."""
        return self.name_en if str(locale).startswith("en") else self.name_da

    @property
    def logo_version(self) -> str:
        """Changes when the logo does: lets browsers cache the logo for long."""
        return uuid.uuid5(uuid.NAMESPACE_URL, self.logo_svg).hex[:12]

    def retention_setting(self, key: str) -> int:
        """A ``[retention]`` value, or its documented default."""
        from mentoring.tenancy.config import RETENTION_DEFAULTS

        return int((self.retention or {}).get(key, RETENTION_DEFAULTS[key]))

    @property
    def accessibility_statement(self) -> Statement:
        """The accessibility statement's settings, the defaults filled in."""
        return statement(self.accessibility)

    @property
    def configured_from_web(self) -> bool:
        return self.configured_in == CONFIGURED_IN_WEB

    @property
    def theme_version(self) -> str:
        return (self.primary_color + self.accent_color).replace("#", "").lower()
