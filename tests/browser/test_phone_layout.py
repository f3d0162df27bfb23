"""Every role's main pages on a 360 px phone and on a desktop, in Danish and English:
nothing scrolls sideways, every control is at least 24 x 24 px, the phone flows
(check-in, RSVP, ratings, survey scales) have 44 px targets, and the overviews
stay within three phone screens. Plus the message composer and the answers page
used on a phone.

Uses its own live server with Lyngby-Taarbæk seeded at its real size (three
cohorts of fifteen, one recruiting), so the page heights are those of the demo.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import LiveServer, migrated_app, serve
from tests.browser.test_login_language import DEMO_PASSWORD, collect_errors

pytestmark = pytest.mark.browser

CITY = "lyngby-taarbaek"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
SCREENS = 3  # the overviews fit this many phone screens


def _script(name: str) -> str:
    """A function from a .js file beside this one, without its leading comments."""
    lines = (Path(__file__).parent / name).read_text().splitlines()
    return "\n".join(line for line in lines if not line.startswith("//"))


CHECK = _script("layout_problems.js")  # the page's width, height and small targets
OVERLAPS = _script("chart_overlaps.js")  # chart texts that overlap or are cut off


@dataclass(frozen=True)
class Demo:
    """The live server and the ids its pages need."""

    server: LiveServer
    ids: dict[str, str] = field(default_factory=dict)

    def url(self, path: str, slug: str | None = CITY) -> str:
        return self.server.url(slug, path)


def _ids(app: Any) -> dict[str, str]:
    """Cohorts, an event, a survey link and answers to look at, from the demo."""
    from flask import current_app, g

    from mentoring.core.models import utcnow
    from mentoring.events.models import Event
    from mentoring.extensions import db
    from mentoring.programmes.models import Cohort, Participant
    from mentoring.results.queries import HELP_SURVEY, help_answers
    from mentoring.surveys.tokens import make_link_token

    with app.test_request_context("/", base_url=f"http://{CITY}.localhost"):
        app.preprocess_request()
        cohorts = db.session.scalars(db.select(Cohort)).all()
        by_status = {c.status: c for c in cohorts}
        running, recruiting = by_status["running"], by_status["recruiting"]
        mentees = db.session.scalars(
            db.select(Participant).where(
                Participant.cohort_id == running.id, Participant.role == "mentee"
            )
        ).all()
        now = utcnow()
        _answered(mentees[1], "mentee_end", g.tenant, now, "The interview practice.")
        _answered(mentees[2], HELP_SURVEY, g.tenant, now, "A contact at a company.")
        event = db.session.scalars(
            db.select(Event)
            .where(Event.cohort_id == running.id)
            .order_by(Event.starts_at)
        ).first()
        mentee = mentees[0]
        invitation = _invitation(mentee, "mentee_end", g.tenant, now)
        token = make_link_token(
            current_app.config["SECRET_KEY"],
            str(invitation.id),
            str(g.tenant.id),
            utcnow() - timedelta(hours=1),  # each test's clock starts again
        )
        found = {
            "running": str(running.id),
            "recruiting": str(recruiting.id),
            "helped": str(running.id),
            "closed": str(next(c.id for c in cohorts if c.status == "closed")),
            "has_help": "yes" if help_answers(running.id) else "",
            "texted": f"cohort={running.id}&survey=mentee_end",
            "event": str(event.id),
            "survey": f"/s/{token}",
            "mentee": mentee.user.email,
        }
        db.session.commit()
        return found


def _invitation(participant: Any, key: str, tenant: Any, now: Any) -> Any:
    """The participant's invitation to ``key``: the demo's own, or a new one."""
    from mentoring.extensions import db
    from mentoring.surveys import services as surveys
    from mentoring.surveys.models import SurveyInvitation

    return surveys.invite(participant, key, tenant, now) or db.session.scalar(
        db.select(SurveyInvitation).where(
            SurveyInvitation.participant_id == participant.id,
            SurveyInvitation.survey_key == key,
        )
    )


def _answered(participant: Any, key: str, tenant: Any, now: Any, text: str) -> None:
    """The participant answers ``key``'s free-text questions with ``text``."""
    from werkzeug.datastructures import MultiDict

    from mentoring.surveys import services as surveys

    invitation = _invitation(participant, key, tenant, now)
    texts = [q.key for q in invitation.definition.questions if q.kind == "text"]
    surveys.save_answers(invitation, MultiDict({f"q_{k}": text for k in texts}))
    surveys.complete(invitation)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    from mentoring.benchmarking.services import recompute_snapshot
    from mentoring.core.context import in_network
    from mentoring.core.models import utcnow
    from mentoring.demo.services import SeedSize, seed
    from mentoring.extensions import db

    app = migrated_app(tmp_path_factory.mktemp("phone-live"))
    with app.app_context():
        seed(SeedSize(cities=1), utcnow().date())  # Lyngby-Taarbæk, full size
        db.session.commit()
        db.session.remove()
        with in_network():
            recompute_snapshot("asked")  # the network's figures, as `make run`
            db.session.commit()
    ids = _ids(app)
    with serve(app) as server:
        yield Demo(server, ids)


