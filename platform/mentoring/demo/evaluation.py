"""Demo answers to the programme's surveys.

Lyngby-Taarbæk's answers reproduce the programme's published results (final
report, seed/): six months after, 48 % in work, 10 % in education, 7 %
self-employed, 10 % clarified, 24 % still job-seeking; 85 % with a stronger
network; every mentor would recommend being a mentor. Other cities answer as
their profile (``demo.profiles``) says, person by person, so that their shares
differ from city to city and from year to year, and not everyone answers.
Rows only: no e-mails.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta
from typing import Any

from mentoring.demo.profiles import END_QUESTIONS, CityProfile
from mentoring.extensions import db
from mentoring.programmes.models import Cohort, Participant
from mentoring.surveys.models import SurveyAnswer, SurveyDefinition, SurveyInvitation
from mentoring.surveys.services import ensure_standard_surveys

FOLLOW_UP_AFTER = timedelta(days=182)
ANSWERED_AFTER = timedelta(days=3)
REMINDED_AFTER = (timedelta(days=7), timedelta(days=14))  # as surveys.rules
OUTCOMES = ("employed", "education", "self_employed", "clarified", "job_seeking")
# The report's outcome shares: 14, 3, 2, 3 and 7 of 29 answers round to
# 48, 10, 7, 10 and 24 %.
REPORT_OUTCOMES = (14, 3, 2, 3, 7)
REPORT_NETWORK = (23, 27)  # 23 of 27 answers: 85 %
MOTIVATIONS = ("welcoming", "difference", "local_network", "international")
Answers = list[dict[str, Any] | None]  # one per person invited; None: no answer


def answer_surveys(
    profile: CityProfile,
    cohorts: Sequence[tuple[Cohort, Sequence[Participant]]],
    now: datetime,
    rng: random.Random,
) -> int:
    """Invitations and answers for the closed cohorts; returns answers made.

    A follow-up counts as due once it was sent and its answers were in by
    ``now`` (the seed's moment): no answer is dated after it.
    """
    definitions = ensure_standard_surveys()
    mentees = [(c, p) for c, ps in cohorts for p in ps if p.role == "mentee"]
    mentors = [(c, p) for c, ps in cohorts for p in ps if p.role == "mentor"]
    due = [(c, p) for c, p in mentees if _sent(c, True) + ANSWERED_AFTER <= now]
    if profile.exact:
        given = (
            _report_mentee_end(len(mentees), rng),
            _report_mentor_end(len(mentors), rng),
            _report_followup(len(due), rng),
        )
    else:
        given = (
            [_profile_mentee_end(profile, rng) for _ in mentees],
            [_profile_mentor_end(profile, rng) for _ in mentors],
            [_profile_followup(profile, rng) for _ in due],
        )
    made = _ask(definitions["mentee_end"], mentees, given[0], now)
    made += _ask(definitions["mentor_end"], mentors, given[1], now)
    made += _ask(definitions["mentee_followup"], due, given[2], now)
    return made


MIDWAY_SENT_BEFORE = timedelta(days=2)


def open_midway(participants: Sequence[Participant], now: datetime) -> None:
    """The running cohort's midway check-in, sent two days before ``now`` and not
    answered yet, so that a demo participant's home has a survey waiting (a
    week early: the tick sends it once the midway meeting starts)."""
    definition = ensure_standard_surveys()["midway"]
    sent = now - MIDWAY_SENT_BEFORE
    for participant in participants:
        db.session.add(
            SurveyInvitation(
                definition_id=definition.id,
                survey_key="midway",
                cohort_id=participant.cohort_id,
                participant_id=participant.id,
                sent_at=sent,
                created_at=sent,
                updated_at=sent,
            )
        )


def _ask(
    definition: SurveyDefinition,
    people: Sequence[tuple[Cohort, Participant]],
    answers: Answers,
    now: datetime,
) -> int:
    questions = {q.key: q for q in definition.questions}
    for (cohort, participant), given in zip(people, answers, strict=True):
        sent = _sent(cohort, definition.key == "mentee_followup")
        invitation = _invitation(definition, cohort, participant, sent, given, now)
        db.session.add(invitation)
        for key, value in (given or {}).items():
            invitation.answers.append(
                SurveyAnswer(
                    question_id=questions[key].id,
                    value=value,
                    created_at=invitation.completed_at,
                    updated_at=invitation.completed_at,
                )
            )
    return sum(1 for given in answers if given)


def _sent(cohort: Cohort, followup: bool) -> datetime:
    """When the survey went out: the cohort's last day, or six months later."""
    sent = datetime.combine(cohort.ends_on, time(10), tzinfo=UTC)
    return sent + FOLLOW_UP_AFTER if followup else sent


