"""Writes of tenant rows: syncing the configuration files into the database."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from flask import current_app

from mentoring.core.models import utcnow
from mentoring.extensions import db
from mentoring.tenancy.config import TenantConfig, load_all
from mentoring.tenancy.models import Tenant


def sync_tenants(directory: Path) -> list[tuple[str, str]]:
    """Load every ``tenant.toml`` into the database; idempotent.

    All files are validated before the first write, so a broken file changes
    nothing. Returns ``(slug, "created" | "updated" | "unchanged")`` pairs.
    """
    configs = load_all(directory, current_app.extensions["success_measures"])
    existing = {t.slug: t for t in db.session.scalars(db.select(Tenant))}
    return [_apply(existing.get(c.slug), c) for c in configs]


def _apply(tenant: Tenant | None, config: TenantConfig) -> tuple[str, str]:
    values = _values(config)
    if tenant is None:
        db.session.add(Tenant(**values, synced_at=utcnow()))
        return config.slug, "created"
    changed = {k: v for k, v in values.items() if getattr(tenant, k) != v}
    for key, value in changed.items():
        setattr(tenant, key, value)
    if changed:
        tenant.synced_at = utcnow()
    return config.slug, "updated" if changed else "unchanged"


def _values(config: TenantConfig) -> dict[str, object]:
    return {
        "slug": config.slug,
        "subdomain": config.subdomain,
        "custom_domains": list(config.custom_domains),
        "name_da": config.name["da"],
        "name_en": config.name["en"],
        "default_language": config.default_language,
        "timezone": config.timezone,
        "demo": config.demo,
        "primary_color": config.primary_color,
        "accent_color": config.accent_color,
        "logo_svg": config.logo_svg,
        "contact": asdict(config.contact),
        "success_criteria": dict(config.success_criteria),
    }
