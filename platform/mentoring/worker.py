"""The RQ worker for production: ``rq worker -w mentoring.worker.Worker <queues>``.

Jobs carry ids and run inside the app (its configuration, database and
scoping); this worker builds the app once from the environment, like
``wsgi.py`` does for the web, and keeps its context open while it works.
"""

from __future__ import annotations

from typing import Any

from rq import Worker as RQWorker

from mentoring.app import create_app
from mentoring.core.database import check_app_role


class Worker(RQWorker):
    """An RQ worker that runs every job inside the app built from the environment."""

    def work(self, *args: Any, **kwargs: Any) -> bool:
        app = create_app()
        check_app_role(app)
        with app.app_context():
            return super().work(*args, **kwargs)
