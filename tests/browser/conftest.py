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
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mentoring.showcase.live import (
    CHROMIUM,
    CHROMIUM_ARGS,
    LiveServer,
    migrated_app,
    seeded_app,
    serve,
)
from tests.conftest import require

__all__ = ["LiveServer", "migrated_app", "serve"]  # the browser tests import these here


@pytest.fixture(autouse=True)
def _needs_chromium() -> None:
    """Skip every browser test without Chromium (CI fails instead: it installs it)."""
    require(os.path.exists(CHROMIUM), f"needs Debian's Chromium at {CHROMIUM}")


@pytest.fixture(autouse=True)
def _fresh_browser_limits() -> Iterator[None]:
    """The live server's abuse limits are on; each test starts with none used up."""
    from mentoring.extensions import limiter

    yield
    if limiter.initialized:
        limiter.reset()  # the storage the live server used last


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


def _seeded_app(directory: Path) -> Any:
    return seeded_app(directory, cities=2, participants=4, cohorts=2, recruiting=False)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The app with demo data, served on 127.0.0.1 and a free port."""
    require(os.path.exists(CHROMIUM), f"needs Debian's Chromium at {CHROMIUM}")
    with serve(_seeded_app(tmp_path_factory.mktemp("live"))) as server:
        yield server
