"""The periodic tick: turn "due in the database" into jobs on the queue.

The app lists what the tick runs (``register_tick`` in ``app.py``): this module
knows no domain, only the steps it was given.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from flask import Flask, current_app

from mentoring.extensions import db

TickStep = tuple[str, Callable[[], int]]
TICK_KEY = "tick_steps"


def register_tick(app: Flask, steps: Sequence[TickStep]) -> None:
    """Tell the tick what to enqueue: ``(name, function returning a count)``."""
    app.extensions[TICK_KEY] = list(steps)


def enqueue_due_work() -> dict[str, int]:
    """Enqueue every kind of due work; safe to run as often as you like."""
    counts = {name: step() for name, step in current_app.extensions[TICK_KEY]}
    db.session.commit()
    return counts
