"""A coordinator creates a cohort from the template and moves it on, in a browser.

Works in the second seeded city (Aalborg) so that the other browser tests' counts
for Lyngby-Taarbæk stay as seeded.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_login_language import collect_errors, sign_in

pytestmark = pytest.mark.browser

CITY = "aalborg"


def test_coordinator_creates_a_cohort_and_changes_its_status_in_place(
    page: Page, live_server: Any
) -> None:
    base = live_server.url(CITY).rstrip("/")
    errors = collect_errors(page)
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, base, f"coordinator@{CITY}.example.org")
    expect(page).to_have_url(f"{base}/coordinator/")
    page.goto(f"{base}/coordinator/cohorts/new?lang=en")
    page.get_by_label("Name").fill("Browser cohort")
    page.get_by_label("Start date (the kickoff)").fill("2030-03-04")
    page.get_by_role("button", name="Create the cohort").click()

    expect(page.locator("h1")).to_have_text("Browser cohort")
    expect(
        page.locator("section[aria-labelledby=events-title] tbody tr")
    ).to_have_count(7)
    status = page.locator("#cohort-status")
    page.evaluate("window.__noFullReload = true")
    status.get_by_role("button", name="Move on to: Recruiting").click()
    expect(status).to_contain_text("The cohort is now: Recruiting.")
    status.get_by_role("button", name="Move on to: Matching").click()
    expect(status).to_contain_text("The cohort is now: Matching.")
    # Matching without pairs: the next step is the kickoff plan, not "Running".
    expect(status.locator("[aria-current=step]")).to_have_text("Kickoff planned")
    expect(
        status.get_by_role("link", name="Make the speed-dating plan")
    ).to_be_visible()
    status.get_by_role("button", name="Go back to: Recruiting").click()
    expect(status).to_contain_text("The cohort is now: Recruiting.")
    expect(status.locator("strong.status")).to_have_text("Recruiting")
    assert page.evaluate("window.__noFullReload") is True  # swapped in place
    assert errors == []
