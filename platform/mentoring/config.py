"""Configuration from the environment, with embedded defaults for a first run.

Every setting is documented in the README. ``MENTORING_ENV=production`` turns
the defaults off: the app then refuses to start without ``SECRET_KEY``,
``DATABASE_URL``, an SMTP server and Redis (each of the last two unless
explicitly opted out of), or with a ``MAIL_FROM`` at localhost.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from email.utils import parseaddr
from pathlib import Path
from typing import Any

ROOT = (
    Path(__file__).resolve().parents[2]
)  # the repository (platform/ is a source root)
REQUIRED_IN_PRODUCTION = ("SECRET_KEY", "DATABASE_URL")
DEFAULT_MAIL_FROM = "Career Mentoring <no-reply@localhost>"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class ConfigError(RuntimeError):
    """The environment cannot run the app; the message says what is missing."""


def _check_production(env: Mapping[str, str]) -> None:
    """Refuse the embedded defaults production cannot live with, naming them all."""
    missing = [name for name in REQUIRED_IN_PRODUCTION if not env.get(name)]
    if not env.get("MAIL_SERVER") and not _flag(env.get("MAIL_OUTBOX_IN_PRODUCTION")):
        missing.append("MAIL_SERVER (or MAIL_OUTBOX_IN_PRODUCTION=true)")
    if not env.get("REDIS_URL") and not _flag(env.get("JOBS_IN_PROCESS")):
        missing.append("REDIS_URL (or JOBS_IN_PROCESS=true)")
    if missing:
        raise ConfigError(
            "production needs these environment variables: " + ", ".join(missing)
        )
    sender = env.get("MAIL_FROM", DEFAULT_MAIL_FROM)
    if is_local_address(sender):
        raise ConfigError(
            f"production needs a MAIL_FROM that can be answered, not {sender!r}"
        )


def is_local_address(sender: str) -> bool:
    """True for a sender no one outside can reply to: no domain, ``localhost``,
    ``*.localhost`` or an IP literal."""
    address = parseaddr(sender)[1]
    local, at, domain = address.rpartition("@")
    domain = domain.strip().lower().rstrip(".").strip("[]")
    if not (local and at and domain):
        return True
    if domain == "localhost" or domain.endswith(".localhost"):
        return True
    try:
        ipaddress.ip_address(domain.removeprefix("ipv6:"))
    except ValueError:
        return False
    return True


def _flag(value: str | None, default: bool = False) -> bool:
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def _choice(
    env: Mapping[str, str], name: str, allowed: tuple[str, ...], default: str = ""
) -> str:
    value = env.get(name, default).strip()
    value = value.upper() if name == "LOG_LEVEL" else value.lower()
    if value not in allowed:
        choices = ", ".join(a for a in allowed if a)
        raise ConfigError(f"{name} must be one of: {choices}")
    return value


def from_env(env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Build the Flask config dict from ``env`` (``os.environ`` by default)."""
    env = os.environ if env is None else env
    production = env.get("MENTORING_ENV", "development") == "production"
    if production:
        _check_production(env)
    instance = Path(env.get("INSTANCE_PATH", ROOT / "instance"))
    return {
        "ENV_NAME": "production" if production else "development",
        "SECRET_KEY": env.get("SECRET_KEY", "dev-only-not-secret"),
        "SQLALCHEMY_DATABASE_URI": env.get(
            "DATABASE_URL", f"sqlite:///{instance / 'mentoring.sqlite3'}"
        ),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "INSTANCE_DIR": str(instance),
        "TENANTS_DIR": env.get("TENANTS_DIR", str(ROOT / "tenants")),
        "MENTORING_DOMAIN": env.get("MENTORING_DOMAIN", "localhost").lower(),
        # Where the network's accessibility statement sends problems (the apex's
        # /accessibility); each city's statement uses the city's own contact.
        "NETWORK_ACCESSIBILITY_EMAIL": env.get("NETWORK_ACCESSIBILITY_EMAIL", ""),
        "PREFERRED_URL_SCHEME": "https" if production else "http",
        # Port in links written by jobs, which have no request; `make run` sets it.
        "PUBLIC_PORT": env.get("PUBLIC_PORT", ""),
        "REDIS_URL": env.get("REDIS_URL", ""),
        "RQ_QUEUE_PREFIX": env.get("RQ_QUEUE_PREFIX", "mentoring"),
        "MAIL_SERVER": env.get("MAIL_SERVER", ""),
        "MAIL_PORT": int(env.get("MAIL_PORT", "587")),
        "MAIL_USERNAME": env.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": env.get("MAIL_PASSWORD", ""),
        "MAIL_USE_TLS": _flag(env.get("MAIL_USE_TLS"), default=True),
        "MAIL_USE_SSL": _flag(env.get("MAIL_USE_SSL")),
        "MAIL_FROM": env.get("MAIL_FROM", DEFAULT_MAIL_FROM),
        "MAIL_OUTBOX_DIR": env.get("MAIL_OUTBOX_DIR", str(instance / "outbox")),
        # CVs, under random names; never below a static folder. Shared by every
        # app server when there are several.
        "UPLOADS_DIR": env.get("UPLOADS_DIR", str(instance / "uploads")),
        # Production: a __Host- cookie (Secure, Path=/, no Domain: the browser
        # refuses it otherwise). http://localhost cannot keep a Secure cookie,
        # so development keeps a plain name.
        "SESSION_COOKIE_NAME": env.get(
            "SESSION_COOKIE_NAME", "__Host-session" if production else "session"
        ),
        "SESSION_COOKIE_SECURE": _flag(env.get("SESSION_COOKIE_SECURE"), production),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_PATH": "/",
        # Flask-Login's remember-me cookie is never set (no "remember me"), but
        # should it ever be, it gets the same protection.
        "REMEMBER_COOKIE_NAME": "__Host-remember" if production else "remember_token",
        "REMEMBER_COOKIE_SECURE": _flag(env.get("SESSION_COOKIE_SECURE"), production),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_PATH": "/",
        # Server-side timeouts (accounts.timeouts): staff (coordinators, network
        # analysts and operators) after 30 idle minutes, participants after 8
        # hours; every session after 12 hours from sign-in.
        "SESSION_IDLE_MINUTES": int(env.get("SESSION_IDLE_MINUTES", "30")),
        "SESSION_IDLE_MINUTES_PARTICIPANTS": int(
            env.get("SESSION_IDLE_MINUTES_PARTICIPANTS", "480")
        ),
        "SESSION_LIFETIME_HOURS": int(env.get("SESSION_LIFETIME_HOURS", "12")),
        # Reverse proxies in front of the app: only then is X-Forwarded-For used.
        "TRUSTED_PROXIES": int(env.get("TRUSTED_PROXIES", "0")),
        "SESSION_COOKIE_SAMESITE": "Lax",
        # Host-only cookies: a login at one city is never sent to another.
        "SESSION_COOKIE_DOMAIN": None,
        "REMEMBER_COOKIE_DOMAIN": None,
        "PASSWORD_RESET_MAX_AGE": int(env.get("PASSWORD_RESET_MAX_AGE", "3600")),
        "INVITATION_MAX_AGE": int(env.get("INVITATION_MAX_AGE", str(14 * 86400))),
        "APPLICATION_CONFIRM_MAX_AGE": int(
            env.get("APPLICATION_CONFIRM_MAX_AGE", str(7 * 86400))
        ),
        "LOG_FORMAT": _choice(env, "LOG_FORMAT", ("", "json", "text")),
        "LOG_LEVEL": _choice(env, "LOG_LEVEL", LOG_LEVELS, "INFO"),
        "BABEL_DEFAULT_LOCALE": "da",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Copenhagen",
        "BABEL_TRANSLATION_DIRECTORIES": str(ROOT / "translations"),
        "WTF_CSRF_TIME_LIMIT": None,  # tied to the session; phones keep tabs open
        "MAX_CONTENT_LENGTH": 6 * 1024 * 1024,
        **_limits(env),
    }


