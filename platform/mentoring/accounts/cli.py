"""``flask accounts invite``: the operator creates a city's first coordinator."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from mentoring.accounts.models import CITY_ROLES, NETWORK_ROLES, NetworkUser, User
from mentoring.accounts.services import normalise_email, send_invitation
from mentoring.core.context import in_city, in_network
from mentoring.extensions import db
from mentoring.tenancy.queries import tenant_by_slug

accounts_cli = AppGroup("accounts", help="Accounts of cities and of the network.")


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
    tenant = tenant_by_slug(city)
    if tenant is None:
        raise click.ClickException(f"no city with the slug {city!r}")
    with in_city(tenant):
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
    with in_network():
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
