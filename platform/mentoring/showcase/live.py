"""The demo, served for a real browser: a fresh SQLite file, migrated and
seeded, answered by a threaded server on 127.0.0.1.

The browser tests and ``make screenshots`` both use it, so the pictures in the
README show exactly what the tests walk through. Chromium resolves
``*.localhost`` to 127.0.0.1, so every city answers on
``http://<slug>.localhost:<port>/``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flask import Flask
from werkzeug.serving import BaseWSGIServer, make_server

CHROMIUM = "/usr/bin/chromium"  # Debian's: a test tool's own download fails here
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass(frozen=True)
class LiveServer:
    port: int

    def url(self, slug: str | None, path: str = "/") -> str:
        """``path`` on a city's host, or on the network's with ``slug=None``."""
        host = f"{slug}.localhost" if slug else "localhost"
        return f"http://{host}:{self.port}{path}"


def migrated_app(directory: Path) -> Flask:
    """An app of its own: a fresh SQLite file, migrated, the cities synced."""
    from flask_migrate import upgrade

    from mentoring.app import create_app
    from mentoring.extensions import db
    from mentoring.tenancy.services import sync_tenants

    app = create_app(
        {
            "TESTING": False,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{directory / 'live.sqlite3'}",
            "SECRET_KEY": "live-demo-secret",
            "INSTANCE_DIR": str(directory),
            "MAIL_OUTBOX_DIR": str(directory / "outbox"),
            "MAIL_SERVER": "",
            "REDIS_URL": "",
            # One browser signs in as every demo account in turn, all from
            # 127.0.0.1: the per-address limit is raised (the per-account one stays).
            "LIMIT_LOGIN_PER_ADDRESS": "200/minute",
        }
    )
    with app.app_context():
        upgrade()
        sync_tenants(Path(app.config["TENANTS_DIR"]))
        db.session.commit()
        db.session.remove()
    return app


def seeded_app(directory: Path, **size: object) -> Flask:
    """A migrated app with the demo seeded for today (``size``: SeedSize)."""
    from mentoring.core.models import utcnow
    from mentoring.demo.services import SeedSize, seed
    from mentoring.extensions import db

    app = migrated_app(directory)
    with app.app_context():
        seed(SeedSize(**size), utcnow().date())  # type: ignore[arg-type]
        db.session.commit()
        db.session.remove()
    return app


@contextmanager
def serve(app: Flask) -> Iterator[LiveServer]:
    """Serve ``app`` on 127.0.0.1 and a free port in a thread, until the block ends."""
    from mentoring.extensions import db

    server: BaseWSGIServer = make_server("127.0.0.1", 0, app, threaded=True)
    app.config["PUBLIC_PORT"] = str(server.server_port)  # as `make run` does
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LiveServer(server.server_port)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        with app.app_context():
            db.engine.dispose()
