"""``flask benchmarks recompute``: the network's snapshot, now (for an operator)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

benchmarks_cli = AppGroup("benchmarks", help="The network's comparison of cities.")


@benchmarks_cli.command("recompute")
def recompute_command() -> None:
    """Recompute every sharing city's figures and the network's, in one run."""
    from mentoring.benchmarking.services import recompute_snapshot
    from mentoring.core.context import in_network
    from mentoring.extensions import db

    with in_network():
        run = recompute_snapshot("asked")
        db.session.commit()
    cities = run.cities if run is not None else 0  # a run without id always runs
    click.echo(f"snapshot: {cities} cities")
