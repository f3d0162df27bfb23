"""How each demo city's programme went: its rhythm, its size and its outcomes.

Pure data: no Flask, no database. The seven demo cities differ on purpose, so
that the network's comparison per calendar year and over all time has something
to compare: a city strong on work, one strong on education, a weaker one, and two
small ones (Billund, Kalundborg: six or seven mentees a year) whose yearly
figures fall under disclosure control. Lyngby-Taarbæk keeps the report's
programme: cohorts every nine months, 15 + 15, answers that reproduce the
published figures (``evaluation`` does that, from ``exact``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

TWICE_A_YEAR, YEARLY, NINE_MONTHS = 182, 365, 273  # days between cohort starts
# The end-of-programme questions answered yes or no (``instruments.MENTEE_END``).
END_QUESTIONS = (
    "momentum",
    "work_culture",
    "clarity",
    "cv_improved",
    "interview_skills",
    "network_strengthened",
)


@dataclass(frozen=True)
class CityProfile:
    """One city's demo programme. ``cohorts`` are all it held, the last running.

    ``outcomes`` weighs the six-month follow-up's answers (employed, education,
    self-employed, clarified, job-seeking); ``*_rate`` is the share of people who
    answer a survey; ``yes`` the share answering yes to each end-of-programme
    question; ``motivations`` weighs the mentors' reasons.
    """

    mentees: int = 15
    cohorts: int = 3
    spacing_days: int = NINE_MONTHS
    exact: bool = False  # the report's figures, exactly (Lyngby-Taarbæk)
    outcomes: tuple[int, int, int, int, int] = (40, 12, 6, 14, 28)
    followup_rate: float = 0.8
    end_rate: float = 0.85
    mentor_rate: float = 0.8
    yes: dict[str, float] = field(
        default_factory=lambda: dict.fromkeys(END_QUESTIONS, 0.8)
    )
    recommend: float = 0.95
    again: float = 0.8
    motivations: tuple[int, int, int, int] = (3, 3, 2, 2)  # as instruments order


def _yes(**shares: float) -> dict[str, float]:
    return {**dict.fromkeys(END_QUESTIONS, 0.8), **shares}


REPORTED = CityProfile(exact=True)  # 15 + 15 every nine months, as the report ran
# Generated load-test cities (and any city not listed): the network's average.
DEFAULT = CityProfile(spacing_days=TWICE_A_YEAR)

PROFILES: dict[str, CityProfile] = {
    "lyngby-taarbaek": REPORTED,
    # The largest: the university draws mentees to further study.
    "aarhus": CityProfile(
        mentees=12,
        cohorts=7,
        spacing_days=TWICE_A_YEAR,
        outcomes=(33, 30, 5, 12, 20),
        yes=_yes(clarity=0.9, momentum=0.7, network_strengthened=0.8),
        motivations=(2, 3, 3, 3),
    ),
    # Strong on work: engineering and IT employers take mentees on.
    "aalborg": CityProfile(
        mentees=11,
        cohorts=7,
        spacing_days=TWICE_A_YEAR,
        outcomes=(58, 8, 4, 10, 20),
        followup_rate=0.85,
        yes=_yes(momentum=0.9, interview_skills=0.95, network_strengthened=0.9),
        recommend=1.0,
        again=0.9,
    ),
    # The weaker one: fewer answers, and more still job-seeking.
    "odense": CityProfile(
        mentees=10,
        cohorts=7,
        spacing_days=TWICE_A_YEAR,
        outcomes=(25, 10, 5, 15, 45),
        followup_rate=0.65,
        end_rate=0.7,
        mentor_rate=0.65,
        yes=_yes(momentum=0.55, clarity=0.6, network_strengthened=0.6),
        recommend=0.8,
        again=0.6,
        motivations=(4, 2, 2, 1),
    ),
    # Energy-sector jobs: many in work, some start their own business.
    "esbjerg": CityProfile(
        mentees=10,
        cohorts=7,
        spacing_days=TWICE_A_YEAR,
        outcomes=(50, 6, 14, 10, 20),
        yes=_yes(work_culture=0.9, cv_improved=0.9),
        motivations=(2, 2, 4, 2),
    ),
    # One cohort a year, in English: a medium-sized programme.
    "sonderborg": CityProfile(
        mentees=10,
        cohorts=5,
        spacing_days=YEARLY,
        outcomes=(45, 12, 8, 20, 15),
        followup_rate=0.9,
        yes=_yes(clarity=0.95, network_strengthened=0.75),
        motivations=(2, 2, 2, 4),
    ),
    # Small: seven mentees a year; most yearly figures are suppressed.
    "billund": CityProfile(
        mentees=7,
        cohorts=5,
        spacing_days=YEARLY,
        outcomes=(55, 5, 10, 10, 20),
        followup_rate=0.75,
        yes=_yes(network_strengthened=0.95, work_culture=0.95),
        recommend=1.0,
    ),
    # Small and weaker, with few answers.
    "kalundborg": CityProfile(
        mentees=6,
        cohorts=5,
        spacing_days=YEARLY,
        outcomes=(30, 15, 5, 10, 40),
        followup_rate=0.6,
        end_rate=0.7,
        mentor_rate=0.7,
        yes=_yes(momentum=0.6, network_strengthened=0.65),
        recommend=0.85,
        again=0.7,
    ),
}


def profile_for(slug: str) -> CityProfile:
    """The city's profile; a city without one gets the network's average."""
    return PROFILES.get(slug, DEFAULT)
