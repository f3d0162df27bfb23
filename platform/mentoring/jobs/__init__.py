"""Background work over RQ.

With ``REDIS_URL`` jobs go to Redis and ``rq worker`` runs them (queue names in
``QUEUES``); without it they run in-process on an in-memory queue, so a first
run needs no Redis. Jobs take ids (tenant id first), never objects, and each
one reloads what it needs: the database says what is due, so a lost queue loses
nothing and a job that runs twice does nothing twice.
"""

from __future__ import annotations

import inspect
import logging
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from functools import wraps
from typing import Any, TypeVar

from flask import Flask, current_app, g, has_app_context
from redis.exceptions import RedisError
from rq import Queue, Retry, get_current_job
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus

from mentoring.core.models import utcnow
from mentoring.extensions import db
from mentoring.jobs import runs
from mentoring.jobs.policy import job_key, policy_for

F = TypeVar("F", bound=Callable[..., Any])

MAIL, DEFAULT = "mail", "default"
QUEUES = (MAIL, DEFAULT)
PENDING_KEY = "jobs_after_commit"
# ``app.extensions[CITY_LOADER](tenant_id)``: the city for a job, or None. The
# tenancy domain registers it, so this plumbing knows no domain.
CITY_LOADER = "city_loader"
logger = logging.getLogger(__name__)
# Every job by name -> its import path (what RQ is given): the reconciler and
# the tests walk it. Filled by the decorators, so it knows no domain.
REGISTRY: dict[str, str] = {}
# RQ statuses under which a job with our key is still coming: enqueue again = no-op.
ALIVE = {JobStatus.QUEUED, JobStatus.STARTED, JobStatus.SCHEDULED, JobStatus.DEFERRED}
_ledger_key: ContextVar[str | None] = ContextVar("job_ledger_key", default=None)


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


def job_path(func: Callable[..., Any] | str) -> str:
    """``mentoring.mail.jobs.deliver_email``: how RQ (and the ledger) name a job."""
    return func if isinstance(func, str) else f"{func.__module__}.{func.__name__}"


def enqueue(
    func: Callable[..., Any] | str,
    *args: Any,
    queue: str = DEFAULT,
    key: str | None = None,
    force: bool = False,
) -> Job:
    """Enqueue now (in-process: run now) under the idempotency key as job id.

    A job of that key still queued or running is left alone and returned (a
    duplicate enqueue is a no-op); ``force``: the reconciler knows it is dead.
    Inside a transaction, use :func:`enqueue_after_commit`: the job must see
    what the transaction wrote, and its key is recorded there.
    """
    path = job_path(func)
    name = path.rpartition(".")[2]
    key = key or job_key(name, args, utcnow())
    target = get_queue(queue)
    if target.is_async and not force and (alive := _alive(key, target)) is not None:
        return alive
    policy = policy_for(name)
    retry = None
    if target.is_async and policy.retries:  # in-process: the tick retries
        retry = Retry(max=len(policy.retries), interval=list(policy.retries))
    return target.enqueue(
        path,
        *args,
        job_id=key,
        job_timeout=policy.timeout,
        retry=retry,
        failure_ttl=86400 * 7,
    )


def _alive(key: str, target: Queue) -> Job | None:
    try:
        job = Job.fetch(key, connection=target.connection)
    except NoSuchJobError:
        return None
    return job if job.get_status(refresh=False) in ALIVE else None


def enqueue_after_commit(
    func: Callable[..., Any] | str, *args: Any, queue: str = DEFAULT
) -> None:
    """Record the job's key as due now, enqueue it when the transaction
    commits; forget both on rollback. A key already done is not enqueued.

    A job must never run before the rows it reloads exist (Indico: e-mails are
    sent only after commit).
    """
    path = job_path(func)
    key = job_key(path.rpartition(".")[2], args, utcnow())
    if runs.record_due(key, path, args, queue):
        _add_pending(path, args, queue, key)


def _add_pending(
    path: str, args: Any, queue: str, key: str, force: bool = False
) -> None:
    db.session.info.setdefault(PENDING_KEY, []).append(
        (path, tuple(args), queue, key, force)
    )


def run_pending(session: Any) -> None:
    """``after_commit``: enqueue what the transaction asked for.

    A savepoint's commit is not the commit: jobs wait for the outer transaction.
    A queue that is down loses nothing: the rows stay due and the tick retries.
    """
    if session.in_nested_transaction():
        return
    for path, args, queue, key, force in session.info.pop(PENDING_KEY, []):
        try:
            enqueue(path, *args, queue=queue, key=key, force=force)
        except RedisError:
            logger.exception("could not enqueue %s (the tick retries)", key)


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

    The job's idempotency key (its RQ job id; called by hand: derived from the
    arguments, ``policy.job_key``) is kept in ``job_runs``: a key already done
    returns "skipped" without doing anything; otherwise the run is marked
    running, then done, or failed with its error.
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
            key = _run_key(func, args)
            if key is None:  # a job calling another as a function: one ledger row
                return func(*args, **kwargs)
            token = _ledger_key.set(key)
            try:
                return _run_once(key, func, args, kwargs)
            finally:
                _ledger_key.reset(token)

    if not func.__name__.startswith("_"):
        REGISTRY[func.__name__] = job_path(wrapper)
    return wrapper  # type: ignore[return-value]


def _run_key(func: Callable[..., Any], args: tuple[Any, ...]) -> str | None:
    """This run's key, or None inside another job's run (its ledger row counts)."""
    job, outer = get_current_job(), _ledger_key.get()
    if outer is not None and (job is None or job.id == outer):
        return None
    return job.id if job is not None else job_key(func.__name__, args, utcnow())


def _run_once(
    key: str, func: Callable[..., Any], args: tuple[Any, ...], kwargs: Any
) -> Any:
    job = get_current_job()
    queue = job.origin.rpartition("-")[2] if job is not None else DEFAULT
    if not runs.start_run(key, job_path(func), args, queue):
        return _nothing(func)  # the database says this work is done
    try:
        result = func(*args, **kwargs)
    except BaseException as exc:
        retries_left = job.retries_left if job is not None else 0
        runs.fail_run(key, exc, will_retry=bool(retries_left))
        raise
    runs.finish_run(key)
    return result


def _job_log_context(func: Callable[..., Any], args: tuple[Any, ...]) -> dict[str, str]:
    context = {"job": func.__name__}
    if args and args[0] is not None:
        context["tenant_id"] = str(args[0])
    if (job := get_current_job()) is not None:
        context["job_id"] = job.id
    return context


def _nothing(func: Callable[..., Any]) -> Any:
    """What a job returns for work already done: 0 sent, or "skipped"."""
    returns = inspect.signature(func).return_annotation
    return 0 if returns in (int, "int") else "skipped"


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
