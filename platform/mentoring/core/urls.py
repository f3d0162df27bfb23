"""Where a ``next`` parameter may send someone: pure rules, no Flask.

One check for every redirect taken from a request, so none is an open redirect.
"""

from __future__ import annotations

from urllib.parse import urlsplit


def safe_next(target: str | None) -> str | None:
    """``target`` when it is a path on this site, else ``None``.

    Browsers read ``\\`` as ``/`` and drop tabs and line breaks anywhere in a URL,
    so ``/\\evil``, ``/<tab>/evil`` or ``/<newline>/evil`` would become
    ``//evil`` (another site): any backslash, whitespace or control character is
    refused, as is anything but a single leading ``/``.
    """
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    if any(char == "\\" or char.isspace() or not char.isprintable() for char in target):
        return None
    parts = urlsplit(target)
    return None if parts.scheme or parts.netloc else target
