"""Factories for events; call them inside ``in_city(tenant)``."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import factory

from mentoring.core.models import utcnow
from mentoring.events.models import Event, EventInvitation, InterviewSlot
from tests.factories import (
    CITY_TIMEZONE,
    Base,
    CohortFactory,
    ParticipantFactory,
    today,
)


def soon(**delta: float) -> datetime:
    """A whole-minute UTC time ``delta`` from now (default: five days)."""
    return utcnow().replace(second=0, microsecond=0) + timedelta(
        **(delta or {"days": 5})
    )


def evening(days: int = 5) -> datetime:
    """17:00 in Copenhagen ``days`` from today, in UTC: an event like the real
    ones, which starts and ends on the same local day whatever the clock says."""
    local = datetime.combine(
        today() + timedelta(days=days), time(17), ZoneInfo(CITY_TIMEZONE)
    )
    return local.astimezone(UTC)


class EventFactory(Base):
    class Meta:
        model = Event

    cohort = factory.SubFactory(CohortFactory)
    kind = "kickoff"
    title_en = factory.Sequence(lambda n: f"Kickoff {n}")
    title_da = factory.Sequence(lambda n: f"Opstart {n}")
    description_en = "Meet the mentors."
    description_da = "Mød mentorerne."
    starts_at = factory.LazyFunction(evening)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    location = "Lyngby Rådhus"
    audience = "both"


class InvitationFactory(Base):
    class Meta:
        model = EventInvitation

    event = factory.SubFactory(EventFactory)
    participant = factory.SubFactory(
        ParticipantFactory, cohort=factory.SelfAttribute("..event.cohort")
    )
    invited_at = factory.LazyFunction(utcnow)


class SlotFactory(Base):
    class Meta:
        model = InterviewSlot

    event = factory.SubFactory(EventFactory, kind="interview_session")
    interviewer = factory.SubFactory(
        ParticipantFactory,
        cohort=factory.SelfAttribute("..event.cohort"),
        user__role="mentor",
    )
    starts_at = factory.LazyAttribute(lambda o: o.event.starts_at)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(minutes=20))
