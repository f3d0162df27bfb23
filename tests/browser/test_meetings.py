"""A mentee logs a meeting and a coordinator unpairs and pairs again, in a browser:
htmx swaps in place (the CSRF header reaches the buttons), and the coordinator
never sees the notes.

Works in Aalborg; the pair is made again, so the seeded counts stay the same.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.test_login_language import PHONE, collect_errors, sign_in

pytestmark = pytest.mark.browser

CITY = "aalborg"  # the second seeded city (seeded: Lyngby-Taarbæk, Aalborg)
MENTEE = f"mentee1@{CITY}.example.org"  # in the running demo cohort
NOTES = "Browser notes: practised the pitch for Grundfos"


def _log_a_meeting(page: Page, base: str) -> str:
    sign_in(page, base, MENTEE)
    expect(page).to_have_url(f"{base}/me/")
    page.locator("main a[href^='/pairs/']").first.click()
    pair_url = page.url
    page.evaluate("window.__noFullReload = true")
    form = page.locator("#meetings form")
    today = datetime.now(ZoneInfo("Europe/Copenhagen")).date().isoformat()
    form.locator("input[name=held_on]").fill(today)
    form.locator("input[name=duration_minutes]").fill("45")
    form.locator("input[name=topics][value=cv]").check()
    form.locator("textarea[name=notes]").fill(NOTES)
    form.locator("button[type=submit]").click()
    expect(page.locator("#meetings .meeting-notes").first).to_have_text(NOTES)
    expect(page.locator("#meetings .flash--success")).to_be_visible()
    assert page.evaluate("window.__noFullReload") is True
    return pair_url


def _unpair_and_pair_again(page: Page) -> None:
    board = page.locator("#pair-board")
    rows = board.locator("tbody tr")
    count = rows.count()
    page.evaluate("window.__noFullReload = true")
    rows.first.locator("a[href$='/remove']").click()
    board.locator("form button[type=submit]").click()  # "Yes, unpair them"
    expect(rows).to_have_count(count - 1)
    expect(board.locator(".flash--success")).to_be_visible()
    board.locator("select[name=mentee]").select_option(index=1)
    board.locator("select[name=mentor]").select_option(index=1)
    board.locator("form button[type=submit]").click()
    expect(rows).to_have_count(count)
    expect(board.locator(".flash--success")).to_be_visible()
    assert page.evaluate("window.__noFullReload") is True


def test_a_meeting_is_logged_and_a_pair_remade_in_place(
    browser: Browser, live_server: Any
) -> None:
    base = live_server.url(CITY).rstrip("/")
    mentee = browser.new_context(viewport=PHONE, locale="en-GB").new_page()
    errors = collect_errors(mentee)
    pair_url = _log_a_meeting(mentee, base)

    coordinator = browser.new_context(viewport=PHONE, locale="en-GB").new_page()
    errors += collect_errors(coordinator)
    sign_in(coordinator, base, f"coordinator@{CITY}.example.org")
    coordinator.goto(pair_url)
    expect(coordinator.locator("h1")).to_be_visible()
    assert NOTES not in coordinator.content()
    coordinator.locator("main a[href$='/pairs']").click()
    assert NOTES not in coordinator.content()
    _unpair_and_pair_again(coordinator)
    mentee.context.close()
    coordinator.context.close()
    assert errors == []
