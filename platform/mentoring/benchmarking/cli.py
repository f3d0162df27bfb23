"""``flask benchmarks recompute``: the network's snapshot, now (for an operator)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

benchmarks_cli = AppGroup("benchmarks", help="The network's comparison of cities.")


@benchmarks_cli.command("recompute")
@click.option(
    "--if-empty", is_flag=True, help="Do nothing if a snapshot was ever made."
)
def recompute_command(if_empty: bool) -> None:
    """Recompute every sharing city's figures and the network's, in one run."""
    from mentoring.benchmarking.models import BenchmarkRun
    from mentoring.benchmarking.services import DONE, recompute_snapshot
    from mentoring.core.context import in_network
    from mentoring.extensions import db

    with in_network():
        done = db.select(BenchmarkRun.id).where(BenchmarkRun.status == DONE)
        if if_empty and db.session.scalar(done.limit(1)) is not None:
            click.echo("a snapshot exists: recompute skipped")
            return
        run = recompute_snapshot("asked")
        db.session.commit()
    cities = run.cities if run is not None else 0  # a run without id always runs
    click.echo(f"snapshot: {cities} cities")
