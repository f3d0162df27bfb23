"""A coordinator's visit in a real browser: sign in, switch language, filter, sign out.

Run with ``SCREENSHOT_DIR=/tmp/screens`` to keep phone-sized screenshots of the
pages for a look by eye.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

CITY, OTHER_CITY = "lyngby-taarbaek", "aarhus"
COORDINATOR = f"coordinator@{CITY}.example.org"
DEMO_PASSWORD = "demo-password"
PHONE = {"width": 390, "height": 844}


def collect_errors(page: Page) -> list[str]:
    """Console errors and uncaught exceptions (a CSP violation shows up here)."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def sign_in(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/login")
    page.locator("main input[name=email]").fill(email)
    page.locator("main input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form[method=post] button[type=submit]").click()


def html_lang(page: Page) -> str | None:
    return page.locator("html").get_attribute("lang")


def test_coordinator_signs_in_switches_language_filters_and_signs_out(
    page: Page, live_server: Any
) -> None:
    base = live_server.url(CITY).rstrip("/")
    errors = collect_errors(page)

    page.goto(f"{base}/")
    assert html_lang(page) == "da"  # the browser asks for Danish
    page.locator("header a[href='/login']").click()
    expect(page).to_have_url(f"{base}/login")

    sign_in(page, base, COORDINATOR)
    expect(page).to_have_url(f"{base}/coordinator/")
    assert html_lang(page) == "da"
    cohort_rows = page.locator("section[aria-labelledby=cohorts-title] tbody tr")
    expect(cohort_rows).to_have_count(2)

    page.locator(".language-switch a[hreflang=en]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Overview")

    page.goto(f"{base}/coordinator/")  # no ?lang=: the choice is remembered
    assert html_lang(page) == "en"
    expect(page.locator("h1")).to_have_text("Overview")
    expect(page.locator(".language-switch [aria-current]")).to_have_text("English")

    page.goto(f"{base}/coordinator/people")
    _filter_people_in_place(page)
    _not_signed_in_at_another_city(page, live_server)

    page.goto(f"{base}/coordinator/")
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(f"{base}/login")
    expect(page.locator("main input[name=email]")).to_be_visible()
    page.goto(f"{base}/coordinator/")
    expect(page).to_have_url(re.compile(rf"^{re.escape(base)}/login\?next="))
    assert errors == []


def _filter_people_in_place(page: Page) -> None:
    """htmx swaps only the list: a marker set on ``window`` survives the filter."""
    rows = page.locator("#people-list tbody tr")
    summary = page.locator("#people-list > p")
    assert rows.count() > 1
    expect(summary).to_have_text(f"{rows.count()} people.")  # this city's only
    page.evaluate("window.__noFullReload = true")
    with page.expect_response(lambda r: "/coordinator/people?" in r.url) as response:
        page.locator("#people-q").press_sequentially("coordinator@", delay=20)
    assert response.value.ok
    assert response.value.request.headers.get("hx-request") == "true"
    expect(rows).to_have_count(1)
    expect(summary).to_have_text("1 person.")  # not Aarhus' coordinator too
    expect(rows.first).to_contain_text(COORDINATOR)
    expect(page).to_have_url(re.compile(r"/coordinator/people\?.*q=coordinator%40"))
    assert page.evaluate("window.__noFullReload") is True
    expect(page.locator("#people-list")).to_have_count(1)
    expect(page.locator("h1")).to_have_text("People")  # still the same page


def _not_signed_in_at_another_city(page: Page, live_server: Any) -> None:
    """The session cookie is host-only: Lyngby's login means nothing in Aarhus."""
    other = live_server.url(OTHER_CITY).rstrip("/")
    page.goto(f"{other}/coordinator/")
    expect(page).to_have_url(re.compile(rf"^{re.escape(other)}/login\?next="))
    expect(page.locator("main input[name=email]")).to_be_visible()
    expect(page.locator("form[action='/logout']")).to_have_count(0)


def test_english_browser_gets_english_without_a_choice(
    browser: Browser, live_server: Any
) -> None:
    context = browser.new_context(locale="en-GB")
    try:
        page = context.new_page()
        page.goto(live_server.url(CITY))
        assert html_lang(page) == "en"
        page.goto(live_server.url(CITY, "/?lang=da"))
        page.goto(live_server.url(CITY))
        assert html_lang(page) == "da"  # a choice beats Accept-Language
    finally:
        context.close()


def test_pages_fit_a_phone(new_context: Any, live_server: Any) -> None:
    """No page scrolls sideways on a 390 px wide phone (wide tables scroll inside)."""
    page = new_context(viewport=PHONE).new_page()
    base = live_server.url(CITY).rstrip("/")
    page.goto(f"{base}/?lang=da")
    _assert_no_sideways_scroll(page)
    _screenshot(page, "city-home.png")
    sign_in(page, base, COORDINATOR)
    expect(page).to_have_url(f"{base}/coordinator/")
    page.goto(f"{base}/coordinator/?lang=da")  # the same whichever test ran first
    _assert_no_sideways_scroll(page)
    _screenshot(page, "coordinator-phone.png")


def _assert_no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a phone"


def _screenshot(page: Page, name: str) -> None:
    directory = os.environ.get("SCREENSHOT_DIR")
    if directory:
        Path(directory).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(directory) / name), full_page=True)
