"""``make screenshots``: each role's main pages from the demo data, on a phone and
a desktop, in Danish and English, as PNG files in ``docs/screens/``.

The README shows some of them, so a city sees the product before installing it.
They are made from a fresh seed every time, never kept by hand: a test checks
that every picture the README shows is one this module makes.
Run: ``python -m mentoring.showcase.screenshots [OUT_DIR]`` (needs Debian's Chromium).
"""

from __future__ import annotations

import logging
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mentoring.demo.services import DEMO_PASSWORD
from mentoring.showcase.live import LiveServer

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CITY = "lyngby-taarbaek"
VIEWPORTS = {"phone": (360, 740), "desktop": (1280, 800)}
LANGUAGES = ("da", "en")


@dataclass(frozen=True)
class Shot:
    """One page to picture: ``name`` is the file's stem; ``account`` signs in."""

    name: str
    path: str  # may hold {cohort}: the city's running cohort
    account: str | None = None  # an e-mail; None: nobody signed in
    network: bool = False  # on the network's host, not the city's


COORDINATOR = f"coordinator@{CITY}.example.org"
MENTEE = f"mentee1@{CITY}.example.org"
ANALYST = "analyst@network.example.org"

SHOTS: tuple[Shot, ...] = (
    Shot("city-home", "/"),
    Shot("apply", "/apply/"),
    Shot("coordinator-overview", "/coordinator/", COORDINATOR),
    Shot("cohort", "/coordinator/cohorts/{cohort}", COORDINATOR),
    Shot("applications", "/coordinator/applications/", COORDINATOR),
    Shot("matching-board", "/coordinator/cohorts/{cohort}/matching", COORDINATOR),
    Shot("results", "/coordinator/results/", COORDINATOR),
    Shot("participant-home", "/me/", MENTEE),
    Shot("participant-events", "/me/events/", MENTEE),
    Shot("network-benchmarks", "/network/benchmarks/", ANALYST, network=True),
    Shot("impact", "/impact", network=True),
)


def file_name(shot: Shot, viewport: str, language: str) -> str:
    """``<page>-<phone|desktop>-<da|en>.png``: the names the README links to."""
    return f"{shot.name}-{viewport}-{language}.png"


def all_file_names() -> set[str]:
    """Every file one run makes."""
    return {
        file_name(shot, viewport, language)
        for shot in SHOTS
        for viewport in VIEWPORTS
        for language in LANGUAGES
    }


def running_cohort_id(app) -> str:  # noqa: ANN001 - a Flask app
    """The demo city's running cohort, whose pages are the busiest."""
    from mentoring.core.context import in_city
    from mentoring.extensions import db
    from mentoring.programmes.models import Cohort
    from mentoring.programmes.status import CohortStatus
    from mentoring.tenancy.models import Tenant

    with app.app_context():
        from mentoring.core.scoping import without_tenant

        with without_tenant(db.session):
            tenant = db.session.scalar(db.select(Tenant).where(Tenant.slug == CITY))
        with in_city(tenant):
            running = db.select(Cohort.id).where(Cohort.status == CohortStatus.RUNNING)
            cohort_id = db.session.scalar(running.limit(1))
        db.session.remove()
    return str(cohort_id)


def demo_app(directory: Path):  # noqa: ANN201 - a Flask app
    """The whole demo, as ``make run`` serves it, with the network's figures."""
    from mentoring.benchmarking.services import recompute_snapshot
    from mentoring.core.context import in_network
    from mentoring.extensions import db
    from mentoring.showcase.live import seeded_app

    app = seeded_app(directory)
    with app.app_context():
        with in_network():
            recompute_snapshot("asked")
            db.session.commit()
        db.session.remove()
    return app


def take(out: Path, log: Callable[[str], None] = print) -> list[Path]:
    """Seed, serve and picture every shot; returns the files written."""
    from mentoring.showcase.live import serve

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        log("seeding the demo …")
        app = demo_app(Path(tmp))
        cohort = running_cohort_id(app)
        with serve(app) as server:
            return picture(server, SHOTS, out, cohort=cohort, log=log)


def picture(
    server: LiveServer,
    shots: Sequence[Shot],
    out: Path,
    *,
    cohort: str = "",
    log: Callable[[str], None] = print,
    browser: Browser | None = None,
) -> list[Path]:
    """Picture ``shots`` from a running server in every viewport and language,
    with ``browser`` or a Chromium of its own."""
    if browser is not None:
        return _picture_with(browser, server, shots, out, cohort, log)
    from playwright.sync_api import sync_playwright

    from mentoring.showcase.live import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as pw:
        own = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return _picture_with(own, server, shots, out, cohort, log)
        finally:
            own.close()


def _picture_with(
    browser: Browser,
    server: LiveServer,
    shots: Sequence[Shot],
    out: Path,
    cohort: str,
    log: Callable[[str], None],
) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for viewport, (width, height) in VIEWPORTS.items():
        for language in LANGUAGES:
            for account in dict.fromkeys(shot.account for shot in shots):
                # One browser per person, as each would have their own.
                context = browser.new_context(
                    viewport={"width": width, "height": height},
                    locale="da-DK" if language == "da" else "en-GB",
                )
                page = context.new_page()
                mine = [shot for shot in shots if shot.account == account]
                if account:
                    slug = None if mine[0].network else CITY
                    _sign_in(page, server.url(slug, "/login"), account)
                for shot in mine:
                    slug = None if shot.network else CITY
                    path = shot.path.format(cohort=cohort)
                    page.goto(server.url(slug, f"{path}?lang={language}"))
                    page.wait_for_load_state("networkidle")
                    target = out / file_name(shot, viewport, language)
                    page.screenshot(path=str(target))
                    written.append(target)
                    log(f"  {target}")
                context.close()
    return written


def _sign_in(page, login_url: str, email: str) -> None:  # noqa: ANN001
    page.goto(login_url)
    page.locator("main input[name=email]").fill(email)
    page.locator("main input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_load_state("networkidle")


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screens")
    written = take(out)
    stale = {p.name for p in out.glob("*.png")} - all_file_names()
    for name in sorted(stale):  # a page no longer pictured
        (out / name).unlink()
    print(f"{len(written)} screenshots in {out}")


if __name__ == "__main__":
    main()
