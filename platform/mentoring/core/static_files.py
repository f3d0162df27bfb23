"""Static files carry their content's hash in the URL and are cached for a year.

Each file's SHA-256 (its first 12 hex digits) is computed once, at start-up;
``url_for("static", filename=...)`` adds it as ``?v=<hash>``. A request whose
``v`` is the file's current hash may be cached for a year, unchanged
(``immutable``): a new deploy with a changed file gives it a new URL. Any other
request for a static file (no ``v``, or an old one) is cached for five minutes.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from flask import Flask, Response, request

YEAR = "public, max-age=31536000, immutable"
SHORT = "public, max-age=300"


def content_hashes(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (by its URL path) -> its content's hash."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(
            path.read_bytes()
        ).hexdigest()[:12]
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def register_static_files(app: Flask) -> None:
    hashes = content_hashes(Path(app.static_folder or ""))
    app.extensions["static_hashes"] = hashes

    @app.url_defaults
    def add_hash(endpoint: str, values: dict[str, Any]) -> None:
        if endpoint == "static" and "v" not in values:
            digest = hashes.get(values.get("filename", ""))
            if digest:
                values["v"] = digest

    @app.after_request
    def cache_static(response: Response) -> Response:
        if request.endpoint == "static" and response.status_code in (200, 304):
            filename = (request.view_args or {}).get("filename", "")
            current = hashes.get(filename)
            hashed = current is not None and request.args.get("v") == current
            response.headers["Cache-Control"] = YEAR if hashed else SHORT
        return response
