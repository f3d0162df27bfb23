"""Signed links for password reset and first-time invitation; session keys.

A link expires, and works once: it carries a fingerprint of the account's
current password hash, and using it sets a new password, so the fingerprint no
longer matches. It also names the city, so a link is void on any other host.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

PURPOSES = ("reset", "invite")


class InvalidToken(Exception):
    """The link is tampered, expired, used, or for another city or purpose."""


def _serializer(secret_key: str, purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key, salt=f"mentoring-account-{purpose}")


def new_session_key() -> str:
    """The random key a session cookie carries (the server keeps its hash)."""
    return secrets.token_urlsafe(32)


def session_key_hash(key: str) -> str:
    """What is stored of a session key: its SHA-256 (the key is random)."""
    return hashlib.sha256(key.encode()).hexdigest()


def fingerprint(password_hash: str | None) -> str:
    return hashlib.sha256((password_hash or "unset").encode()).hexdigest()[:16]


def make_token(secret_key: str, purpose: str, account: Any, scope: str) -> str:
    """``scope`` is the tenant id as text, or ``"network"``."""
    payload = {
        "id": str(account.id),
        "s": scope,
        "fp": fingerprint(account.password_hash),
    }
    return _serializer(secret_key, purpose).dumps(payload)


def read_token(
    secret_key: str, purpose: str, token: str, scope: str, max_age: int
) -> dict[str, str]:
    """The payload of a valid ``token``; :class:`InvalidToken` otherwise.

    The caller still compares ``payload["fp"]`` with the account's fingerprint.
    """
    try:
        payload = _serializer(secret_key, purpose).loads(token, max_age=max_age)
    except SignatureExpired as exc:
        raise InvalidToken("expired") from exc
    except BadSignature as exc:
        raise InvalidToken("bad signature") from exc
    if not isinstance(payload, dict) or payload.get("s") != scope:
        raise InvalidToken("other scope")
    return payload
