"""Creating demo data. Never in production: only `flask demo seed` calls this."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func

from mentoring.accounts.models import NetworkUser, User
from mentoring.accounts.passwords import hash_password
from mentoring.core.scoping import cross_tenant, tenant_scope
from mentoring.demo import evaluation, history, network
from mentoring.demo.names import (
    MENTEE_FIRST,
    MENTEE_LAST,
    MENTOR_FIRST,
    MENTOR_LAST,
    person_name,
    venue_for,
)
from mentoring.demo.profiles import CityProfile, profile_for
from mentoring.extensions import db
from mentoring.matching.queries import kickoff_at, plan_of
from mentoring.matching.services import generate_plan
from mentoring.programmes.models import Cohort, CohortTemplate, Pair, Participant
from mentoring.programmes.services import create_cohort, get_or_create_template
from mentoring.programmes.status import CohortStatus
from mentoring.tenancy.models import Tenant

DEMO_PASSWORD = "demo-password"  # noqa: S105 - the contract's published demo password
RETURNING_MENTORS = 0.5  # the report: many mentors come back for another cohort
# The running cohort began seven weeks before the seed day: its midway meeting is
# a week ahead, and a pair quiet since its first weeks is owed the coordinators'
# alert (twice the nudge's three weeks).
RUNNING_FOR = timedelta(weeks=7)
PAIRED_AFTER = timedelta(days=2)  # pairs are made from the kickoff's ratings
PLANNED_BEFORE = timedelta(days=3)  # the speed-dating plan, made before the kickoff
TALKS_EACH = 5  # each mentee meets five mentors at the kickoff (the plan's default)


@dataclass(frozen=True)
class SeedSize:
    """How much to seed; None takes each city's own (``demo.profiles``)."""

    cities: int | None = None  # None: every configured city
    participants: int | None = None  # mentees (and mentors) per cohort
    cohorts: int | None = None  # per city; the last one is running, the others closed
    recruiting: bool = True  # and one more, recruiting, with applications

    def profile(self, slug: str) -> CityProfile:
        """The city's profile, with the sizes asked for in place of its own."""
        own = profile_for(slug)
        return replace(
            own,
            mentees=own.mentees if self.participants is None else self.participants,
            cohorts=own.cohorts if self.cohorts is None else self.cohorts,
        )


def database_is_empty() -> bool:
    with cross_tenant(db.session, "demo seed: is there any data yet"):
        users = db.session.scalar(db.select(func.count()).select_from(User))
    networkers = db.session.scalar(db.select(func.count()).select_from(NetworkUser))
    return not users and not networkers


def seed(size: SeedSize, today: date) -> dict[str, int]:
    """Create the contract's demo accounts and cohort history. Returns counts."""
    with cross_tenant(db.session, "demo seed: list and add cities"):
        tenants = [(t.id, t.slug) for t in _tenants(size.cities)]
    return _seed_all({slug: size for _id, slug in tenants}, today)


def seed_sized(sizes: dict[str, SeedSize], today: date) -> dict[str, int]:
    """Seed the named (existing) cities, each at its own size: the tests that
    hold a page's queries fixed render it for a small city and a big one."""
    return _seed_all(sizes, today)


