"""Password rules and hashing (scrypt via Werkzeug). Pure: no Flask, no database.

Common passwords are refused from an offline list (``data/common-passwords.txt.gz``,
its source and limits in ``data/README.txt``), and so are a person's e-mail and
anything containing the city's name: the first things an attacker tries.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path

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


COMMON_LIST = Path(__file__).with_name("data") / "common-passwords.txt.gz"
# What may follow a common word and still leave it common: "password2024!".
_TAIL = re.compile(r"[\W\d_]+$")
# Parts of a city's name too short to mean the city ("By", "Ø").
MIN_CITY_PART = 4
# How a Danish name is written without æ, ø and å (as in the city's slug).
_ASCII_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
# Words in a city's name that do not name the city.
NOT_THE_CITY = frozenset({"kommune", "municipality", "city", "byen"})


@cache
def common_passwords() -> frozenset[str]:
    """The offline list, lower case (loaded once, about 30,000 entries)."""
    with gzip.open(COMMON_LIST, "rt", encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines if line.strip())


def is_common(password: str) -> bool:
    """On the list as it is, without what follows a word, or said twice."""
    common = common_passwords()
    lowered = password.strip().lower()
    half = len(lowered) // 2
    candidates = {
        lowered,
        _TAIL.sub("", lowered),
        lowered.replace(" ", ""),
        lowered[:half] if lowered[:half] * 2 == lowered else "",
    }
    return any(c in common for c in candidates if c)


def _folded(text: str) -> str:
    """Lower case, letters and digits only (æ, ø and å kept): for containment."""
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(char for char in text if char.isalnum())


def _city_parts(names: Iterable[str]) -> set[str]:
    parts = set()
    for name in names:
        words = re.split(r"[\W_]+", name)
        parts.add(_folded(name))
        parts.update(_folded(word) for word in words)
        parts.add(_folded(name).translate(_ASCII_DANISH))
    return {p for p in parts if len(p) >= MIN_CITY_PART and p not in NOT_THE_CITY}


def password_problem(
    password: str, email: str | None = None, city_names: Iterable[str] = ()
) -> str | None:
    """Why ``password`` is not acceptable (a message id), or None.

    ``email`` is the account's address, ``city_names`` the city's names and slug.
    """
    if len(password) < MIN_LENGTH:
        return "too_short"
    if len(password) > MAX_LENGTH:
        return "too_long"
    if len(set(password)) < 4:
        return "too_simple"
    if is_common(password):
        return "common"
    if email and _like_email(password, email):
        return "like_email"
    folded = _folded(password)
    if any(part in folded for part in _city_parts(city_names)):
        return "city_name"
    return None


def _like_email(password: str, email: str) -> bool:
    """The address itself, or its part before the @ (with or without a tail)."""
    lowered, address = password.strip().lower(), email.strip().lower()
    local = address.partition("@")[0]
    return address in lowered or _TAIL.sub("", lowered) == local
