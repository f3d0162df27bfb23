"""The coordinators' daily digest: new applications and interview bookings.

Once per city and local day (from 07:00 city time) each active coordinator who
has not turned it off gets one e-mail, in their own language, listing what came
in since the previous digest. The ``coordinator_digests`` row for (city, day) is
both the claim and the watermark: a second run finds it and sends nothing, and
the next digest starts where this one ended.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time
from flask_babel import LazyString, get_locale
from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from mentoring.accounts.models import User
from mentoring.applications.models import COUNTS, Application
from mentoring.core.i18n import _
from mentoring.core.models import utcnow
from mentoring.core.tenancy import path_for, tenant_url
from mentoring.events.models import InterviewBookingChange
from mentoring.extensions import db
from mentoring.home.digest_rules import FIRST_PERIOD, SETTLE, digest_day, net_change
from mentoring.home.models import CoordinatorDigest
from mentoring.mail.services import queue_email
from mentoring.programmes.models import PARTICIPANT_ROLES, Participant
from mentoring.tenancy.models import Tenant


@dataclass(frozen=True)
class NewApplication:
    name: str
    role: str
    cohort: str
    link: str


@dataclass(frozen=True)
class BookingNews:
    status: str  # digest_rules.NEW | CHANGED | CANCELLED
    change: InterviewBookingChange  # the latest: mentee, interviewer, event, time
    previous_at: datetime | None
    link: str


def due_digests(now: datetime | None = None) -> list[tuple[uuid.UUID, date]]:
    """(city, local day) pairs whose digest is due and not yet made.

    Works in the session's scope; the tick calls it inside ``cross_tenant``.
    """
    now = now or utcnow()
    made = set(
        db.session.execute(
            db.select(CoordinatorDigest.tenant_id, CoordinatorDigest.day).where(
                CoordinatorDigest.period_end >= now - 2 * FIRST_PERIOD
            )
        ).all()
    )
    due = []
    for tenant_id, timezone in db.session.execute(
        db.select(Tenant.id, Tenant.timezone)
    ):
        day = digest_day(now, timezone)
        if day is not None and (tenant_id, day) not in made:
            due.append((tenant_id, day))
    return due


def send_digest(tenant: Tenant, day: date, now: datetime | None = None) -> int:
    """Make the city's digest for ``day`` (once) and queue it to each coordinator
    who wants it. Returns how many e-mails were queued (0 when nothing is new)."""
    end = (now or utcnow()) - SETTLE
    start = _last_end() or end - FIRST_PERIOD
    digest = _claim(day, start, end)
    if digest is None:
        return 0
    applications = new_applications(tenant, start, end)
    bookings = booking_news(tenant, start, end)
    digest.applications, digest.bookings = len(applications), len(bookings)
    if not applications and not bookings:
        return 0
    recipients = digest_recipients()
    for coordinator in recipients:
        _queue(tenant, coordinator, applications, bookings)
    digest.recipients = len(recipients)
    db.session.flush()
    return len(recipients)


def _last_end() -> datetime | None:
    return db.session.scalar(db.select(func.max(CoordinatorDigest.period_end)))


def _claim(day: date, start: datetime, end: datetime) -> CoordinatorDigest | None:
    """Insert the (city, day) row in a savepoint: of two runs, only one wins."""
    digest = CoordinatorDigest(day=day, period_start=start, period_end=end)
    try:
        with db.session.begin_nested():
            db.session.add(digest)
    except IntegrityError:
        return None
    return digest


def digest_recipients() -> list[User]:
    """The city's active coordinators who have not turned the digest off."""
    return list(
        db.session.scalars(
            db.select(User)
            .where(
                User.role == "coordinator",
                User.active.is_(True),
                User.gets_digest.is_(True),
            )
            .order_by(User.full_name)
        )
    )


def new_applications(
    tenant: Tenant, start: datetime, end: datetime
) -> list[NewApplication]:
    """Applications that arrived in ``[start, end)``, oldest first: arrived is
    when the applicant confirmed the address (before that it does not count)."""
    confirmed = Application.email_confirmed_at
    rows = db.session.scalars(
        db.select(Application)
        .where(COUNTS, confirmed >= start, confirmed < end)
        .options(selectinload(Application.cohort))
        .order_by(confirmed, Application.id)
    )
    return [
        NewApplication(
            name=a.full_name,
            role=a.role,
            cohort=a.cohort.name,
            link=tenant_url(
                tenant, path_for("applications.detail", application_id=a.id)
            ),
        )
        for a in rows
    ]


def booking_news(tenant: Tenant, start: datetime, end: datetime) -> list[BookingNews]:
    """Each mentee's bookings made, moved or cancelled in ``[start, end)``: what
    they add up to (a booking made and cancelled the same day is no news)."""
    rows = db.session.scalars(
        db.select(InterviewBookingChange)
        .where(
            InterviewBookingChange.created_at >= start,
            InterviewBookingChange.created_at < end,
        )
        .options(
            selectinload(InterviewBookingChange.event),
            selectinload(InterviewBookingChange.mentee).selectinload(Participant.user),
            selectinload(InterviewBookingChange.interviewer).selectinload(
                Participant.user
            ),
        )
        .order_by(
            InterviewBookingChange.event_id,
            InterviewBookingChange.mentee_id,
            InterviewBookingChange.created_at,
        )
    )
    news = []
    for _key, group in groupby(rows, key=lambda c: (c.event_id, c.mentee_id)):
        changes = list(group)
        outcome = net_change([(c.kind, c.starts_at, c.interviewer_id) for c in changes])
        if outcome is not None:
            link = tenant_url(
                tenant, path_for("interviews.slots", event_id=changes[-1].event_id)
            )
            news.append(BookingNews(outcome[0], changes[-1], outcome[1], link))
    return sorted(news, key=lambda n: n.change.starts_at)


def _queue(
    tenant: Tenant,
    coordinator: User,
    applications: list[NewApplication],
    bookings: list[BookingNews],
) -> None:
    queue_email(
        coordinator,
        "coordinator_digest",
        LazyString(_subject, tenant),
        tenant=tenant,
        applications=applications,
        bookings=bookings,
        roles=PARTICIPANT_ROLES,
        when=lambda at: local_time(at, tenant.timezone, str(get_locale())),
        overview=tenant_url(tenant, path_for("home.coordinator_home")),
    )


def _subject(tenant: Tenant) -> str:
    """Translated when the recipient's language is in force (``queue_email``)."""
    city = tenant.name(get_locale().language)
    return _("New applications and interview bookings in %(city)s", city=city)


def local_time(at: datetime, timezone: str, locale: str) -> str:
    """E.g. "Monday, 20 April 2026, 14:00", in the city's zone and Babel ``locale``."""
    local = at.astimezone(ZoneInfo(timezone))
    day = format_date(local.date(), "full", locale=locale)
    return f"{day}, {format_time(local, 'short', locale=locale)}"


def set_digest(coordinator: User, wanted: bool) -> None:
    """A coordinator's own choice, kept on their account (the request commits)."""
    coordinator.gets_digest = wanted
    db.session.flush()
