"""Rows around a cohort for the cohort tests: call inside ``in_city(tenant)``."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from mentoring.applications.models import Application
from mentoring.core.models import utcnow
from mentoring.events.models import Event, EventInvitation
from mentoring.extensions import db
from mentoring.meetings.models import Meeting
from tests.factories import PairFactory


def application(cohort: Any, role: str, status: str, n: int) -> Application:
    row = Application(
        cohort_id=cohort.id,
        role=role,
        status=status,
        email=f"{role}-{status}-{n}-{uuid.uuid4().hex[:8]}@example.org",
        full_name=f"Applicant {n}",
        locale="en",
        consent_version="2026-01",
        consented_at=utcnow(),
        email_confirmed_at=utcnow(),
    )
    db.session.add(row)
    return row


def event(cohort: Any, kind: str = "midway", days_ago: int = 1) -> Event:
    """An event that began ``days_ago`` days ago (negative: in the future)."""
    starts_at = utcnow() - timedelta(days=days_ago)
    row = Event(
        cohort_id=cohort.id,
        kind=kind,
        title_da=f"Arrangement {kind}",
        title_en=f"Event {kind}",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
    )
    db.session.add(row)
    db.session.flush()
    return row


def invite(event: Event, participant: Any, came: bool, rsvp: str = "yes") -> None:
    db.session.add(
        EventInvitation(
            event_id=event.id,
            participant_id=participant.id,
            rsvp=rsvp,
            checked_in_at=utcnow() if came else None,
        )
    )


def meeting(pair: Any, held_on: date, notes: str = "") -> None:
    db.session.add(
        Meeting(pair_id=pair.id, held_on=held_on, duration_minutes=60, notes=notes)
    )


def busy_cohort(cohort: Any, pairs: int) -> None:
    """``pairs`` pairs, each with meetings, applications and an attended event."""
    held = event(cohort, "kickoff", days_ago=3)
    for n in range(pairs):
        pair = PairFactory(cohort=cohort)
        meeting(pair, date(2026, 3, 1), notes=f"secret note {n}")
        meeting(pair, date(2026, 3, 15))
        invite(held, pair.mentee, came=True)
        invite(held, pair.mentor, came=n % 2 == 0)
        application(cohort, "mentee", "accepted", n)
        application(cohort, "mentor", "submitted", n)
    db.session.flush()
