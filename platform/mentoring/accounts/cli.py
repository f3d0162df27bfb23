"""``flask accounts invite``: the operator creates a city's first coordinator."""

from __future__ import annotations

import click
from flask import current_app, g
from flask.cli import AppGroup

from mentoring.accounts.models import CITY_ROLES, NETWORK_ROLES, NetworkUser, User
from mentoring.accounts.services import normalise_email, send_invitation
from mentoring.core.scoping import set_tenant
from mentoring.extensions import db
from mentoring.tenancy.models import Tenant

accounts_cli = AppGroup("accounts", help="Accounts of cities and of the network.")


def _base_url(subdomain: str | None) -> str:
    domain = current_app.config["MENTORING_DOMAIN"]
    host = f"{subdomain}.{domain}" if subdomain else domain
    return f"{current_app.config['PREFERRED_URL_SCHEME']}://{host}"


@accounts_cli.command("invite")
@click.argument("city")
@click.argument("email")
@click.argument("full_name")
@click.option("--role", type=click.Choice(sorted(CITY_ROLES)), default="coordinator")
@click.option("--language", type=click.Choice(["da", "en"]), default=None)
def invite_command(
    city: str, email: str, full_name: str, role: str, language: str | None
) -> None:
    """Create an account in CITY (its slug) and e-mail an invitation link."""
    tenant = db.session.scalar(db.select(Tenant).where(Tenant.slug == city))
    if tenant is None:
        raise click.ClickException(f"no city with the slug {city!r}")
    with current_app.test_request_context(base_url=_base_url(tenant.subdomain)):
        g.tenant = tenant
        set_tenant(db.session, tenant.id)
        address = normalise_email(email)
        if db.session.scalar(db.select(User).where(User.email == address)):
            raise click.ClickException(f"{address} already has an account in {city}")
        user = User(email=address, full_name=full_name, role=role, locale=language)
        db.session.add(user)
        db.session.flush()
        send_invitation(user)
        db.session.commit()
    click.echo(f"invited {address} as {role} in {city}")


@accounts_cli.command("invite-network")
@click.argument("email")
@click.argument("full_name")
@click.option("--role", type=click.Choice(sorted(NETWORK_ROLES)), default="analyst")
def invite_network_command(email: str, full_name: str, role: str) -> None:
    """Create a network account (analyst, operator) and e-mail an invitation."""
    with current_app.test_request_context(base_url=_base_url(None)):
        g.is_network = True
        address = normalise_email(email)
        if db.session.scalar(
            db.select(NetworkUser).where(NetworkUser.email == address)
        ):
            raise click.ClickException(f"{address} already has a network account")
        account = NetworkUser(email=address, full_name=full_name, role=role)
        db.session.add(account)
        db.session.flush()
        send_invitation(account)
        db.session.commit()
    click.echo(f"invited {address} as {role} of the network")
