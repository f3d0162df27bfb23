"""Signed links that confirm an applicant's e-mail address. Pure: no Flask.

The link names the application and the city, so it is void on any other host;
it expires after ``max_age`` seconds (``APPLICATION_CONFIRM_MAX_AGE``).
"""

from __future__ import annotations

import uuid

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

SALT = "mentoring-application-confirm"


class InvalidLink(Exception):
    """The link is tampered, expired, or for another city."""


def make_link_token(secret_key: str, application_id: uuid.UUID, scope: str) -> str:
    """``scope`` is the city's tenant id as text."""
    payload = {"id": str(application_id), "s": scope}
    return URLSafeTimedSerializer(secret_key, salt=SALT).dumps(payload)


def read_link_token(secret_key: str, token: str, scope: str, max_age: int) -> uuid.UUID:
    """The application id of a valid link; :class:`InvalidLink` otherwise."""
    serializer = URLSafeTimedSerializer(secret_key, salt=SALT)
    try:
        payload = serializer.loads(token, max_age=max_age)
    except SignatureExpired as exc:
        raise InvalidLink("expired") from exc
    except BadSignature as exc:
        raise InvalidLink("bad signature") from exc
    if not isinstance(payload, dict) or payload.get("s") != scope:
        raise InvalidLink("other city")
    try:
        return uuid.UUID(str(payload.get("id")))
    except ValueError as exc:
        raise InvalidLink("bad id") from exc
