"""An application factory; call it inside ``in_city(tenant)`` like tests/factories."""

from __future__ import annotations

import hashlib

import factory

from mentoring.applications.models import Application, ApplicationFile
from mentoring.core.models import utcnow
from tests.applications.helpers import tiny_pdf
from tests.factories import Base, CohortFactory


class ApplicationFactory(Base):
    class Meta:
        model = Application

    cohort = factory.SubFactory(CohortFactory, status="recruiting")
    role = "mentee"
    email = factory.Sequence(lambda n: f"applicant{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Applicant {n}")
    locale = "en"
    languages = factory.LazyFunction(lambda: ["en"])
    profession = "Chemist"
    target_sectors = factory.LazyFunction(lambda: ["life_science"])
    danish_level = "beginner"
    education = "master"
    goals = "A job"
    consent_version = "2026-11"
    consented_at = factory.LazyFunction(utcnow)
    # Confirmed, as after the link: only the public form makes unconfirmed ones.
    email_confirmed_at = factory.LazyFunction(utcnow)


class CVFactory(Base):
    class Meta:
        model = ApplicationFile

    application = factory.SubFactory(ApplicationFactory)
    filename = "cv.pdf"
    content = factory.LazyFunction(tiny_pdf)
    size = factory.LazyAttribute(lambda o: len(o.content))
    sha256 = factory.LazyAttribute(lambda o: hashlib.sha256(o.content).hexdigest())
