"""Creating demo data. Never in production: only `flask demo seed` calls this."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func

from mentoring.accounts.models import NetworkUser, User
from mentoring.accounts.passwords import hash_password
from mentoring.core.scoping import cross_tenant
from mentoring.demo.names import (
    MENTEE_FIRST,
    MENTEE_LAST,
    MENTOR_FIRST,
    MENTOR_LAST,
    person_name,
)
from mentoring.extensions import db
from mentoring.programmes.models import Cohort, Pair, Participant
from mentoring.tenancy.models import Tenant

DEMO_PASSWORD = "demo-password"  # noqa: S105 - the contract's published demo password
COHORT_MONTHS = 4
RETURNING_MENTORS = 0.5  # the report: many mentors come back for another cohort


@dataclass(frozen=True)
class SeedSize:
    cities: int | None = None  # None: every configured city
    participants: int = 15  # mentees (and mentors) per cohort
    cohorts: int = 3  # the last one is running, the others closed


def database_is_empty() -> bool:
    with cross_tenant(db.session, "demo seed: is there any data yet"):
        users = db.session.scalar(db.select(func.count()).select_from(User))
    networkers = db.session.scalar(db.select(func.count()).select_from(NetworkUser))
    return not users and not networkers


def seed(size: SeedSize, today: date) -> dict[str, int]:
    """Create the contract's demo accounts and cohort history. Returns counts."""
    password_hash = hash_password(DEMO_PASSWORD)  # once: hashing is slow on purpose
    tenants = _tenants(size.cities)
    counts = {"cities": len(tenants), "users": 0, "cohorts": 0, "pairs": 0}
    with cross_tenant(db.session, "demo seed: writes every city's demo data"):
        for tenant in tenants:
            _seed_city(tenant, size, today, password_hash, counts)
            db.session.flush()
            db.session.expunge_all()
    _seed_network(password_hash)
    return counts


def _tenants(limit: int | None) -> list[Tenant]:
    tenants = list(
        db.session.scalars(db.select(Tenant).order_by(Tenant.demo, Tenant.slug))
    )
    if limit is None or limit <= len(tenants):
        return tenants[: limit if limit is not None else len(tenants)]
    base = tenants[0] if tenants else None
    for index in range(len(tenants), limit):
        tenants.append(_load_test_city(index + 1, base))
    db.session.flush()
    return tenants


def _load_test_city(number: int, template: Tenant | None) -> Tenant:
    """An extra demo city for load tests (beyond the configured ones)."""
    slug = f"loadtest-{number:03d}"
    city = Tenant(
        slug=slug,
        subdomain=slug,
        custom_domains=[],
        name_da=f"Testby {number} (demo)",
        name_en=f"Test city {number} (demo)",
        default_language="da",
        demo=True,
        primary_color=template.primary_color if template else "#2F3E46",
        accent_color=template.accent_color if template else "#84A98C",
        logo_svg=template.logo_svg
        if template
        else "<svg xmlns='http://www.w3.org/2000/svg'/>",
        contact={
            "organisation": f"Testby {number}",
            "email": f"mentor@{slug}.example.org",
        },
        success_criteria={"mentees_in_work_after_six_months": 0.33},
    )
    db.session.add(city)
    return city