def _limits(env: Mapping[str, str]) -> dict[str, Any]:
    """Abuse limits (``core/limits.py``), in the ``limits`` notation
    (``10/minute;30/hour``); shared through Redis when ``REDIS_URL`` is set."""
    return {
        # Storage: ``REDIS_URL`` if set, else memory (``core.limits.register_limits``).
        # Keys of this deployment only: ``reset()`` (tests) deletes just these.
        "RATELIMIT_STORAGE_OPTIONS": {
            "key_prefix": env.get("RATELIMIT_KEY_PREFIX", "mentoring-limits")
        },
        "RATELIMIT_HEADERS_ENABLED": True,
        # A moving window: no double burst at a window's edge; its timestamps
        # are the app's (``time.time``), in Redis as in memory.
        "RATELIMIT_STRATEGY": "moving-window",
        "LIMIT_LOGIN_PER_ADDRESS": env.get(
            "LIMIT_LOGIN_PER_ADDRESS", "10/minute;30/hour"
        ),
        "LIMIT_LOGIN_PER_ACCOUNT": env.get("LIMIT_LOGIN_PER_ACCOUNT", "5/15 minutes"),
        "LIMIT_RESET_PER_ADDRESS": env.get("LIMIT_RESET_PER_ADDRESS", "10/hour"),
        "LIMIT_RESET_PER_EMAIL": env.get("LIMIT_RESET_PER_EMAIL", "3/hour"),
        "LIMIT_APPLY_PER_ADDRESS": env.get("LIMIT_APPLY_PER_ADDRESS", "5/hour"),
    }
