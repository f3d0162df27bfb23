"""Where CVs are kept: files under random names in ``UPLOADS_DIR/<tenant_id>/``.

Never below a static folder, never under the applicant's file name: the
database row knows the key, and only the coordinator's download view reads it.
"""

from __future__ import annotations

import os
import re
import secrets
import uuid
from pathlib import Path

from flask import current_app

_KEY = re.compile(r"^[0-9a-f]{32}$")


def uploads_root() -> Path:
    return Path(current_app.config.get("UPLOADS_DIR") or "").resolve()


def save_cv(tenant_id: uuid.UUID, content: bytes) -> str:
    """Write ``content`` under a new random key; returns the key."""
    folder = uploads_root() / str(tenant_id)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = secrets.token_hex(16)
    descriptor = os.open(folder / key, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(content)
    return key


def cv_path(tenant_id: uuid.UUID, key: str) -> Path:
    """The file of ``key``; a key that is not ours never names a path."""
    if not _KEY.match(key):
        raise FileNotFoundError(key)
    return uploads_root() / str(tenant_id) / key


def remove_cv(tenant_id: uuid.UUID, key: str) -> None:
    """Forget a file (e.g. when its transaction rolled back); gone is fine."""
    cv_path(tenant_id, key).unlink(missing_ok=True)
