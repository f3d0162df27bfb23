"""A believable programme history for a demo city: events held, who came,
meetings logged, and applications waiting for the next cohort.

Called by ``demo.services`` inside the city's tenant scope. Rows are written
directly (no e-mails): demo data must not fill anyone's outbox.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from mentoring.accounts.models import User
from mentoring.applications.choices import PRIVACY_NOTICE_VERSION
from mentoring.applications.models import Application
from mentoring.events.models import Event, EventInvitation
from mentoring.extensions import db
from mentoring.meetings.models import MEETING_TOPICS, Meeting
from mentoring.programmes.models import Cohort, Pair, Participant

SECTORS = ("it", "engineering", "life_science", "finance", "education", "sales")
LANGUAGES = ("en", "da", "de", "es", "fr", "hi", "zh", "pt")
PROFESSIONS = (
    ("Software developer", "Computer science"),
    ("Chemical engineer", "Chemical engineering"),
    ("Financial analyst", "Economics"),
    ("Biologist", "Molecular biology"),
    ("Teacher", "Education"),
    ("Marketing manager", "Business administration"),
)


def invite_and_attend(
    cohort: Cohort,
    participants: Sequence[Participant],
    now: datetime,
    rng: random.Random,
) -> None:
    """Everyone invited to their events; past events have answers and check-ins."""
    events = db.session.scalars(db.select(Event).where(Event.cohort_id == cohort.id))
    for event in events:
        event.invitations_sent_at = event.starts_at - timedelta(days=21)
        for participant in participants:
            if event.audience in ("both", participant.role + "s"):
                db.session.add(_invitation(event, participant, now, rng))


def _invitation(
    event: Event, participant: Participant, now: datetime, rng: random.Random
) -> EventInvitation:
    held = event.starts_at < now
    answer = rng.choices(("yes", "no", "maybe", "pending"), (70, 10, 10, 10))[0]
    came = held and answer in ("yes", "maybe") and rng.random() < 0.9
    return EventInvitation(
        event_id=event.id,
        participant_id=participant.id,
        rsvp=answer,
        invited_at=event.invitations_sent_at,
        responded_at=event.invitations_sent_at + timedelta(days=2)
        if answer != "pending"
        else None,
        reminded_at=event.starts_at - timedelta(days=2) if held else None,
        checked_in_at=event.starts_at + timedelta(minutes=5) if came else None,
    )


def log_meetings(
    pairs: Sequence[Pair], cohort: Cohort, today: date, rng: random.Random
) -> int:
    """Meetings every two to four weeks since the start; a few pairs go quiet."""
    last_day = min(today, cohort.ends_on)
    count = 0
    for pair in pairs:
        quiet = rng.random() < 0.15  # a pair the nudges are for
        day = cohort.starts_on + timedelta(days=rng.randrange(5, 15))
        while day <= last_day and not (
            quiet and day > cohort.starts_on + timedelta(21)
        ):
            db.session.add(_meeting(pair, day, rng))
            count += 1
            day += timedelta(days=rng.randrange(14, 29))
    return count


def _meeting(pair: Pair, day: date, rng: random.Random) -> Meeting:
    return Meeting(
        pair_id=pair.id,
        logged_by_id=pair.mentee.user_id,
        held_on=day,
        duration_minutes=rng.choice((45, 60, 60, 90, 120)),
        topics=rng.sample(sorted(MEETING_TOPICS), 2),
        notes="",  # a pair's notes are their own; demo pairs wrote none
    )


def applications_for(
    cohort: Cohort,
    mentees: Sequence[tuple[str, str]],
    mentors: Sequence[User],
    now: datetime,
    rng: random.Random,
) -> int:
    """New applications for a recruiting cohort: new mentees, returning mentors."""
    for email, name in mentees:
        db.session.add(_mentee_application(cohort, email, name, now, rng))
    for mentor in mentors:
        db.session.add(_mentor_application(cohort, mentor, now, rng))
    return len(mentees) + len(mentors)


def _mentee_application(
    cohort: Cohort, email: str, name: str, now: datetime, rng: random.Random
) -> Application:
    profession, field = rng.choice(PROFESSIONS)
    return Application(
        cohort_id=cohort.id,
        role="mentee",
        status=rng.choices(("submitted", "waitlisted"), (85, 15))[0],
        email=email,
        full_name=name,
        locale=rng.choice(("en", "en", "da")),
        languages=["en", *rng.sample(LANGUAGES[2:], 1)],
        years_experience=rng.randrange(2, 15),
        education=rng.choice(("master", "bachelor", "phd")),
        field_of_study=field,
        profession=profession,
        target_sectors=rng.sample(SECTORS, 2),
        target_roles=profession,
        danish_level=rng.choice(("none", "beginner", "intermediate")),
        arrived_on=now.date() - timedelta(days=rng.randrange(60, 700)),
        goals="Find a job in my field and build a professional network in Denmark.",
        consent_version=PRIVACY_NOTICE_VERSION,
        consented_at=now - timedelta(days=rng.randrange(1, 20)),
    )


def _mentor_application(
    cohort: Cohort, mentor: User, now: datetime, rng: random.Random
) -> Application:
    return Application(
        cohort_id=cohort.id,
        role="mentor",
        status="submitted",
        email=mentor.email,
        full_name=mentor.full_name,
        locale="da",
        languages=["da", "en"],
        years_experience=rng.randrange(5, 30),
        job_title=rng.choice(
            ("Senior engineer", "HR partner", "Team lead", "Consultant")
        ),
        employer=rng.choice(("Novo Nordisk", "DTU", "Ramboll", "Danske Bank", "COWI")),
        sector=rng.choice(SECTORS),
        help_with="CV, network and how Danish workplaces work.",
        motivation="I was new here once too.",
        earlier_cohorts=1,
        consent_version=PRIVACY_NOTICE_VERSION,
        consented_at=now - timedelta(days=rng.randrange(1, 20)),
    )
