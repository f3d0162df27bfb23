"""Background work over RQ.

With ``REDIS_URL`` jobs go to Redis and ``rq worker`` runs them (queue names in
``QUEUES``); without it they run in-process on an in-memory queue, so a first
run needs no Redis. Jobs take ids (tenant id first), never objects, and each
one reloads what it needs: the database says what is due, so a lost queue loses
nothing and a job that runs twice does nothing twice.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Flask, current_app, g, has_app_context
from redis.exceptions import RedisError
from rq import Queue, get_current_job
from rq.job import Job

from mentoring.extensions import db

F = TypeVar("F", bound=Callable[..., Any])

MAIL, DEFAULT = "mail", "default"
QUEUES = (MAIL, DEFAULT)
PENDING_KEY = "jobs_after_commit"
# ``app.extensions[CITY_LOADER](tenant_id)``: the city for a job, or None. The
# tenancy domain registers it, so this plumbing knows no domain.
CITY_LOADER = "city_loader"
logger = logging.getLogger(__name__)


def queue_name(app: Flask, name: str) -> str:
    """``mentoring-mail`` with the default prefix: what ``rq worker`` is given."""
    return f"{app.config['RQ_QUEUE_PREFIX']}-{name}"


def get_queue(name: str = DEFAULT) -> Queue:
    """The RQ queue ``name`` for the current app (in-process without Redis)."""
    state = current_app.extensions["rq"]
    return Queue(
        queue_name(current_app, name),
        connection=state["connection"],
        is_async=state["is_async"],
    )


def enqueue(func: Callable[..., Any], *args: Any, queue: str = DEFAULT) -> Job:
    """Enqueue now (in-process: run now). Inside a transaction, prefer
    :func:`enqueue_after_commit`: the job must see what the transaction wrote."""
    return get_queue(queue).enqueue(func, *args, job_timeout=300, failure_ttl=86400 * 7)


def enqueue_after_commit(
    func: Callable[..., Any], *args: Any, queue: str = DEFAULT
) -> None:
    """Enqueue when the current transaction commits; forget it on rollback.

    A job must never run before the rows it reloads exist (Indico: e-mails are
    sent only after commit).
    """
    db.session.info.setdefault(PENDING_KEY, []).append((func, args, queue))


def run_pending(session: Any) -> None:
    """``after_commit``: enqueue what the transaction asked for.

    A savepoint's commit is not the commit: jobs wait for the outer transaction.
    A queue that is down loses nothing: the rows stay due and the tick retries.
    """
    if session.in_nested_transaction():
        return
    for func, args, queue in session.info.pop(PENDING_KEY, []):
        try:
            enqueue(func, *args, queue=queue)
        except RedisError:
            logger.exception("could not enqueue %s (the tick retries)", func.__name__)


def drop_pending(session: Any) -> None:
    """``after_rollback``: the rows the jobs would reload are gone.

    A rolled-back savepoint keeps them: the outer transaction may still commit,
    and a job whose row never came to be does nothing.
    """
    if not session.in_nested_transaction():
        session.info.pop(PENDING_KEY, None)


def app_job(func: F) -> F:
    """Run a job in its own app context (and so its own session and scope).

    In a web request or test the current app serves; in ``rq worker`` the
    worker class (:class:`mentoring.worker.Worker`) has built the app. Its log
    lines, and the error that fails it (logged with the traceback when the
    context ends), name the job and the city (its tenant id, the first argument).
    """

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not has_app_context():
            raise RuntimeError(
                "jobs need the app: run `rq worker -w mentoring.worker.Worker ...`"
            )
        app = current_app._get_current_object()  # noqa: SLF001
        with app.app_context():
            g.log_context = _job_log_context(func, args)
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def _job_log_context(func: Callable[..., Any], args: tuple[Any, ...]) -> dict[str, str]:
    context = {"job": func.__name__}
    if args and args[0] is not None:
        context["tenant_id"] = str(args[0])
    if (job := get_current_job()) is not None:
        context["job_id"] = job.id
    return context


def city_job(func: Callable[..., Any]) -> Callable[..., Any]:
    """A job for one city: ``job(tenant_id, *args)`` runs ``func(tenant, *args)``
    inside :func:`mentoring.core.context.in_city` and its own app context.

    The city's scope, timezone and language defaults are set before the job's
    first query, so no job can forget one. A city that is gone skips the job.
    """

    @wraps(func)
    def wrapper(tenant_id: str, *args: Any, **kwargs: Any) -> Any:
        from mentoring.core.context import in_city

        load_city = current_app.extensions[CITY_LOADER]
        tenant = load_city(uuid.UUID(str(tenant_id)))
        if tenant is None:
            return "skipped"  # the city is gone, and its work with it
        with in_city(tenant):
            return func(tenant, *args, **kwargs)

    return app_job(wrapper)


def register_jobs(app: Flask) -> None:
    """The queue connection (Redis, or in-memory and in-process) and the hooks
    that turn a commit into enqueued jobs."""
    import fakeredis
    from redis import Redis
    from sqlalchemy import event

    from mentoring.core.scoping import TenantSession

    url = app.config["REDIS_URL"]
    # A bounded connect: an unreachable Redis must not hang a request or /healthz.
    connection = (
        Redis.from_url(url, socket_connect_timeout=5)
        if url
        else fakeredis.FakeStrictRedis()
    )
    app.extensions["rq"] = {"connection": connection, "is_async": bool(url)}
    if not event.contains(TenantSession, "after_commit", run_pending):
        event.listen(TenantSession, "after_commit", run_pending)
        event.listen(TenantSession, "after_rollback", drop_pending)
    from mentoring.jobs.cli import jobs_cli

    app.cli.add_command(jobs_cli)
