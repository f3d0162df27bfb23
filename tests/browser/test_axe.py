"""Every role's main pages checked with axe-core, on a phone and a desktop, in
Danish and English: no serious or critical violation of WCAG 2.1 A/AA.

axe-core is vendored for the tests only (``make vendor-axe``), never served by
the app. It is run through ``page.evaluate`` (the DevTools protocol), which
the pages' CSP (``script-src 'self'``) does not apply to, so the policy under
test stays the real one. Walks the same pages as ``test_phone_layout.py`` on
the same demo, plus the accessibility statement.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.browser import test_phone_layout as phone_layout
from tests.browser.test_phone_layout import (
    CITY,
    VIEWPORTS,
    Demo,
    Visit,
    context_for,
    sign_in,
    walk,
)

pytestmark = pytest.mark.browser
demo = phone_layout.demo  # the same seeded demo (a module-scoped fixture)

AXE_VERSION = "4.14.1"
AXE = (Path(__file__).parent / "vendor" / f"axe-core-{AXE_VERSION}.min.js").read_text()
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SERIOUS = ("serious", "critical")


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe's violations on the page in view, each with its impact and nodes."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE)
    return page.evaluate(
        "tags => axe.run(document, {runOnly: tags}).then(r => r.violations)", TAGS
    )


def serious(path: str, violations: list[dict[str, Any]]) -> list[str]:
    """One line per serious or critical violation: rule, help, where."""
    out = []
    for v in violations:
        if v["impact"] in SERIOUS:
            targets = [", ".join(map(str, n["target"])) for n in v["nodes"]][:5]
            out.append(f"{path}: {v['id']} ({v['impact']}): {v['help']} -> {targets}")
    return out


def visits(role: str, ids: dict[str, str]) -> list[Visit]:
    extra = [Visit("/accessibility")] if role in ("public", "analyst") else []
    return walk(role, ids) + extra


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("viewport", list(VIEWPORTS), ids=str)
@pytest.mark.parametrize("role", ["public", "coordinator", "mentee", "analyst"])
def test_main_pages_have_no_serious_accessibility_violations(
    browser: Browser, demo: Demo, role: str, viewport: str, lang: str
) -> None:
    context = context_for(browser, VIEWPORTS[viewport], lang)
    try:
        page = context.new_page()
        if role != "public":
            sign_in(page, demo, role)
        slug = None if role == "analyst" else CITY
        report = []
        for visit in visits(role, demo.ids):
            response = page.goto(demo.url(visit.path, slug))
            assert response is not None and response.ok, visit.path
            report += serious(visit.path, axe_violations(page))
        assert report == [], "\n".join(report)
    finally:
        context.close()


def test_the_check_finds_a_serious_violation_when_there_is_one(
    browser: Browser, demo: Demo
) -> None:
    """The check itself works: a field without a label on a real page is caught."""
    context = context_for(browser, VIEWPORTS["desktop"], "en")
    try:
        page = context.new_page()
        page.goto(demo.url("/login"))
        page.evaluate(
            "document.querySelector('main').append(document.createElement('input'))"
        )
        found = serious("/login", axe_violations(page))
        assert any(" label (critical)" in line for line in found), found
    finally:
        context.close()
