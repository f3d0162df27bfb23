"""Events in a real browser, on a phone: a mentee answers an invitation in place,
and the coordinator checks people in at the door with one tap each.

Uses its own live server (the demo data plus an event with its invitations,
made through the app's services) so the shared server's data stay as seeded.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveServer, _seeded_app, serve
from tests.browser.test_login_language import _screenshot, collect_errors, sign_in

pytestmark = pytest.mark.browser

CITY = "lyngby-taarbaek"
COORDINATOR = f"coordinator@{CITY}.example.org"
PHONE = {"width": 390, "height": 844}


@dataclass(frozen=True)
class Door:
    server: LiveServer
    event_id: uuid.UUID
    invited: int
    mentee: str
    invitation_id: uuid.UUID
    names: list[str]

    def url(self, path: str) -> str:
        return self.server.url(CITY, path)


def _invite_the_running_cohort(app: Any) -> dict[str, Any]:
    """A kickoff in three days for the running cohort, invitations sent."""
    from flask import g

    from mentoring.core.models import utcnow
    from mentoring.events.services import EventDetails, create_event, send_invitations
    from mentoring.extensions import db
    from mentoring.programmes.models import Cohort

    with app.test_request_context("/", base_url=f"http://{CITY}.localhost"):
        app.preprocess_request()
        cohort = db.session.scalar(db.select(Cohort).where(Cohort.status == "running"))
        start = utcnow().replace(second=0, microsecond=0) + timedelta(days=3)
        details = EventDetails(
            kind="kickoff",
            title_da="Opstart i browseren",
            title_en="Browser kickoff",
            description_da="",
            description_en="",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            location="Lyngby Rådhus",
            audience="both",
        )
        event = create_event(cohort, details)
        invitations = send_invitations(event, g.tenant)
        mentee = next(i for i in invitations if i.participant.role == "mentee")
        found = {
            "event_id": event.id,
            "invited": len(invitations),
            "mentee": mentee.participant.user.email,
            "invitation_id": mentee.id,
            "names": sorted(i.participant.user.full_name for i in invitations),
        }
        db.session.commit()
        return found


@pytest.fixture(scope="module")
def door(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Door]:
    app = _seeded_app(tmp_path_factory.mktemp("events-live"))
    found = _invite_the_running_cohort(app)
    with serve(app) as server:
        yield Door(server, **found)


def _phone_page(new_context: Any) -> Page:
    return new_context(viewport=PHONE).new_page()


def _fits_the_phone(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a phone"


def test_a_mentee_answers_an_invitation_in_place_on_a_phone(
    new_context: Any, door: Door
) -> None:
    page = _phone_page(new_context)
    errors = collect_errors(page)
    sign_in(page, door.url("").rstrip("/"), door.mentee)
    page.goto(door.url("/me/events/?lang=en"))
    _fits_the_phone(page)
    card = page.locator(f"#rsvp-{door.invitation_id}")
    answer = card.locator(".rsvp__answer")
    expect(card.locator("h3")).to_have_text("Browser kickoff")
    expect(answer).to_have_text("Your answer: Not answered")

    page.evaluate("window.__noFullReload = true")
    card.get_by_role("button", name="Yes, I'm coming").click()
    expect(answer).to_have_text("Your answer: Coming")
    yes = card.get_by_role("button", name="Yes, I'm coming")
    expect(yes).to_have_attribute("aria-pressed", "true")
    card.get_by_role("button", name="Maybe").click()
    expect(answer).to_have_text("Your answer: Maybe")
    expect(yes).to_have_attribute("aria-pressed", "false")
    assert page.evaluate("window.__noFullReload") is True  # swapped in place

    page.reload()
    expect(answer).to_have_text("Your answer: Maybe")  # it was saved
    _screenshot(page, "my-events-phone.png")
    assert errors == []


def test_the_coordinator_checks_people_in_with_one_tap_each(
    new_context: Any, door: Door
) -> None:
    page = _phone_page(new_context)
    errors = collect_errors(page)
    sign_in(page, door.url("").rstrip("/"), COORDINATOR)
    page.goto(door.url(f"/coordinator/events/{door.event_id}/checkin?lang=en"))
    _fits_the_phone(page)
    count = page.locator("#checkin-count")
    people = page.locator("#checkin-list .checkin__person")
    expect(people).to_have_count(door.invited)
    expect(count).to_contain_text(f"0 of {door.invited} checked in")
    box = people.first.bounding_box()
    assert box and box["height"] >= 44 and box["width"] >= 300  # a big tap target

    page.evaluate("window.__noFullReload = true")
    first, second = people.nth(0), people.nth(1)
    first.click()
    expect(first).to_have_attribute("aria-pressed", "true")
    expect(first).to_contain_text("Checked in")
    expect(count).to_contain_text(f"1 of {door.invited} checked in")
    second.click()
    expect(second).to_have_attribute("aria-pressed", "true")
    expect(count).to_contain_text(f"2 of {door.invited} checked in")
    first.click()  # a mistake, undone with one more tap
    expect(first).to_have_attribute("aria-pressed", "false")
    expect(count).to_contain_text(f"1 of {door.invited} checked in")

    target = door.names[-1]
    page.locator("#checkin-q").press_sequentially(target, delay=10)
    expect(people).to_have_count(1)
    expect(people.first).to_contain_text(target)
    page.locator("#checkin-q").fill("")
    expect(people).to_have_count(door.invited)
    _screenshot(page, "checkin-phone.png")
    assert page.evaluate("window.__noFullReload") is True
    assert errors == []
