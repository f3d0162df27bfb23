"""The city (tenant) row: what ``tenants sync`` copies from ``tenant.toml``."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mentoring.core.models import Timestamps, UUIDPrimaryKey
from mentoring.extensions import db


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
    synced_at: Mapped[datetime | None]

    def name(self, locale: str) -> str:
        """The city's name in ``locale`` (Danish or English)."""
        return self.name_en if str(locale).startswith("en") else self.name_da

    @property
    def logo_version(self) -> str:
        """Changes when the logo does: lets browsers cache the logo for long."""
        return uuid.uuid5(uuid.NAMESPACE_URL, self.logo_svg).hex[:12]

    @property
    def theme_version(self) -> str:
        return (self.primary_color + self.accent_color).replace("#", "").lower()