def _invitation(
    definition: SurveyDefinition,
    cohort: Cohort,
    participant: Participant,
    sent: datetime,
    given: dict[str, Any] | None,
    now: datetime,
) -> SurveyInvitation:
    """Answered three days after it was sent, or reminded (as the tick would)."""
    reminded = [
        sent + after if not given and sent + after <= now else None
        for after in REMINDED_AFTER
    ]
    return SurveyInvitation(
        definition_id=definition.id,
        survey_key=definition.key,
        cohort_id=cohort.id,
        participant_id=participant.id,
        sent_at=sent,
        created_at=sent,
        updated_at=sent,
        reminded_7_at=reminded[0],
        reminded_14_at=reminded[1],
        completed_at=sent + ANSWERED_AFTER if given else None,
    )


def _spread(counts: Sequence[int], total: int) -> list[int]:
    """``counts`` scaled to ``total`` answers (largest remainders), same shares."""
    whole = sum(counts)
    exact = [c * total / whole for c in counts]
    result = [int(x) for x in exact]
    order = sorted(range(len(counts)), key=lambda i: exact[i] - result[i], reverse=True)
    for i in order[: total - sum(result)]:
        result[i] += 1
    return result


def _report_followup(n: int, rng: random.Random) -> Answers:
    """One person in thirty does not answer; the rest in the report's shares."""
    answering = n - max(1, n // 30) if n > 1 else n
    outcomes = [
        o
        for o, k in zip(OUTCOMES, _spread(REPORT_OUTCOMES, answering), strict=True)
        for _ in range(k)
    ]
    rng.shuffle(outcomes)  # spread over the cohorts; the totals stay the report's
    return [{"outcome": o} for o in outcomes] + [None] * (n - answering)


def _report_mentee_end(n: int, rng: random.Random) -> Answers:
    """Nine in ten answer; 85 % of them say their network grew."""
    answering = round(n * REPORT_NETWORK[1] / 30)
    yes = _spread(
        (REPORT_NETWORK[0], REPORT_NETWORK[1] - REPORT_NETWORK[0]), answering
    )[0]
    answers: Answers = []
    for index in range(answering):
        answers.append(
            {
                "network_strengthened": "yes" if index < yes else "no",
                "cv_improved": "yes",
                "interview_skills": "yes",
                "momentum": rng.choice(("yes", "yes", "no")),
                "work_culture": "yes",
                "clarity": rng.choice(("yes", "yes", "no")),
                "satisfaction": rng.choice((4, 5, 5)),
            }
        )
    return answers + [None] * (n - answering)


def _report_mentor_end(n: int, rng: random.Random) -> Answers:
    """Most mentors answer; every one of them would recommend being a mentor."""
    answering = n - n // 8
    answers: Answers = [
        {
            "would_recommend": "yes",
            "would_again": rng.choice(("yes", "yes", "yes", "no")),
            "motivation": rng.sample(MOTIVATIONS, rng.randint(1, 3)),
        }
        for _ in range(answering)
    ]
    return answers + [None] * (n - answering)


def _chance(share: float, rng: random.Random) -> bool:
    return rng.random() < share


def _profile_followup(
    profile: CityProfile, rng: random.Random
) -> dict[str, Any] | None:
    """One mentee's follow-up: answered at the city's rate, outcome as it weighs."""
    if not _chance(profile.followup_rate, rng):
        return None
    return {"outcome": rng.choices(OUTCOMES, profile.outcomes)[0]}


def _profile_mentee_end(
    profile: CityProfile, rng: random.Random
) -> dict[str, Any] | None:
    """One mentee's end-of-programme answers, yes as often as the city's shares."""
    if not _chance(profile.end_rate, rng):
        return None
    answers: dict[str, Any] = {
        key: "yes" if _chance(profile.yes[key], rng) else "no" for key in END_QUESTIONS
    }
    happy = answers["momentum"] == "yes"
    answers["satisfaction"] = rng.choice((3, 4, 4, 5, 5) if happy else (2, 3, 4))
    return answers


def _profile_mentor_end(
    profile: CityProfile, rng: random.Random
) -> dict[str, Any] | None:
    """One mentor's answers: recommend, again, and one to three motivations."""
    if not _chance(profile.mentor_rate, rng):
        return None
    picked = {
        rng.choices(MOTIVATIONS, profile.motivations)[0]
        for _ in range(rng.randint(1, 3))
    }
    return {
        "would_recommend": "yes" if _chance(profile.recommend, rng) else "no",
        "would_again": "yes" if _chance(profile.again, rng) else "no",
        "motivation": [m for m in MOTIVATIONS if m in picked],
    }
