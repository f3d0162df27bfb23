"""What an already validated ID token says about who signed in (plain functions).

Authlib checks the token itself (signature against the provider's keys, issuer,
audience, nonce, expiry); these rules decide what the city may believe in it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


class Refused(Exception):
    """The identity cannot sign in here; ``code`` says why (for the message)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Identity:
    subject: str  # "<issuer> <sub>": a sub is unique only at its issuer
    email: str | None  # only when the provider vouches for it


def identity(claims: Mapping[str, Any], issuer: str) -> Identity:
    """The subject and, if verified, the e-mail of ``claims`` from ``issuer``.

    An e-mail counts as verified with ``email_verified: true`` (the standard
    claim) or Microsoft Entra ID's ``xms_edov: true`` (the e-mail's domain is
    owned by the directory). Anything else is no e-mail at all.
    """
    sub = claims.get("sub")
    if not isinstance(sub, str) or not sub:
        raise Refused("no_subject")
    if claims.get("iss") != issuer:
        raise Refused("wrong_issuer")
    email = claims.get("email")
    verified = claims.get("email_verified") is True or claims.get("xms_edov") is True
    usable = isinstance(email, str) and "@" in email and verified
    return Identity(
        subject=f"{issuer} {sub}", email=email.strip().lower() if usable else None
    )
