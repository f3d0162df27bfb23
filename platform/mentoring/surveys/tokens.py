"""The personal survey link: signed, expiring, for one invitation in one city.

No login is needed, so the link itself is the key: it names the invitation
and the city, is signed with a salt of its own (an account link cannot be
reused as a survey link, nor the reverse) and expires.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from itsdangerous import (
    BadSignature,
    SignatureExpired,
    TimestampSigner,
    URLSafeTimedSerializer,
)

SALT = "mentoring-survey-invitation"
LINK_VALID_FOR = timedelta(days=60)


class InvalidSurveyLink(Exception):
    """Tampered, expired, or made for another city."""


def _serializer(secret_key: str, issued_at: datetime | None) -> URLSafeTimedSerializer:
    if issued_at is None:
        return URLSafeTimedSerializer(secret_key, salt=SALT)

    class IssuedAt(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(issued_at.timestamp())

    return URLSafeTimedSerializer(secret_key, salt=SALT, signer=IssuedAt)


def make_link_token(
    secret_key: str,
    invitation_id: str,
    tenant_id: str,
    issued_at: datetime | None = None,
) -> str:
    """A token naming the invitation and the city (``issued_at``: for tests)."""
    payload = {"i": invitation_id, "s": tenant_id}
    return str(_serializer(secret_key, issued_at).dumps(payload))


def read_link_token(secret_key: str, token: str, tenant_id: str) -> str:
    """The invitation id of a valid token for this city, else the exception."""
    try:
        payload = _serializer(secret_key, None).loads(
            token, max_age=int(LINK_VALID_FOR.total_seconds())
        )
    except SignatureExpired as exc:
        raise InvalidSurveyLink("expired") from exc
    except BadSignature as exc:
        raise InvalidSurveyLink("bad signature") from exc
    if not isinstance(payload, dict) or payload.get("s") != tenant_id:
        raise InvalidSurveyLink("other city")
    return str(payload.get("i", ""))