# -- what each role walks through -------------------------------------------------


@dataclass(frozen=True)
class Visit:
    path: str
    tap: bool = False  # a phone flow: 44 px targets
    short: bool = False  # an overview: at most three phone screens


def walk(role: str, ids: dict[str, str]) -> list[Visit]:
    """Each role's main pages (paths on the city's host; the analyst's on the apex)."""
    running, recruiting = ids["running"], ids["recruiting"]
    return {
        "public": [
            Visit("/"),
            Visit("/apply/"),
            Visit(f"/apply/{recruiting}/mentee"),
            Visit(f"/apply/{recruiting}/mentor"),
            Visit("/login"),
        ],
        "coordinator": [
            Visit("/coordinator/", short=True),
            Visit("/coordinator/cohorts/"),
            Visit(f"/coordinator/cohorts/{running}"),
            Visit("/coordinator/applications/"),
            Visit("/coordinator/people"),
            Visit(f"/coordinator/cohorts/{running}/events"),
            Visit(f"/coordinator/events/{ids['event']}/checkin", tap=True),
            Visit("/coordinator/results/"),
            Visit(f"/coordinator/results/answers?cohort={ids['helped']}&survey=midway"),
            Visit(f"/coordinator/cohorts/{running}/messages/new"),
            Visit("/coordinator/exports/"),
            Visit("/coordinator/audit/"),
        ],
        "mentee": [
            Visit("/me/"),  # its height: test_the_participant_home_fits_three_screens
            Visit("/me/events/", tap=True),
            Visit(f"/me/speed-dating/{running}", tap=True),
            Visit(ids["survey"], tap=True),
        ],
        "analyst": [
            Visit("/network/"),
            Visit("/network/benchmarks/"),
            Visit("/network/benchmarks/mentees_in_work_after_six_months"),
        ],
    }[role]


ACCOUNTS = {
    "coordinator": (CITY, f"coordinator@{CITY}.example.org"),
    "analyst": (None, "analyst@network.example.org"),
}


def sign_in(page: Page, demo: Demo, role: str) -> None:
    slug, email = ACCOUNTS.get(role, (CITY, demo.ids["mentee"]))
    page.goto(demo.url("/login", slug))
    page.locator("main input[name=email]").fill(email)
    page.locator("main input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form[method=post] button[type=submit]").click()
    expect(page.locator("form[action='/logout']")).to_have_count(1)


def context_for(
    browser: Browser, viewport: dict[str, int], lang: str
) -> BrowserContext:
    locale = "da-DK" if lang == "da" else "en-GB"
    return browser.new_context(viewport=viewport, locale=locale)


