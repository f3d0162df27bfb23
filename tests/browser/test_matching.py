"""Kickoff to published pairs in a browser: mentees and mentors rate the people
they met on a phone (saved in place), the coordinator finds the best matching,
locks one pair and forbids another (re-solved in place) and publishes.

Uses its own live server with Esbjerg (a city no other browser test uses): two
mentees and two mentors who all met each other at the kickoff.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import LiveServer, migrated_app, serve
from tests.browser.test_login_language import (
    DEMO_PASSWORD,
    _screenshot,
    collect_errors,
    sign_in,
)

pytestmark = pytest.mark.browser

CITY = "esbjerg"
PHONE = {"width": 390, "height": 844}
COORDINATOR = f"coordinator@{CITY}.example.org"


@dataclass(frozen=True)
class Kickoff:
    server: LiveServer
    app: Any
    cohort_id: uuid.UUID
    mentees: list[tuple[uuid.UUID, str]]
    mentors: list[tuple[uuid.UUID, str]]

    def url(self, path: str) -> str:
        return self.server.url(CITY, path)


def _people(directory: Path) -> tuple[Any, dict[str, Any]]:
    """A fresh database: the cities, and in Esbjerg a cohort after its kickoff."""
    from mentoring.accounts.models import User
    from mentoring.accounts.passwords import hash_password
    from mentoring.core.models import utcnow
    from mentoring.core.scoping import tenant_scope
    from mentoring.extensions import db
    from mentoring.matching import services
    from mentoring.programmes.models import Cohort, Participant
    from mentoring.tenancy.models import Tenant

    app = migrated_app(directory)
    with app.app_context():
        city = db.session.scalar(db.select(Tenant).where(Tenant.slug == CITY))
        secret = hash_password(DEMO_PASSWORD)
        with tenant_scope(db.session, city.id):
            today = utcnow().date()
            cohort = Cohort(
                name="Esbjerg spring",
                starts_on=today,
                ends_on=today + timedelta(days=120),
                status="matching",
            )
            db.session.add(cohort)
            db.session.add(
                User(
                    role="coordinator",
                    email=COORDINATOR,
                    full_name="Coordinator",
                    password_hash=secret,
                    locale="en",
                )
            )
            found: dict[str, Any] = {"mentees": [], "mentors": []}
            for role in ("mentee", "mentor"):
                for n in range(2):
                    user = User(
                        role=role,
                        email=f"{role}{n}@{CITY}.example.org",
                        full_name=f"{role.title()} {n} Esbjerg",
                        password_hash=secret,
                        locale="en" if n == 0 else "da",
                    )
                    person = Participant(cohort=cohort, user=user, role=role)
                    db.session.add(person)
                    db.session.flush()
                    found[f"{role}s"].append((person.id, user.email))
            services.generate_plan(cohort, 2)
            services.set_deadline(cohort, utcnow() + timedelta(days=2))
            found["cohort_id"] = cohort.id
            db.session.commit()
        db.session.remove()
    return app, found


@pytest.fixture(scope="module")
def kickoff(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Kickoff]:
    app, found = _people(tmp_path_factory.mktemp("matching-live"))
    with serve(app) as server:
        yield Kickoff(server, app, **found)


def _rate(browser: Browser, kickoff: Kickoff, email: str, values: dict) -> list:
    """Sign in on a phone and tap a rating for each person; each saves in place."""
    page = browser.new_context(viewport=PHONE, locale="en-GB").new_page()
    errors = collect_errors(page)
    sign_in(page, kickoff.url("").rstrip("/"), email)
    page.goto(kickoff.url(f"/me/speed-dating/{kickoff.cohort_id}?lang=en"))
    expect(page.locator("h1")).to_have_text("Your speed-dating rounds")
    page.evaluate("window.__noFullReload = true")
    for person_id, value in values.items():
        block = page.locator(f"#rate-{person_id}")
        block.locator("label.rate__choice").nth(value - 1).click()
        expect(block.locator(".flash--success")).to_contain_text("Saved.")
        expect(block.locator(f"input[value='{value}']")).to_be_checked()
    assert page.evaluate("window.__noFullReload") is True
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    scale = page.locator("label.rate__choice")
    heights = [scale.nth(n).bounding_box()["height"] for n in range(scale.count())]
    assert heights and min(heights) >= 44, heights  # a thumb hits each rating
    _screenshot(page, "rating-phone.png")
    page.context.close()
    return errors


def test_rate_solve_adjust_and_publish(browser: Browser, kickoff: Kickoff) -> None:
    (e0, e0_mail), (e1, e1_mail) = kickoff.mentees
    (t0, t0_mail), (t1, t1_mail) = kickoff.mentors
    errors = _rate(browser, kickoff, e0_mail, {t0: 5, t1: 2})
    errors += _rate(browser, kickoff, e1_mail, {t0: 3, t1: 5})
    errors += _rate(browser, kickoff, t0_mail, {e0: 5, e1: 1})
    errors += _rate(browser, kickoff, t1_mail, {e0: 2, e1: 4})

    page = browser.new_context(
        viewport={"width": 1200, "height": 900}, locale="en-GB"
    ).new_page()
    errors += collect_errors(page)
    sign_in(page, kickoff.url("").rstrip("/"), COORDINATOR)
    page.goto(kickoff.url(f"/coordinator/cohorts/{kickoff.cohort_id}/matching"))
    board = page.locator("#matching-board")
    rows = board.locator("table.matching-pairs tbody tr")
    page.evaluate("window.__noFullReload = true")
    board.get_by_role("button", name="Find the best matching").click()
    expect(rows).to_have_count(2)
    expect(board).to_contain_text("Both rated each other 5 of 5.")
    expect(board.locator(".matching-blocking")).to_contain_text("0")

    first = board.locator(f"tr[data-mentee='{e0}']")
    first.get_by_role("button", name="Lock").click()
    expect(board.locator(f"tr[data-mentee='{e0}'] th")).to_contain_text("(locked)")
    second = board.locator(f"tr[data-mentee='{e1}']")
    second.get_by_role("button", name="Forbid").click()
    expect(rows).to_have_count(1)  # mentee 1's only other mentor is taken
    expect(board).to_contain_text("Forbidden: Mentee 1 Esbjerg with Mentor 1 Esbjerg")
    _screenshot(page, "matching-board.png")
    board.get_by_role("button", name="Publish 1 pair").click()
    expect(board).to_contain_text("2 people get an e-mail.")
    board.get_by_role("button", name="Publish 1 pair and send the e-mails").click()
    expect(board.locator(".flash--success")).to_contain_text("Published 1 pair.")
    assert page.evaluate("window.__noFullReload") is True

    page.goto(kickoff.url(f"/coordinator/cohorts/{kickoff.cohort_id}/pairs"))
    table = page.locator("#pair-board table")
    expect(table).to_contain_text("Mentee 0 Esbjerg")
    expect(table).to_contain_text("Mentor 0 Esbjerg")
    assert _pairs(kickoff) == {(e0, t0)}
    assert errors == []


def _pairs(kickoff: Kickoff) -> set[tuple[uuid.UUID, uuid.UUID]]:
    from mentoring.core.scoping import cross_tenant
    from mentoring.extensions import db
    from mentoring.programmes.models import Pair

    with kickoff.app.app_context():
        with cross_tenant(db.session, "test: read what the browser made"):
            pairs = db.session.scalars(db.select(Pair)).all()
            found = {(p.mentee_id, p.mentor_id) for p in pairs}
        db.session.remove()
    return found


# -- a new cohort of 15 + 15 on a 360 px phone ------------------------------------

NARROW = {"width": 360, "height": 740}
SIZE = 15
LONG_NAME = "Maria-Alexandra Konstantinopoulou-Vestergaard Christiansen"


def _fresh_cohort(directory: Path) -> tuple[Any, uuid.UUID]:
    """A fresh database: in Esbjerg a new cohort of 15 mentees and 15 mentors
    with profiles (one with a very long name), its plan made (15 tables) and
    solved for the first time (no ratings yet)."""
    from mentoring.accounts.models import User
    from mentoring.accounts.passwords import hash_password
    from mentoring.applications.models import Application
    from mentoring.core.models import utcnow
    from mentoring.core.scoping import tenant_scope
    from mentoring.extensions import db
    from mentoring.matching import board, services
    from mentoring.programmes.models import Cohort, Participant
    from mentoring.tenancy.models import Tenant

    app = migrated_app(directory)
    with app.app_context():
        city = db.session.scalar(db.select(Tenant).where(Tenant.slug == CITY))
        secret = hash_password(DEMO_PASSWORD)
        with tenant_scope(db.session, city.id):
            today = utcnow().date()
            cohort = Cohort(
                name="Esbjerg autumn, a new cohort",
                starts_on=today + timedelta(days=7),
                ends_on=today + timedelta(days=127),
                status="matching",
            )
            db.session.add(cohort)
            db.session.add(
                User(
                    role="coordinator",
                    email=COORDINATOR,
                    full_name="Coordinator",
                    password_hash=secret,
                    locale="en",
                )
            )
            for role in ("mentee", "mentor"):
                for n in range(SIZE):
                    name = LONG_NAME if n == 0 else f"{role.title()} {n} Esbjerg"
                    user = User(
                        role=role,
                        email=f"{role}{n}@{CITY}.example.org",
                        full_name=name,
                        password_hash=secret,
                        locale="en",
                    )
                    db.session.add(Participant(cohort=cohort, user=user, role=role))
                    db.session.flush()
                    db.session.add(_application(Application, cohort, user, role, n))
            db.session.flush()
            services.generate_plan(cohort, 5)
            board.solve(cohort)
            cohort_id = cohort.id
            db.session.commit()
        db.session.remove()
    return app, cohort_id


def _application(model: Any, cohort: Any, user: Any, role: str, n: int) -> Any:
    from mentoring.core.models import utcnow

    sectors = ("life_science", "it", "engineering")
    return model(
        cohort=cohort,
        role=role,
        status="accepted",
        email=user.email,
        full_name=user.full_name,
        user_id=user.id,
        locale="en",
        languages=["en", "de", "da"] if n % 2 else ["en", "es"],
        profession="Chemical engineer",
        target_sectors=[sectors[n % 3]] if role == "mentee" else [],
        sector=sectors[n % 3] if role == "mentor" else None,
        danish_level="intermediate" if role == "mentee" else None,
        education="master",
        goals="Learn how hiring works in Danish pharma and build a network",
        help_with="CV review, pharma hiring, networking in Esbjerg",
        consent_version="2026-11",
        consented_at=utcnow(),
    )


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, str]]:
    app, cohort_id = _fresh_cohort(tmp_path_factory.mktemp("matching-fresh"))
    with serve(app) as server:
        yield server, str(cohort_id)


def _fits(page: Any) -> tuple[int, int]:
    return page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_fresh_board_and_the_full_plan_fit_a_360_px_phone(
    browser: Browser, fresh: tuple[LiveServer, str], lang: str
) -> None:
    server, cohort_id = fresh
    page = browser.new_context(viewport=NARROW, locale="da-DK").new_page()
    errors = collect_errors(page)
    sign_in(page, server.url(CITY, "").rstrip("/"), COORDINATOR)
    base = f"/coordinator/cohorts/{cohort_id}"

    page.goto(server.url(CITY, f"{base}/matching?lang={lang}"))
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("table.matching-pairs tbody tr")).to_have_count(SIZE)
    expect(page.locator(".matching-pairs")).to_contain_text(LONG_NAME)
    width, inner = _fits(page)
    assert width <= inner, f"board {width} px wide on a {inner} px phone ({lang})"
    _screenshot(page, f"matching-board-360-{lang}.png")

    page.goto(server.url(CITY, f"{base}/speed-dating?lang={lang}"))
    plan = page.locator("table.speed-plan")
    expect(plan.locator("tbody tr")).to_have_count(SIZE + 1)  # + sitting out
    expect(plan.locator("thead th")).to_have_count(1 + 5)
    width, inner = _fits(page)
    assert width <= inner, f"plan page {width} px wide on a {inner} px phone ({lang})"
    box = page.locator(".plan-scroll")
    expect(box).to_have_attribute("role", "region")
    expect(box).to_have_attribute("tabindex", "0")
    assert box.evaluate("e => e.scrollWidth > e.clientWidth")  # scrolls inside
    first = plan.locator("tbody th").first
    assert first.evaluate("e => getComputedStyle(e).position") == "sticky"
    _screenshot(page, f"speed-plan-360-{lang}.png")

    # "Print the plan" opens the browser's print dialog (app.js, no inline script).
    page.evaluate(
        "() => { window.__printed = 0; window.print = () => window.__printed++; }"
    )
    page.locator("button[data-print]").click()
    assert page.evaluate("window.__printed") == 1

    # On paper every table and round is inside the page: nothing is cut off.
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 720, "height": 1000})
    right = plan.evaluate("e => e.getBoundingClientRect().right")
    last_cells = plan.locator("tbody tr td:last-child")
    assert last_cells.count() == SIZE + 1
    for n in range(SIZE + 1):
        assert last_cells.nth(n).is_visible()
        assert last_cells.nth(n).evaluate("e => e.getBoundingClientRect().right") <= (
            right + 1
        )
    assert plan.evaluate("e => e.getBoundingClientRect().right") <= 720
    page.context.close()
    assert errors == []