def _seed_all(sizes: dict[str, SeedSize], today: date) -> dict[str, int]:
    password_hash = hash_password(DEMO_PASSWORD)  # once: hashing is slow on purpose
    with cross_tenant(db.session, "demo seed: the cities to seed"):
        found = db.session.execute(
            db.select(Tenant.id, Tenant.slug).where(Tenant.slug.in_(list(sizes)))
        ).all()
        tenants = sorted(found, key=lambda row: list(sizes).index(row.slug))
    kinds = ("users", "cohorts", "pairs", "meetings", "applications", "survey answers")
    counts = dict.fromkeys(kinds, 0)
    counts = {"cities": len(tenants), **counts}
    for tenant_id, slug in tenants:
        with tenant_scope(db.session, tenant_id):
            tenant = db.session.scalar(db.select(Tenant).where(Tenant.id == tenant_id))
            _seed_city(tenant, sizes[slug], today, password_hash, counts)
            db.session.flush()
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
            "email": f"kontakt@{slug}.example.org",
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
    """Past cohorts (closed), a running one, and, if asked, one recruiting.

    The running cohort is seeded first so that the README's accounts
    (``mentee1``, ``mentor1`` ...) are its people. Everything that has
    happened happened before the seed day began (``moment``).
    """
    rng = random.Random(tenant.slug)  # noqa: S311 - demo data, not security
    profile = size.profile(tenant.slug)
    people = _People(tenant, password_hash, rng)
    db.session.add(people.user("coordinator", "coordinator", _coordinator_name(rng)))
    template = _template_with_places(tenant)
    moment = seed_moment(today)
    closed = []
    for number in (profile.cohorts, *range(1, profile.cohorts)):
        cohort = _cohort(tenant, template, number, profile, today)
        mentees = people.new_mentees(profile.mentees)
        mentors = people.mentors_for(profile.mentees)
        participants, pairs = _enrol_and_pair(cohort, mentees, mentors)
        history.invite_and_attend(cohort, participants, moment, rng)
        if cohort.status == CohortStatus.RUNNING:
            evaluation.open_midway(participants, moment)
        counts["meetings"] += history.log_meetings(pairs, cohort, today, rng)
        counts["pairs"] += len(pairs)
        counts["cohorts"] += 1
        if cohort.status == CohortStatus.CLOSED:
            closed.append((cohort, participants))
    closed.sort(key=lambda item: item[0].starts_on)
    counts["survey answers"] += evaluation.answer_surveys(profile, closed, moment, rng)
    if size.recruiting:
        counts["applications"] += _recruiting_cohort(
            tenant, template, people, profile, moment
        )
        counts["cohorts"] += 1
    counts["users"] += 1 + people.count


def seed_moment(today: date) -> datetime:
    """The seed's "now": the start of the seed day, so that whatever hour the
    seed runs, nothing it says has happened lies in the future."""
    return datetime.combine(today, time(0), tzinfo=UTC)


def _template_with_places(tenant: Tenant) -> CohortTemplate:
    """The city's template, each step at one of the city's venues."""
    template = get_or_create_template()
    town = tenant.contact.get("organisation") or tenant.name_da
    for step in template.steps:
        step.location = step.location or venue_for(tenant.slug, town, step.kind)
    db.session.flush()
    return template


class _People:
    """The city's demo accounts, numbered as the contract promises."""

    def __init__(self, tenant: Tenant, password_hash: str, rng: random.Random) -> None:
        self.tenant, self.password_hash, self.rng = tenant, password_hash, rng
        self.domain = f"{tenant.slug}.example.org"
        self.mentors: list[User] = []
        self.mentee_count = 0

    @property
    def count(self) -> int:
        return len(self.mentors) + self.mentee_count

    def user(self, role: str, local: str, name: str) -> User:
        return User(
            role=role,
            email=f"{local}@{self.domain}",
            full_name=name,
            password_hash=self.password_hash,
        )

    def new_mentees(self, wanted: int) -> list[User]:
        mentees = []
        for _ in range(wanted):
            self.mentee_count += 1
            index = self.mentee_count + _offset(self.tenant)
            name = person_name(MENTEE_FIRST, MENTEE_LAST, index)
            mentees.append(self.user("mentee", f"mentee{self.mentee_count}", name))
        db.session.add_all(mentees)
        return mentees

    def mentors_for(self, wanted: int) -> list[User]:
        """About half of the mentors return from earlier cohorts; the rest are new."""
        returning = self.rng.sample(
            self.mentors, min(len(self.mentors), int(wanted * RETURNING_MENTORS))
        )
        fresh = []
        for _ in range(wanted - len(returning)):
            number = len(self.mentors) + 1
            name = person_name(MENTOR_FIRST, MENTOR_LAST, number + _offset(self.tenant))
            fresh.append(self.user("mentor", f"mentor{number}", name))
            self.mentors.append(fresh[-1])
        db.session.add_all(fresh)
        return returning + fresh