def problems(page: Page, visit: Visit, viewport: dict[str, int]) -> list[str]:
    """What breaks the layout rules on the page in view, each named."""
    # Measured once the stylesheet is in: a cached one gone stale (the browser's
    # clock may be ahead of the app's) is fetched again after the page shows.
    page.wait_for_load_state("load")
    found = page.evaluate(CHECK, visit.tap and viewport is PHONE)
    out = []
    if found["scrollWidth"] > found["innerWidth"]:
        out.append(
            f"scrolls sideways: {found['scrollWidth']}px > {found['innerWidth']}px"
        )
        out += [f"  too wide: {w}" for w in found["wide"]]
    out += [f"under 24x24: {s}" for s in found["small"]]
    out += [f"thumb target under 44px high: {s}" for s in found["thumb"]]
    if (
        visit.short
        and viewport is PHONE
        and found["height"] > SCREENS * PHONE["height"]
    ):
        out.append(f"{found['height']}px tall, over {SCREENS} phone screens")
    return out


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("viewport", list(VIEWPORTS), ids=str)
@pytest.mark.parametrize("role", ["public", "coordinator", "mentee", "analyst"])
def test_main_pages_fit_and_have_targets_a_thumb_can_hit(
    browser: Browser, demo: Demo, role: str, viewport: str, lang: str
) -> None:
    size = VIEWPORTS[viewport]
    context = context_for(browser, size, lang)
    try:
        page = context.new_page()
        errors = collect_errors(page)
        if role != "public":
            sign_in(page, demo, role)
        slug = None if role == "analyst" else CITY
        report = []
        for visit in walk(role, demo.ids):
            response = page.goto(demo.url(visit.path, slug))
            assert response is not None and response.ok, (
                f"{visit.path}: {response.status}"
            )
            assert page.locator("html").get_attribute("lang") == lang
            report += [f"{visit.path}: {p}" for p in problems(page, visit, size)]
        assert report == [], "\n".join(report)
        assert errors == []
    finally:
        context.close()


def test_the_participant_home_fits_three_phone_screens(
    browser: Browser, demo: Demo
) -> None:
    context = context_for(browser, PHONE, "en")
    try:
        page = context.new_page()
        sign_in(page, demo, "mentee")
        page.goto(demo.url("/me/"))
        assert problems(page, Visit("/me/", short=True), PHONE) == []
    finally:
        context.close()


def test_the_header_is_one_row_and_the_menu_folds_without_javascript(
    browser: Browser, demo: Demo
) -> None:
    context = browser.new_context(
        viewport=PHONE, locale="en-GB", java_script_enabled=False
    )
    try:
        page = context.new_page()
        sign_in(page, demo, "coordinator")
        page.goto(demo.url("/coordinator/"))
        header = page.locator(".site-header").bounding_box()
        assert header and header["height"] <= 72, f"header is {header}"  # one row
        nav = page.locator(".site-nav")
        expect(nav).to_be_hidden()
        page.locator(".menu-toggle summary").click()
        expect(nav).to_be_visible()
        nav.get_by_role("link", name="People").click()
        expect(page).to_have_url(re.compile(r"/coordinator/people$"))
    finally:
        context.close()


def test_the_desktop_shows_the_whole_menu_inline(browser: Browser, demo: Demo) -> None:
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    try:
        page = context.new_page()
        sign_in(page, demo, "coordinator")
        expect(page.locator(".menu-toggle summary")).to_be_hidden()
        expect(
            page.locator(".site-nav").get_by_role("link", name="Results")
        ).to_be_visible()
    finally:
        context.close()


