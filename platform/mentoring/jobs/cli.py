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


@jobs_cli.command("status")
def status_command() -> None:
    """List failed and overdue jobs (key, status, tries, last error); exit 1 if any."""
    from mentoring.jobs.runs import problems

    rows = problems()
    if not rows:
        click.echo("No failed or overdue jobs.")
        return
    for run in rows:
        since = (run.finished_at or run.started_at or run.enqueued_at).isoformat()
        click.echo(
            f"{run.status:<8}  {run.attempts:>2} tries  {since}  {run.key}"
            f"  {run.last_error or ''}".rstrip()
        )
    raise SystemExit(1)
