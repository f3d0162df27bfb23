"""Abuse limits: how many logins, reset requests and applications a client may
send (Flask-Limiter on ``limits``; Redis when ``REDIS_URL`` is set, else memory).

Every key starts with the city (its slug, or ``network`` on the apex), so one
city's traffic never uses up another's allowance. The client's address is
``request.remote_addr``: the connection's own, or the one ProxyFix took from
``X-Forwarded-For`` when ``TRUSTED_PROXIES`` says proxies stand in front
(``core.auth.register_proxies``), so a client cannot pick its own key.

The limits are the ``LIMIT_*`` settings (``config.py``), read at request time.
Two kinds:

* per address, as decorators on the views (``limiter.limit(per_address(...))``):
  every request counts, and one over the limit gets the 429 page;
* per account or e-mail (:func:`allowed` / :func:`count`): the view decides
  what counts (a failed login, a reset request) and what to do when the limit
  is reached (a 429 for logins; silence for reset requests).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from flask import Flask, current_app, g
from limits import RateLimitItem, parse_many
from werkzeug.exceptions import TooManyRequests

from mentoring.extensions import limiter


class TooManyAttempts(TooManyRequests):
    """A per-account limit is reached: the 429 page, with ``Retry-After``."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after=retry_after)
        self.seconds = retry_after


def city_key() -> str:
    """The city the request is for: its slug, or ``network`` on the apex."""
    tenant = g.get("tenant")
    return tenant.slug if tenant is not None else "network"


def per_address(setting: str) -> Callable[[], str]:
    """The limit string for a decorator, read from the config at request time."""
    return lambda: str(current_app.config[setting])


def _items(setting: str) -> list[RateLimitItem]:
    return parse_many(str(current_app.config[setting]))


def _identifiers(name: str, subject: str) -> tuple[str, str, str]:
    return (name, city_key(), subject)


def allowed(setting: str, name: str, subject: str) -> bool:
    """May ``subject`` (an e-mail) try ``name`` again under ``setting``'s limits?"""
    strategy = limiter.limiter
    ids = _identifiers(name, subject)
    return all(strategy.test(item, *ids) for item in _items(setting))


def count(setting: str, name: str, subject: str) -> None:
    """One more attempt by ``subject`` against ``setting``'s limits."""
    strategy = limiter.limiter
    ids = _identifiers(name, subject)
    for item in _items(setting):
        strategy.hit(item, *ids)


def retry_after(setting: str, name: str, subject: str) -> int:
    """Seconds until ``subject`` may try again (at least one)."""
    strategy = limiter.limiter
    ids = _identifiers(name, subject)
    now = time.time()
    waits = [
        strategy.get_window_stats(item, *ids).reset_time - now
        for item in _items(setting)
        if not strategy.test(item, *ids)
    ]
    return max(1, math.ceil(max(waits, default=1)))


def refuse_if_limited(setting: str, name: str, subject: str) -> None:
    """Raise :class:`TooManyAttempts` when ``subject`` is over the limit."""
    if not allowed(setting, name, subject):
        raise TooManyAttempts(retry_after(setting, name, subject))


def retry_after_of(error: Exception) -> int | None:
    """``Retry-After`` for a 429: ours, or the per-address limit just breached."""
    if isinstance(error, TooManyAttempts):
        return error.seconds
    current = limiter.current_limit
    if current is None:
        return None
    return max(1, math.ceil(current.reset_at - time.time()))


def register_limits(app: Flask) -> None:
    """Bind the limiter: counters in Redis when ``REDIS_URL`` is set (shared by
    every web process), else in this process's memory."""
    app.config.setdefault(
        "RATELIMIT_STORAGE_URI", app.config.get("REDIS_URL") or "memory://"
    )
    app.before_request(use_this_apps_storage)  # before the limiter's own hook
    limiter.init_app(app)
    # Flask-Limiter keeps one storage per Limiter, not per app: remember this
    # app's, so that a process with several apps (the tests, a live demo
    # server beside them) counts each app's requests in its own storage.
    app.extensions["limits_storage"] = (limiter._storage, limiter._limiter)  # noqa: SLF001


def use_this_apps_storage() -> None:
    """Point the shared limiter at the current app's storage (a no-op with one app)."""
    storage, strategy = current_app.extensions["limits_storage"]
    if limiter._storage is not storage:  # noqa: SLF001 - see register_limits
        limiter._storage, limiter._limiter = storage, strategy  # noqa: SLF001