def test_composing_a_message_to_part_of_a_cohort_on_a_phone(
    browser: Browser, demo: Demo
) -> None:
    context = context_for(browser, PHONE, "en")
    try:
        page = context.new_page()
        errors = collect_errors(page)
        sign_in(page, demo, "coordinator")
        page.goto(demo.url(f"/coordinator/cohorts/{demo.ids['running']}/messages/new"))
        assert problems(page, Visit(""), PHONE) == []
        audience = page.locator("select[name=audience]")
        mentees = audience.locator("option[value=mentees]").inner_text()
        count = int(re.search(r"\d+", mentees).group())  # the count after the choice
        audience.select_option("mentees")
        page.locator("input[name=subject_da]").fill("Husk midtvejsmødet")
        page.locator("textarea[name=body_da]").fill("Vi ses på rådhuset.")
        page.locator("input[name=subject_en]").fill("Remember the midway meeting")
        page.locator("textarea[name=body_en]").fill("See you at the town hall.")
        page.get_by_role("button", name="Preview").click()

        expect(page.locator("h1")).to_have_text("Send the message?")
        expect(page.locator("#what-title")).to_have_text(f"This goes to {count} people")
        expect(page.locator("#what-title")).to_be_in_viewport()
        assert problems(page, Visit(""), PHONE) == []
        send = page.get_by_role("button", name=f"Send to {count} people")
        box = send.bounding_box()
        assert box and box["height"] >= 44
        send.click()
        expect(page.locator(".flash--success")).to_have_text(
            f"The message is on its way to {count} people."
        )
        assert problems(page, Visit(""), PHONE) == []
        assert errors == []
    finally:
        context.close()


def test_the_answers_page_on_a_phone_shows_the_flags_and_the_free_text(
    browser: Browser, demo: Demo
) -> None:
    context = context_for(browser, PHONE, "en")
    try:
        page = context.new_page()
        sign_in(page, demo, "coordinator")
        page.goto(demo.url("/coordinator/results/answers"))
        page.locator("#answers-cohort").select_option(demo.ids["helped"])
        page.locator("#answers-survey").select_option("midway")
        page.get_by_role("button", name="Show").click()  # also without htmx
        expect(page.locator("#help-requests-heading")).to_be_visible()
        help_list = page.locator("#help-requests .help-requests__list li")
        if demo.ids["has_help"]:  # the flagged requests, with what they wrote
            expect(help_list.first).to_be_visible()
            expect(help_list.first.locator("blockquote")).not_to_be_empty()
        assert problems(page, Visit(""), PHONE) == []
        assert demo.ids["texted"], "the demo has free-text answers"
        page.goto(demo.url(f"/coordinator/results/answers?{demo.ids['texted']}"))
        texts = page.locator(".results-question__texts li")
        expect(texts.first).to_be_visible()
        box = texts.first.bounding_box()
        assert box and box["x"] + box["width"] <= PHONE["width"]
        assert problems(page, Visit(""), PHONE) == []
        for quote in help_list.locator("blockquote").all()[:3]:
            box = quote.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        page.goto(demo.url(f"/coordinator/results/answers?cohort={demo.ids['closed']}"))
        chart = page.locator("svg.chart").first
        expect(chart).to_have_attribute("role", "img")
        figures = page.locator("details.figures").first
        figures.locator("summary").click()
        expect(figures.locator("table")).to_be_visible()
        assert problems(page, Visit(""), PHONE) == []
    finally:
        context.close()


def test_results_charts_read_on_a_phone(browser: Browser, demo: Demo) -> None:
    """Labels do not overlap, text stays readable, the figures are one tap away."""
    context = context_for(browser, PHONE, "da")
    try:
        page = context.new_page()
        sign_in(page, demo, "coordinator")
        page.goto(demo.url("/coordinator/results/"))
        overlaps = page.evaluate(OVERLAPS)
        assert overlaps == []
        charts = page.locator("section.results-measure")
        assert charts.count() > 0
        first = charts.first
        expect(first.locator("svg[role=img]")).to_have_attribute(
            "aria-labelledby", re.compile(r"-title .*-desc$")
        )
        first.locator("details.figures summary").click()
        expect(first.locator("details.figures table")).to_be_visible()
    finally:
        context.close()
