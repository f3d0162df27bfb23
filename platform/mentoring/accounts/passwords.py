"""Password rules and hashing (scrypt via Werkzeug). Pure: no Flask, no database."""

from __future__ import annotations

from werkzeug.security import check_password_hash, generate_password_hash

MIN_LENGTH = 12
MAX_LENGTH = 256
# A hash of a random password: checking against it when the e-mail is unknown
# costs the same time as a real check, so timing does not tell who has an account.
_DUMMY_HASH = generate_password_hash("timing-equaliser-not-a-password", method="scrypt")


def hash_password(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


def verify_password(password_hash: str | None, password: str) -> bool:
    if not password_hash:
        check_password_hash(_DUMMY_HASH, password)
        return False
    return check_password_hash(password_hash, password)


def password_problem(password: str) -> str | None:
    """Why ``password`` is not acceptable (a message id), or None."""
    if len(password) < MIN_LENGTH:
        return "too_short"
    if len(password) > MAX_LENGTH:
        return "too_long"
    if len(set(password)) < 4:
        return "too_simple"
    return None