def _recruiting_cohort(
    tenant: Tenant,
    template: CohortTemplate,
    people: _People,
    profile: CityProfile,
    now: datetime,
) -> int:
    """The next cohort, at the city's rhythm, with applications to review."""
    cohort = _cohort(tenant, template, profile.cohorts + 1, profile, now.date())
    cohort.status = CohortStatus.RECRUITING
    first = people.mentee_count + 1
    wanted = max(2, profile.mentees // 2)
    mentees = []
    for number in range(first, first + wanted):
        name = person_name(MENTEE_FIRST, MENTEE_LAST, number + _offset(tenant) + 40)
        mentees.append((f"applicant{number}@{people.domain}", name))
    returning = people.mentors[: max(1, wanted // 2)]
    return history.applications_for(cohort, mentees, returning, now, people.rng)


def _offset(tenant: Tenant) -> int:
    """Each city starts the name lists elsewhere; within a city names don't repeat."""
    return sum(map(ord, tenant.slug)) % 97


def _coordinator_name(rng: random.Random) -> str:
    return person_name(MENTOR_FIRST, MENTOR_LAST, rng.randrange(100))


def _cohort(
    tenant: Tenant,
    template: CohortTemplate,
    number: int,
    profile: CityProfile,
    today: date,
) -> Cohort:
    """Cohorts at the city's rhythm from its template (its events included).

    The last of ``profile.cohorts`` started seven weeks ago and is running; the
    ones before it are closed, one ``spacing_days`` apart (twice a year, yearly,
    or every nine months as in Lyngby-Taarbæk); the one after it (recruiting)
    starts one step after the running one.
    """
    steps_back = profile.cohorts - number
    starts_on = today - RUNNING_FOR - timedelta(days=profile.spacing_days * steps_back)
    word = "Cohort" if tenant.default_language == "en" else "Forløb"
    cohort = create_cohort(
        template,
        tenant.timezone,
        name=f"{word} {number} · {starts_on.year}",
        starts_on=starts_on,
        mentee_capacity=max(15, profile.mentees),
        mentor_capacity=max(15, profile.mentees),
    )
    cohort.status = (
        CohortStatus.RUNNING if number == profile.cohorts else CohortStatus.CLOSED
    )
    return cohort


def _enrol_and_pair(
    cohort: Cohort, mentees: list[User], mentors: list[User]
) -> tuple[list[Participant], list[Pair]]:
    """Everyone in the cohort, paired in order (mentee1 with mentor1 ...)."""
    couples = [
        (
            Participant(cohort=cohort, user=mentee, role="mentee"),
            Participant(cohort=cohort, user=mentor, role="mentor"),
        )
        for mentee, mentor in zip(mentees, mentors, strict=False)
    ]
    participants = [p for couple in couples for p in couple]
    db.session.add_all(participants)
    db.session.flush()
    _plan_speed_dating(cohort)
    paired_at = datetime.combine(cohort.starts_on + PAIRED_AFTER, time(12), UTC)
    pairs = [
        Pair(
            cohort=cohort,
            mentee=mentee,
            mentor=mentor,
            created_at=paired_at,
            updated_at=paired_at,
        )
        for mentee, mentor in couples
    ]
    db.session.add_all(pairs)
    db.session.flush()
    return participants, pairs


def _plan_speed_dating(cohort: Cohort) -> None:
    """The kickoff's plan, made by the matching domain itself, as the
    coordinator would have made it a few days before the kickoff (and before
    the pairs: a plan is refused once the kickoff is over and pairs exist)."""
    kickoff = kickoff_at(cohort)
    if kickoff is None:
        return
    made_at = kickoff - PLANNED_BEFORE
    generate_plan(cohort, TALKS_EACH, now=made_at)
    plan = plan_of(cohort)
    if plan is not None:
        plan.created_at = plan.updated_at = made_at


def _seed_network(password_hash: str) -> None:
    network.seed_tracker()
    for role, name in (("analyst", "Nina Analyst"), ("operator", "Oskar Operator")):
        db.session.add(
            NetworkUser(
                role=role,
                email=f"{role}@network.example.org",
                full_name=name,
                password_hash=password_hash,
            )
        )
