"""``flask jobs tick`` and ``flask jobs worker``."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from mentoring.jobs import QUEUES, queue_name

jobs_cli = AppGroup("jobs", help="Background jobs.")


@jobs_cli.command("tick")
def tick_command() -> None:
    """Enqueue whatever the database says is due (run every minute from cron)."""
    from mentoring.jobs.tick import enqueue_due_work

    counts = enqueue_due_work()
    for name, count in counts.items():
        click.echo(f"{name}: {count}")


@jobs_cli.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queues are empty.")
def worker_command(burst: bool) -> None:
    """Work the queues (the same as `rq worker` with the README's queue names)."""
    from rq import Worker

    state = current_app.extensions["rq"]
    if not state["is_async"]:
        raise click.ClickException("set REDIS_URL: without it jobs run in-process")
    names = [queue_name(current_app, q) for q in QUEUES]
    Worker(names, connection=state["connection"]).work(
        burst=burst, with_scheduler=False
    )
