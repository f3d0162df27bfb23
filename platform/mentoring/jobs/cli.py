"""``flask jobs tick``: the periodic half of the jobs (workers are ``rq worker``)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

jobs_cli = AppGroup("jobs", help="Background jobs.")


@jobs_cli.command("tick")
def tick_command() -> None:
    """Enqueue whatever the database says is due (run every minute from cron)."""
    from mentoring.jobs.tick import enqueue_due_work

    counts = enqueue_due_work()
    for name, count in counts.items():
        click.echo(f"{name}: {count}")
