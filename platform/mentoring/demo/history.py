"""A believable programme history for a demo city: events held, who came,
meetings logged, and applications waiting for the next cohort.

Called by ``demo.services`` inside the city's tenant scope. Rows are written
directly (no e-mails): demo data must not fill anyone's outbox.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

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


INVITED_BEFORE = timedelta(days=21)  # invitations go out three weeks before the start
# The running cohort's quiet pairs, by their place in the cohort (0: mentee1 and
# mentor1). Pair 2 and every seventh after it has not met for four weeks (a
# nudge is due); pair 3 met once in its first week and not since (the
# coordinators' alert is due too). Every other pair met in the last three weeks.
NUDGE, ALERT = "nudge", "alert"


def quiet_kind(index: int) -> str | None:
    """What the tick owes the ``index``-th pair of the running cohort, if anything."""
    if index == 2:
        return ALERT
    return NUDGE if index % 7 == 1 else None


def invite_and_attend(
    cohort: Cohort,
    participants: Sequence[Participant],
    now: datetime,
    rng: random.Random,
) -> None:
    """Everyone invited to their events three weeks before the cohort began;
    events over by ``now`` have reminders and check-ins, answers came before."""
    sent = datetime.combine(cohort.starts_on - INVITED_BEFORE, time(10), UTC)
    events = db.session.scalars(db.select(Event).where(Event.cohort_id == cohort.id))
    for event in events:
        event.invitations_sent_at = sent
        for participant in participants:
            if event.audience in ("both", participant.role + "s"):
                db.session.add(_invitation(event, participant, now, rng))


def _invitation(
    event: Event, participant: Participant, now: datetime, rng: random.Random
) -> EventInvitation:
    sent = event.invitations_sent_at
    assert sent is not None  # noqa: S101 - set just before
    held = event.ends_at <= now
    answer = rng.choices(("yes", "no", "maybe", "pending"), (70, 10, 10, 10))[0]
    came = held and answer in ("yes", "maybe") and rng.random() < 0.9
    answered = sent + (min(event.starts_at, now) - sent) * rng.uniform(0.05, 0.6)
    return EventInvitation(
        event_id=event.id,
        participant_id=participant.id,
        rsvp=answer,
        invited_at=sent,
        created_at=sent,
        responded_at=answered if answer != "pending" else None,
        reminded_at=event.starts_at - timedelta(days=2)
        if held and answer != "no"
        else None,
        checked_in_at=event.starts_at + timedelta(minutes=5) if came else None,
    )


def log_meetings(
    pairs: Sequence[Pair], cohort: Cohort, today: date, rng: random.Random
) -> int:
    """Meetings every two to three weeks, up to the day before ``today``.

    In the running cohort the pairs ``quiet_kind`` names stopped meeting; in
    closed cohorts about one pair in seven went quiet halfway.
    """
    count = 0
    for index, pair in enumerate(pairs):
        for day in _meeting_days(cohort, _last_meeting(cohort, index, today, rng), rng):
            db.session.add(_meeting(pair, day, rng))
            count += 1
    return count


def _last_meeting(cohort: Cohort, index: int, today: date, rng: random.Random) -> date:
    """The pair's last meeting: recent, or long enough ago for a nudge or alert."""
    weeks = cohort.nudge_after_weeks
    if cohort.status != "running":
        if rng.random() < 0.15:
            return cohort.starts_on + timedelta(days=rng.randrange(20, 50))
        return cohort.ends_on - timedelta(days=rng.randrange(0, 10))
    kind = quiet_kind(index)
    if kind == ALERT:
        return today - timedelta(days=14 * weeks + 3)
    if kind == NUDGE:
        return today - timedelta(days=7 * weeks + 7)
    return today - timedelta(days=rng.randrange(1, 7 * weeks - 8))


def _meeting_days(cohort: Cohort, last: date, rng: random.Random) -> list[date]:
    """Back from ``last`` every 12 to 20 days, not before the pair was made."""
    first = cohort.starts_on + timedelta(days=3)
    days, day = [], last
    while day >= first:
        days.append(day)
        day -= timedelta(days=rng.randrange(12, 21))
    return days[::-1]


def _meeting(pair: Pair, day: date, rng: random.Random) -> Meeting:
    logged = datetime.combine(day, time(19), UTC)  # logged that evening
    return Meeting(
        pair_id=pair.id,
        logged_by_id=pair.mentee.user_id,
        held_on=day,
        duration_minutes=rng.choice((45, 60, 60, 90, 120)),
        topics=rng.sample(sorted(MEETING_TOPICS), 2),
        notes="",  # a pair's notes are their own; demo pairs wrote none
        created_at=logged,
        updated_at=logged,
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
    applied = now - timedelta(days=rng.randrange(1, 20))
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
        consented_at=applied,
        email_confirmed_at=applied,  # the link was opened the same day
        created_at=applied,
        updated_at=applied,
    )


def _mentor_application(
    cohort: Cohort, mentor: User, now: datetime, rng: random.Random
) -> Application:
    applied = now - timedelta(days=rng.randrange(1, 20))
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
        consented_at=applied,
        email_confirmed_at=applied,  # the link was opened the same day
        created_at=applied,
        updated_at=applied,
    )
