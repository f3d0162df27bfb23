"""Writes of tenant rows: syncing the configuration files, creating a web city.

Each city has one source of truth (``Tenant.configured_in``): its folder under
``tenants/`` for cities configured in files, the database for cities onboarded
from the web. ``sync_tenants`` only writes cities that have a folder and
refuses to take over a web city; the web refuses what a folder already names.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from flask import current_app

from mentoring.core.models import utcnow
from mentoring.extensions import db
from mentoring.tenancy.config import (
    RETENTION_DEFAULTS,
    TenantConfig,
    TenantConfigError,
    load,
    load_all,
    to_toml,
)
from mentoring.tenancy.models import CONFIGURED_IN_FILES, CONFIGURED_IN_WEB, Tenant


def sync_tenants(directory: Path) -> list[tuple[str, str]]:
    """Load every ``tenant.toml`` into the database; idempotent.

    All files are validated before the first write, so a broken file changes
    nothing. Returns ``(slug, "created" | "updated" | "unchanged")`` pairs.
    """
    configs = load_all(directory, current_app.extensions["success_measures"])
    tenants = list(db.session.scalars(db.select(Tenant)))
    for config in configs:
        _refuse_web_city(config, tenants)
    existing = {t.slug: t for t in tenants}
    return [_apply(existing.get(c.slug), c) for c in configs]


def _refuse_web_city(config: TenantConfig, tenants: list[Tenant]) -> None:
    """A folder may not take over a city kept in the database, nor its hosts.

    Raised before the first write, so the whole sync changes nothing.
    """
    hosts = {config.subdomain, *config.custom_domains}
    for tenant in tenants:
        if tenant.configured_in != CONFIGURED_IN_WEB:
            continue
        if tenant.slug == config.slug:
            problem = (
                f"the city {tenant.slug!r} is configured from the web (the database"
                " is its source of truth); run `flask tenants export"
                f" {tenant.slug}` to move it to files, or remove this folder"
            )
            raise TenantConfigError(config.source, "slug", problem)
        taken = hosts & {tenant.subdomain, *(tenant.custom_domains or [])}
        if taken:
            raise TenantConfigError(
                config.source,
                "hosts",
                f"{sorted(taken)[0]!r} is used by the web-configured city"
                f" {tenant.slug!r}",
            )


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
        "retention": dict(config.retention),
        "upload_quota_mb": config.upload_quota_mb,
        "accessibility": dict(config.accessibility),
    }


def create_web_tenant(values: dict[str, object]) -> Tenant:
    """A city onboarded from the web: the database is its source of truth.

    ``values`` are the columns ``_values`` gives for a file, already validated
    by the same rules (``tenancy.config``'s checks) in the onboarding form.
    """
    values = {"retention": dict(RETENTION_DEFAULTS), **values}  # as a file's defaults
    tenant = Tenant(**values, configured_in=CONFIGURED_IN_WEB)
    db.session.add(tenant)
    db.session.flush()
    return tenant


def export_tenant(tenant: Tenant, directory: Path) -> Path:
    """Write a web city's ``tenant.toml`` and ``logo.svg``; files become its truth.

    The written file is read back with the loader first (a file that would not
    load is removed again), then the row is marked as configured in files, so
    the next ``tenants sync`` keeps it in step instead of refusing it.
    """
    folder = directory / tenant.slug
    if folder.exists():
        raise FileExistsError(f"{folder} already exists")
    folder.mkdir(parents=True)
    (folder / "logo.svg").write_text(tenant.logo_svg, encoding="utf-8")
    (folder / "tenant.toml").write_text(to_toml(tenant), encoding="utf-8")
    try:
        load(folder / "tenant.toml", current_app.extensions["success_measures"])
    except TenantConfigError:
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()
        raise
    tenant.configured_in = CONFIGURED_IN_FILES
    db.session.flush()
    return folder
