"""A demo mentee on a 360 px phone, in Danish and in English: the home shows the
survey waiting and the next event's place and description, and nothing is wider
than the screen. Read-only: the seeded data stays as it is."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.test_login_language import collect_errors, sign_in

pytestmark = pytest.mark.browser

CITY = "lyngby-taarbaek"
MENTEE = f"mentee4@{CITY}.example.org"  # an active pair of the running cohort
NARROW = {"width": 360, "height": 740}
WORDS = {
    "da": ("Midtvejsstatus", "Besvar spørgeskemaet", "Kort"),
    "en": ("Midway check-in", "Answer the survey", "Map"),
}


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_mentee_sees_what_is_next_on_a_narrow_phone(
    browser: Browser, live_server: Any, lang: str
) -> None:
    base = live_server.url(CITY).rstrip("/")
    page = browser.new_context(viewport=NARROW, locale="en-GB").new_page()
    errors = collect_errors(page)
    sign_in(page, base, MENTEE)
    page.goto(f"{base}/me/?lang={lang}")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    survey, button, map_word = WORDS[lang]
    todo = page.locator(".panel--due")
    expect(todo).to_contain_text(survey)
    expect(todo.get_by_role("link", name=button)).to_be_visible()
    first = page.locator(".event-list > li").first
    expect(first.locator(".event-place")).to_contain_text("Lyngby")
    place_link = first.locator(".event-place").get_by_role("link", name=map_word)
    href = place_link.get_attribute("href") or ""
    assert href.startswith("https://www.openstreetmap.org/search?query=")
    expect(place_link).to_have_attribute("rel", "noopener")
    expect(first.locator(".event-description")).not_to_be_empty()
    wide = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert wide is True
    todo.get_by_role("link", name=button).click()
    expect(page.locator("form.survey")).to_be_visible()
    assert errors == []
    page.context.close()
