"""factory_boy factories; call them inside ``in_city(tenant)``.

Dates are relative to the test clock (tests/conftest.py ``clock``), never
calendar constants: the same data whatever day the suite runs "as of".
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import factory
from factory.alchemy import SQLAlchemyModelFactory

from mentoring.accounts.models import NetworkUser, User
from mentoring.accounts.passwords import hash_password
from mentoring.extensions import db
from mentoring.programmes.models import Cohort, Pair, Participant

CITY_TIMEZONE = "Europe/Copenhagen"  # every city in tenants/


def today() -> date:
    """Today where the cities are, on the test clock."""
    return datetime.now(ZoneInfo(CITY_TIMEZONE)).date()


# Hashing is slow on purpose; tests share one hash of the test password.
_HASH = hash_password("correct horse battery")


class Base(SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "flush"


class UserFactory(Base):
    class Meta:
        model = User

    role = "mentee"
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password_hash = _HASH


class NetworkUserFactory(Base):
    class Meta:
        model = NetworkUser

    role = "analyst"
    email = factory.Sequence(lambda n: f"network{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Networker {n}")
    password_hash = _HASH


class CohortFactory(Base):
    class Meta:
        model = Cohort

    name = factory.Sequence(lambda n: f"Cohort {n}")
    # A cohort in its tenth week: running, started well before today.
    starts_on = factory.LazyFunction(lambda: today() - timedelta(weeks=10))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + timedelta(days=120))
    status = "running"


class ParticipantFactory(Base):
    class Meta:
        model = Participant

    cohort = factory.SubFactory(CohortFactory)
    user = factory.SubFactory(UserFactory)
    role = factory.SelfAttribute("user.role")


class PairFactory(Base):
    class Meta:
        model = Pair

    cohort = factory.SubFactory(CohortFactory)
    mentee = factory.SubFactory(
        ParticipantFactory,
        cohort=factory.SelfAttribute("..cohort"),
        user__role="mentee",
    )
    mentor = factory.SubFactory(
        ParticipantFactory,
        cohort=factory.SelfAttribute("..cohort"),
        user__role="mentor",
    )
