"""``flask tenants sync``: load ``tenants/<slug>/`` into the database."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from mentoring.extensions import db
from mentoring.tenancy.config import TenantConfigError
from mentoring.tenancy.queries import tenant_by_slug
from mentoring.tenancy.services import export_tenant, sync_tenants

tenants_cli = AppGroup("tenants", help="City (tenant) configuration.")


@tenants_cli.command("sync")
def sync_command() -> None:
    """Create or update each city from tenants/<slug>/tenant.toml."""
    directory = Path(current_app.config["TENANTS_DIR"])
    if not any(directory.glob("*/tenant.toml")):
        # A mistyped TENANTS_DIR would otherwise "sync" nothing, successfully.
        raise click.ClickException(f"{directory}: no <slug>/tenant.toml found")
    try:
        results = sync_tenants(directory)
    except TenantConfigError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from exc
    db.session.commit()
    for slug, outcome in results:
        click.echo(f"{slug}: {outcome}")


@tenants_cli.command("export")
@click.argument("slug")
def export_command(slug: str) -> None:
    """Move a web-configured city to files: write tenants/<slug>/ and mark it."""
    tenant = tenant_by_slug(slug)
    if tenant is None:
        raise click.ClickException(f"no city with the slug {slug!r}")
    if not tenant.configured_from_web:
        raise click.ClickException(f"{slug} is already configured in files")
    try:
        folder = export_tenant(tenant, Path(current_app.config["TENANTS_DIR"]))
    except (FileExistsError, TenantConfigError) as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from exc
    db.session.commit()
    click.echo(f"{slug}: written to {folder}; tenants/ is now its source of truth")
