"""A mentee applies in Danish on a phone with a CV; the coordinator accepts; the
invitation in the live server's outbox lets the mentee choose a password.

Works in Billund, which no other browser test uses: this module adds a
coordinator and a cohort open for applications to the live server's database.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.applications.helpers import tiny_pdf
from tests.browser.test_login_language import (
    PHONE,
    _assert_no_sideways_scroll,
    _screenshot,
    collect_errors,
)
from tests.factories import today

pytestmark = pytest.mark.browser

CITY = "billund"
COORDINATOR = "applications-coordinator@billund.example.org"
MENTEE = "ana.browser@example.org"
PASSWORD = "browser coordinator password"
NEW_PASSWORD = "my own long password"


@dataclass(frozen=True)
class LiveData:
    outbox: Path
    cohort_id: str


@pytest.fixture(scope="module")
def live_data(live_server: Any, tmp_path_factory: pytest.TempPathFactory) -> LiveData:
    """A recruiting cohort and a coordinator in Billund, committed to the live DB."""
    (database,) = tmp_path_factory.getbasetemp().glob("live[0-9]*/live.sqlite3")
    return LiveData(database.parent / "outbox", _add_cohort(database))


def _add_cohort(database: Path) -> str:
    from mentoring.accounts.models import User
    from mentoring.accounts.passwords import hash_password
    from mentoring.app import create_app
    from mentoring.core.scoping import set_tenant
    from mentoring.extensions import db
    from mentoring.programmes.models import Cohort
    from mentoring.tenancy.models import Tenant

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
            "SECRET_KEY": "browser-test-secret",
            "INSTANCE_DIR": str(database.parent),
            "REDIS_URL": "",
        }
    )
    with app.app_context():
        tenant = db.session.scalar(db.select(Tenant).where(Tenant.slug == CITY))
        set_tenant(db.session, tenant.id)
        cohort = Cohort(
            name="Efterår 2031",
            # Recruiting now for a cohort that starts in five months.
            starts_on=today() + timedelta(weeks=21),
            ends_on=today() + timedelta(weeks=21 + 17),
            status="recruiting",
        )
        coordinator = User(
            role="coordinator",
            email=COORDINATOR,
            full_name="Birthe Billund",
            password_hash=hash_password(PASSWORD),
        )
        db.session.add_all([cohort, coordinator])
        db.session.commit()
        cohort_id = str(cohort.id)
        db.session.remove()
        db.engine.dispose()
    return cohort_id


def test_a_mentee_applies_in_danish_is_accepted_and_sets_a_password(
    browser: Browser, live_server: Any, live_data: LiveData
) -> None:
    base = live_server.url(CITY).rstrip("/")
    mentee = browser.new_context(locale="da-DK", viewport=PHONE).new_page()
    errors = collect_errors(mentee)
    _apply_as_mentee(mentee, base, live_data.cohort_id)
    confirmation = _mail_to(live_data.outbox, MENTEE, 1)
    assert confirmation["Content-Language"] == "da"
    # Until the link is opened, the application does not count.
    mentee.goto(_link_in(confirmation, "apply/confirm"))
    expect(mentee.locator("main h1")).to_have_text("Din ansøgning er bekræftet")

    coordinator = browser.new_context(locale="en-GB").new_page()
    errors += collect_errors(coordinator)
    _accept(coordinator, base, live_data.cohort_id)
    invitation = _mail_to(live_data.outbox, MENTEE, 2)
    assert invitation["Content-Language"] == "da"  # the language she applied in

    mentee.goto(_link_in(invitation))
    mentee.locator("main input[name=password]").fill(NEW_PASSWORD)
    mentee.locator("main input[name=confirm]").fill(NEW_PASSWORD)
    mentee.locator("main form[method=post] button[type=submit]").click()
    expect(mentee).to_have_url(f"{base}/me/")
    expect(mentee.locator("main")).to_contain_text("Efterår 2031")
    assert errors == []


def _apply_as_mentee(page: Page, base: str, cohort_id: str) -> None:
    page.goto(f"{base}/?lang=da")
    page.locator("main a[href='/apply/']").click()
    page.locator(f"main a[href='/apply/{cohort_id}/mentee']").click()
    expect(page.locator("html")).to_have_attribute("lang", "da")
    form = page.locator("main form[enctype='multipart/form-data']")
    form.locator("[name=full_name]").fill("Ana Souza")
    form.locator("[name=email]").fill(MENTEE)
    form.locator("[name=phone]").fill("+45 12 34 56 78")
    form.locator("[name=education]").select_option("master")
    form.locator("[name=field_of_study]").fill("Kemi")
    form.locator("[name=profession]").fill("Laborant")
    form.locator("[name=years_experience]").fill("6")
    form.locator("[name=target_sectors][value=life_science]").check()
    form.locator("[name=languages][value=en]").check()
    form.locator("[name=languages][value=pt]").check()
    form.locator("[name=danish_level]").select_option("beginner")
    form.locator("[name=arrived_on]").fill("2026-03-01")
    form.locator("[name=goals]").fill("Et job i et laboratorium.")
    form.locator("[name=cv]").set_input_files(
        {"name": "cv.pdf", "mimeType": "application/pdf", "buffer": tiny_pdf()}
    )
    _assert_no_sideways_scroll(page)
    _screenshot(page, "apply-mentee-phone.png")
    form.locator("[name=consent]").check()
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(f"{base}/apply/{cohort_id}/thanks")
    expect(page.locator("html")).to_have_attribute("lang", "da")
    _assert_no_sideways_scroll(page)


def _accept(page: Page, base: str, cohort_id: str) -> None:
    page.goto(f"{base}/login?lang=en")
    page.locator("main input[name=email]").fill(COORDINATOR)
    page.locator("main input[name=password]").fill(PASSWORD)
    page.locator("main form[method=post] button[type=submit]").click()
    expect(page).to_have_url(f"{base}/coordinator/")
    page.goto(f"{base}/coordinator/applications/?cohort={cohort_id}")
    row = page.locator("#applications-list tbody tr", has_text=MENTEE)
    expect(row).to_contain_text("New")
    page.evaluate("window.__noFullReload = true")
    row.get_by_role("button", name="Accept").click()
    expect(row).to_contain_text("Accepted")
    expect(row.get_by_role("status")).to_contain_text("has been sent an e-mail")
    expect(page.locator("#applications-capacity")).to_contain_text("1 of 15 mentees")
    _screenshot(page, "applications-review.png")
    assert page.evaluate("window.__noFullReload") is True  # swapped in place


def _mail_to(outbox: Path, address: str, count: int) -> EmailMessage:
    """The ``count``-th e-mail to ``address`` (delivery runs after the commit)."""
    deadline = time.monotonic() + 5
    while True:
        found = [m for m in _messages(outbox) if m["To"] == address]
        if len(found) >= count or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert len(found) == count, [m["Subject"] for m in found]
    return found[-1]


def _messages(outbox: Path) -> list[EmailMessage]:
    files = sorted(outbox.glob("*.eml"), key=lambda p: p.stat().st_mtime_ns)
    return [message_from_bytes(p.read_bytes(), policy=policy.default) for p in files]


def _link_in(message: EmailMessage, path: str = "invitation") -> str:
    text = message.get_body(preferencelist=("plain",)).get_content()
    match = re.search(rf"https?://\S+/{path}/\S+", text)
    assert match, text
    return match.group(0)
