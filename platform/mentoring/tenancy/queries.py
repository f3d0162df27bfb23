"""Read-side lookups of tenants."""

from __future__ import annotations

import uuid

from flask import current_app

from mentoring.extensions import db
from mentoring.tenancy.config import SsoConfig
from mentoring.tenancy.models import Tenant


def tenant_for_host(host: str, domain: str) -> Tenant | None:
    """The city answering on ``host`` (no port), or None for an unknown host.

    ``<subdomain>.<domain>`` is a city; any other host must be one of a city's
    custom domains. The apex domain itself is the network, handled by the caller.
    """
    suffix = "." + domain
    if host.endswith(suffix):
        subdomain = host[: -len(suffix)]
        if "." in subdomain:
            return None
        return db.session.scalar(db.select(Tenant).where(Tenant.subdomain == subdomain))
    # Custom domains are rare and cities few: a scan beats a second table.
    candidates = db.session.scalars(db.select(Tenant))
    return next((t for t in candidates if host in (t.custom_domains or [])), None)


def all_tenants() -> list[Tenant]:
    """Every city, Lyngby-Taarbæk and real ones first, demos after, by name."""
    tenants = db.session.scalars(db.select(Tenant).order_by(Tenant.demo, Tenant.slug))
    return list(tenants)


def tenant_by_slug(slug: str) -> Tenant | None:
    return db.session.scalar(db.select(Tenant).where(Tenant.slug == slug))


def tenant_by_id(tenant_id: uuid.UUID) -> Tenant | None:
    return db.session.scalar(db.select(Tenant).where(Tenant.id == tenant_id))


def names_in_use() -> tuple[set[str], set[str]]:
    """``(slugs, hosts)`` the cities in the database already have."""
    tenants = db.session.scalars(db.select(Tenant)).all()
    slugs = {t.slug for t in tenants}
    hosts = {t.subdomain for t in tenants}
    for tenant in tenants:
        hosts |= set(tenant.custom_domains or [])
    return slugs, hosts


def sso_config(tenant: Tenant | None) -> SsoConfig | None:
    """The city's single sign-on settings (tenant.toml); None: passwords only."""
    if tenant is None:
        return None
    configs = current_app.extensions.get("tenant_configs", [])
    found = next((c for c in configs if c.slug == tenant.slug), None)
    return found.sso if found is not None else None
