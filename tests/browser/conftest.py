"""Browser tests: Playwright drives Debian's Chromium against a live server.

The live server has its own SQLite database with the demo data (seeded once per
session), independent of the transactional test database: a browser needs real
commits that another thread can see. Chromium resolves ``*.localhost`` to
127.0.0.1, so every city answers on ``http://<slug>.localhost:<port>/``.
These tests never request the ``app`` fixture (whose transaction they would
not share).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import BaseWSGIServer, make_server

from tests.conftest import require

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(autouse=True)
def _needs_chromium() -> None:
    """Skip every browser test without Chromium (CI fails instead: it installs it)."""
    require(os.path.exists(CHROMIUM), f"needs Debian's Chromium at {CHROMIUM}")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict:
    """Debian's Chromium, not Playwright's own download (never installed here)."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict:
    """A Danish browser (``Accept-Language: da-DK``), like most visitors'."""
    return {**browser_context_args, "locale": "da-DK"}


@dataclass(frozen=True)
class LiveServer:
    port: int

    def url(self, slug: str | None, path: str = "/") -> str:
        """``path`` on a city's host, or on the network's with ``slug=None``."""
        host = f"{slug}.localhost" if slug else "localhost"
        return f"http://{host}:{self.port}{path}"


def migrated_app(directory: Path) -> Any:
    """A live server's own app: a fresh SQLite file, migrated, the cities synced."""
    from flask_migrate import upgrade

    from mentoring.app import create_app
    from mentoring.extensions import db
    from mentoring.tenancy.services import sync_tenants

    app = create_app(
        {
            "TESTING": False,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{directory / 'live.sqlite3'}",
            "SECRET_KEY": "browser-test-secret",
            "INSTANCE_DIR": str(directory),
            "MAIL_OUTBOX_DIR": str(directory / "outbox"),
            "MAIL_SERVER": "",
            "REDIS_URL": "",
        }
    )
    with app.app_context():
        upgrade()
        sync_tenants(Path(app.config["TENANTS_DIR"]))
        db.session.commit()
        db.session.remove()
    return app


def _seeded_app(directory: Path) -> Any:
    from mentoring.core.models import utcnow
    from mentoring.demo.services import SeedSize, seed
    from mentoring.extensions import db

    app = migrated_app(directory)
    with app.app_context():
        seed(
            SeedSize(cities=2, participants=4, cohorts=2, recruiting=False),
            utcnow().date(),
        )
        db.session.commit()
        db.session.remove()
    return app


@contextmanager
def serve(app: Any) -> Iterator[LiveServer]:
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


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The app with demo data, served on 127.0.0.1 and a free port."""
    require(os.path.exists(CHROMIUM), f"needs Debian's Chromium at {CHROMIUM}")
    with serve(_seeded_app(tmp_path_factory.mktemp("live"))) as server:
        yield server
