"""``flask demo seed``: demo accounts and history (refused in production)."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from mentoring.core.models import utcnow
from mentoring.demo.services import SeedSize, database_is_empty, seed
from mentoring.extensions import db

demo_cli = AppGroup("demo", help="Demo data for trying the product and load tests.")


@demo_cli.command("seed")
@click.option(
    "--cities",
    type=click.IntRange(1, 1000),
    default=None,
    help="Number of cities (default: every configured one; more adds test cities).",
)
@click.option(
    "--participants",
    type=click.IntRange(1, 5000),
    default=None,
    help="Mentees (and mentors) per cohort, in every city"
    " (default: each city's own, 6 to 15).",
)
@click.option(
    "--cohorts",
    type=click.IntRange(2, 100),
    default=None,
    help="Cohorts per city, at the city's rhythm (twice a year, yearly or every"
    " nine months); all but the last are closed (default: each city's own, 3 to 7).",
)
@click.option(
    "--if-empty", is_flag=True, help="Do nothing if the database has accounts."
)
def seed_command(
    cities: int | None,
    participants: int | None,
    cohorts: int | None,
    if_empty: bool,
) -> None:
    """Create the demo accounts (password: demo-password) and cohorts."""
    if current_app.config["ENV_NAME"] == "production":
        raise click.ClickException("demo data is never created in production")
    if not database_is_empty():
        if if_empty:
            click.echo("database has data: demo seed skipped")
            return
        raise click.ClickException(
            "the database already has accounts; demo seed needs an empty one"
        )
    counts = seed(SeedSize(cities, participants, cohorts), utcnow().date())
    db.session.commit()
    click.echo(", ".join(f"{v} {k}" for k, v in counts.items()))
