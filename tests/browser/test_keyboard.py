"""The main flows with the keyboard alone: no clicks, only Tab, Space, Enter,
arrow keys and typing into the field that has the focus. Applying as a mentee,
rating the people met at the kickoff, checking people in at the door; and the
focus is visible wherever it lands.

Reuses the other browser tests' live servers: the demo of
``test_phone_layout.py`` (a recruiting cohort), Esbjerg after its kickoff from
``test_matching.py`` and the door of ``test_events.py``.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.applications.helpers import tiny_pdf
from tests.browser import test_events as events
from tests.browser import test_matching as matching
from tests.browser import test_phone_layout as phone_layout
from tests.browser.test_login_language import DEMO_PASSWORD, collect_errors

pytestmark = pytest.mark.browser

# The same module-scoped fixtures, each with its own live server here.
demo, kickoff, door = phone_layout.demo, matching.kickoff, events.door
MAX_TABS = 200


def focused(page: Page, selector: str) -> bool:
    return page.evaluate(
        "s => !!document.activeElement && document.activeElement.matches(s)", selector
    )


def tab_to(page: Page, selector: str, *, back: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the element matching ``selector`` is focused."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        if focused(page, selector):
            return
    raise AssertionError(f"Tab never reached {selector} on {page.url}")


def settled(page: Page) -> None:
    """htmx has no request in flight and nothing left to settle."""
    busy = ".htmx-request, .htmx-settling, .htmx-swapping, .htmx-added"
    expect(page.locator(busy)).to_have_count(0)


def type_into(page: Page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def sign_in_by_keyboard(page: Page, url: str, email: str) -> None:
    page.goto(url)
    type_into(page, "main input[name=email]", email)
    type_into(page, "main input[name=password]", DEMO_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.locator("form[action='/logout']")).to_have_count(1)


def outline(page: Page) -> dict[str, str]:
    return page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return {style: s.outlineStyle, width: s.outlineWidth}; }"
    )


def assert_focus_visible(page: Page) -> None:
    found = outline(page)
    assert found["style"] != "none" and found["width"] not in ("0px", ""), found


def test_the_focus_is_visible_on_links_buttons_fields_and_menus(
    browser: Browser, demo: phone_layout.Demo
) -> None:
    context = browser.new_context(viewport=phone_layout.PHONE, locale="en-GB")
    try:
        page = context.new_page()
        page.goto(demo.url("/login"))
        for selector in (
            ".skip-link",
            "header a.brand",
            "main input[name=email]",
            "main form[method=post] button[type=submit]",
            "footer a[href='/accessibility']",
        ):
            tab_to(page, selector)
            assert_focus_visible(page)
        coordinator = f"coordinator@{phone_layout.CITY}.example.org"
        sign_in_by_keyboard(page, demo.url("/login"), coordinator)
        tab_to(page, ".menu-toggle summary")
        assert_focus_visible(page)
        page.keyboard.press("Enter")  # opens the menu without JavaScript's help
        tab_to(page, ".site-nav a")
        assert_focus_visible(page)
    finally:
        context.close()


def test_a_mentee_applies_with_the_keyboard_alone(
    browser: Browser, demo: phone_layout.Demo
) -> None:
    context = browser.new_context(viewport=phone_layout.PHONE, locale="en-GB")
    try:
        page = context.new_page()
        errors = collect_errors(page)
        page.goto(demo.url("/apply/"))
        tab_to(page, f"main a[href='/apply/{demo.ids['recruiting']}/mentee']")
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(r"/mentee$"))
        form = "main form[enctype='multipart/form-data']"
        type_into(page, f"{form} [name=full_name]", "Keyboard Kim")
        type_into(page, f"{form} [name=email]", "kim.keyboard@example.org")
        tab_to(page, f"{form} [name=education]")
        page.keyboard.press("ArrowDown")
        type_into(page, f"{form} [name=field_of_study]", "Chemistry")
        type_into(page, f"{form} [name=profession]", "Lab technician")
        type_into(page, f"{form} [name=years_experience]", "6")
        for box in ("target_sectors", "languages"):
            tab_to(page, f"{form} [name={box}]")
            page.keyboard.press("Space")
        tab_to(page, f"{form} [name=danish_level]")
        page.keyboard.press("ArrowDown")
        type_into(page, f"{form} [name=goals]", "A job in a laboratory.")
        tab_to(page, f"{form} [name=cv]")
        # The file is picked in the system's dialog, outside the page: set on
        # the field that has the focus.
        page.locator(":focus").set_input_files(
            {"name": "cv.pdf", "mimeType": "application/pdf", "buffer": tiny_pdf()}
        )
        tab_to(page, f"{form} [name=consent]")
        page.keyboard.press("Space")
        tab_to(page, f"{form} button[type=submit]")
        assert_focus_visible(page)
        page.keyboard.press("Enter")
        # The thank-you page, or the step that asks to confirm the e-mail address.
        expect(page).to_have_url(re.compile(r"/(thanks|confirm)"))
        assert errors == []
    finally:
        context.close()


def test_a_mentee_rates_after_the_kickoff_with_the_keyboard_alone(
    browser: Browser, kickoff: matching.Kickoff
) -> None:
    (mentor_id, _mail), (other_id, _other) = kickoff.mentors
    (_mentee, email), _ = kickoff.mentees
    context = browser.new_context(viewport=matching.PHONE, locale="en-GB")
    try:
        page = context.new_page()
        errors = collect_errors(page)
        sign_in_by_keyboard(page, kickoff.url("/login"), email)
        page.goto(kickoff.url(f"/me/speed-dating/{kickoff.cohort_id}?lang=en"))
        block = page.locator(f"#rate-{mentor_id}")
        tab_to(page, f"#rate-{mentor_id} input[name=value]")
        page.keyboard.press("Space")  # the first value
        expect(block.locator("input[value='1']")).to_be_checked()
        for value in (2, 3, 4):  # saved on each change, the focus given back
            expect(block.locator(".flash--success")).to_contain_text("Saved.")
            settled(page)
            expect(block.locator(f"input[value='{value - 1}']")).to_be_focused()
            page.keyboard.press("ArrowRight")
            expect(block.locator(f"input[value='{value}']")).to_be_checked()
        expect(block.locator(".flash--success")).to_contain_text("Saved.")
        # After the save the keyboard carries on from the same place.
        tab_to(page, f"#rate-{other_id} input[name=value]")
        page.keyboard.press("Space")
        expect(page.locator(f"#rate-{other_id} input[value='1']")).to_be_checked()
        page.reload()
        expect(block.locator("input[value='4']")).to_be_checked()  # it was saved
        assert errors == []
    finally:
        context.close()


def test_the_coordinator_checks_people_in_with_the_keyboard_alone(
    browser: Browser, door: events.Door
) -> None:
    context = browser.new_context(viewport=events.PHONE, locale="en-GB")
    try:
        page = context.new_page()
        errors = collect_errors(page)
        sign_in_by_keyboard(page, door.url("/login"), events.COORDINATOR)
        page.goto(door.url(f"/coordinator/events/{door.event_id}/checkin?lang=en"))
        people = page.locator("#checkin-list .checkin__person")
        count = page.locator("#checkin-count")
        first = people.nth(0)
        tab_to(page, "#checkin-list .checkin__person")
        assert_focus_visible(page)
        page.keyboard.press("Enter")
        expect(first).to_have_attribute("aria-pressed", "true")
        expect(count).to_contain_text(f"1 of {door.invited} checked in")
        # The focus stays on the person, so a mistake is undone with one key.
        expect(first).to_be_focused()
        page.keyboard.press("Space")
        expect(first).to_have_attribute("aria-pressed", "false")
        expect(count).to_contain_text(f"0 of {door.invited} checked in")
        tab_to(page, "#checkin-list li:nth-child(2) .checkin__person")
        page.keyboard.press("Enter")
        expect(people.nth(1)).to_have_attribute("aria-pressed", "true")
        assert errors == []
    finally:
        context.close()