def _seed_city(
    tenant: Tenant,
    size: SeedSize,
    today: date,
    password_hash: str,
    counts: dict[str, int],
) -> None:
    rng = random.Random(tenant.slug)  # noqa: S311 - demo data, not security
    domain = f"{tenant.slug}.example.org"
    coordinator = _user(
        tenant,
        "coordinator",
        f"coordinator@{domain}",
        _coordinator_name(rng),
        password_hash,
    )
    db.session.add(coordinator)
    mentors: list[User] = []
    mentee_count = 0
    for number in range(1, size.cohorts + 1):
        cohort = _cohort(tenant, number, size, today)
        db.session.add(cohort)
        cohort_mentors = _mentors_for(
            tenant, mentors, size.participants, rng, domain, password_hash
        )
        cohort_mentees = []
        for _ in range(size.participants):
            mentee_count += 1
            name = person_name(
                MENTEE_FIRST, MENTEE_LAST, mentee_count + _offset(tenant)
            )
            cohort_mentees.append(
                _user(
                    tenant,
                    "mentee",
                    f"mentee{mentee_count}@{domain}",
                    name,
                    password_hash,
                )
            )
        db.session.add_all(cohort_mentees)
        counts["pairs"] += _enrol_and_pair(
            tenant, cohort, cohort_mentees, cohort_mentors
        )
        counts["cohorts"] += 1
    counts["users"] += 1 + len(mentors) + mentee_count


def _offset(tenant: Tenant) -> int:
    """Each city starts the name lists elsewhere; within a city names don't repeat."""
    return sum(map(ord, tenant.slug)) % 97


def _coordinator_name(rng: random.Random) -> str:
    return person_name(MENTOR_FIRST, MENTOR_LAST, rng.randrange(100))


def _user(tenant: Tenant, role: str, email: str, name: str, password_hash: str) -> User:
    return User(
        tenant_id=tenant.id,
        role=role,
        email=email,
        full_name=name,
        password_hash=password_hash,
    )


def _mentors_for(
    tenant: Tenant,
    mentors: list[User],
    wanted: int,
    rng: random.Random,
    domain: str,
    password_hash: str,
) -> list[User]:
    """About half of the mentors return from earlier cohorts; the rest are new."""
    returning = rng.sample(mentors, min(len(mentors), int(wanted * RETURNING_MENTORS)))
    fresh = []
    for _ in range(wanted - len(returning)):
        number = len(mentors) + 1
        name = person_name(MENTOR_FIRST, MENTOR_LAST, number + _offset(tenant))
        mentor = _user(
            tenant, "mentor", f"mentor{number}@{domain}", name, password_hash
        )
        mentors.append(mentor)
        fresh.append(mentor)
    db.session.add_all(fresh)
    return returning + fresh


def _cohort(tenant: Tenant, number: int, size: SeedSize, today: date) -> Cohort:
    """Cohorts every six months; the last one started six weeks ago and is running."""
    starts_on = (
        today - timedelta(weeks=6) - timedelta(days=182 * (size.cohorts - number))
    )
    ends_on = starts_on + timedelta(days=30 * COHORT_MONTHS)
    word = "Cohort" if tenant.default_language == "en" else "Forløb"
    return Cohort(
        tenant_id=tenant.id,
        name=f"{word} {number} · {starts_on.year}",
        starts_on=starts_on,
        ends_on=ends_on,
        status="running" if number == size.cohorts else "closed",
        mentee_capacity=max(15, size.participants),
        mentor_capacity=max(15, size.participants),
    )


def _enrol_and_pair(
    tenant: Tenant, cohort: Cohort, mentees: list[User], mentors: list[User]
) -> int:
    pairs = 0
    for mentee, mentor in zip(mentees, mentors, strict=False):
        mentee_part = Participant(
            tenant_id=tenant.id, cohort=cohort, user=mentee, role="mentee"
        )
        mentor_part = Participant(
            tenant_id=tenant.id, cohort=cohort, user=mentor, role="mentor"
        )
        pair = Pair(
            tenant_id=tenant.id, cohort=cohort, mentee=mentee_part, mentor=mentor_part
        )
        db.session.add_all([mentee_part, mentor_part, pair])
        pairs += 1
    return pairs


def _seed_network(password_hash: str) -> None:
    for role, name in (("analyst", "Nina Analyst"), ("operator", "Oskar Operator")):
        db.session.add(
            NetworkUser(
                role=role,
                email=f"{role}@network.example.org",
                full_name=name,
                password_hash=password_hash,
            )
        )
