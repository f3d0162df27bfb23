"""The programme's evaluation instruments, as data (no Flask, no database).

The questions are those of the Lyngby-Taarbæk report: the end-of-programme
evaluations of mentees and mentors, a short midway check-in and the mentee's
six-month follow-up. Their ``key`` is what makes answers comparable across
versions and cities: a city may add its own questions to a new version, but
the standard keys never change.
"""

from __future__ import annotations

from dataclasses import dataclass

from mentoring.core.text import without_controls

KINDS = ("scale", "yes_no", "single", "multi", "text")
SCALE = (1, 2, 3, 4, 5)
YES_NO = ("yes", "no")
OUTCOMES = ("employed", "education", "self_employed", "clarified", "job_seeking")


@dataclass(frozen=True)
class Choice:
    value: str
    da: str
    en: str


@dataclass(frozen=True)
class Question:
    key: str
    kind: str
    da: str
    en: str
    choices: tuple[Choice, ...] = ()
    standard: bool = True


@dataclass(frozen=True)
class Instrument:
    key: str
    roles: tuple[str, ...]  # who answers it: participant roles
    title_da: str
    title_en: str
    questions: tuple[Question, ...]


def _agree(key: str, da: str, en: str) -> Question:
    return Question(key, "yes_no", da, en)


MENTEE_END = Instrument(
    "mentee_end",
    ("mentee",),
    "Evaluering af mentorforløbet",
    "Evaluation of the mentoring programme",
    (
        _agree(
            "momentum",
            "Har forløbet givet dig fremdrift i din jobsøgning?",
            "Has the programme given you momentum in your job search?",
        ),
        _agree(
            "work_culture",
            "Har du fået indsigt i dansk arbejdskultur?",
            "Have you gained insight into Danish work culture?",
        ),
        _agree(
            "clarity",
            "Er du blevet klarere på, hvilken uddannelse eller hvilket jobområde"
            " du vil gå efter?",
            "Are you clearer about which education or job field to aim for?",
        ),
        _agree(
            "cv_improved",
            "Er dit CV blevet bedre?",
            "Has your CV improved?",
        ),
        _agree(
            "interview_skills",
            "Er du blevet bedre til jobsamtaler i en dansk sammenhæng?",
            "Are you better at job interviews in a Danish setting?",
        ),
        _agree(
            "network_strengthened",
            "Er dit faglige netværk i Danmark blevet styrket?",
            "Has your professional network in Denmark been strengthened?",
        ),
        Question(
            "satisfaction",
            "scale",
            "Hvor tilfreds er du samlet set med forløbet? (1 = slet ikke, 5 = meget)",
            "Overall, how satisfied are you with the programme?"
            " (1 = not at all, 5 = very)",
        ),
        Question(
            "comments",
            "text",
            "Andre kommentarer",
            "Any other comments",
        ),
    ),
)

MOTIVATIONS = (
    Choice("welcoming", "At byde andre velkommen", "Welcoming others"),
    Choice("difference", "At gøre en forskel", "Making a difference"),
    Choice("local_network", "Et bredere lokalt netværk", "A wider local network"),
    Choice("international", "Det internationale aspekt", "The international aspect"),
)

MENTOR_END = Instrument(
    "mentor_end",
    ("mentor",),
    "Evaluering for mentorer",
    "Evaluation for mentors",
    (
        Question(
            "motivation",
            "multi",
            "Hvad motiverede dig til at være mentor?",
            "What motivated you to be a mentor?",
            MOTIVATIONS,
        ),
        _agree(
            "would_recommend",
            "Vil du anbefale andre at være mentor?",
            "Would you recommend being a mentor to others?",
        ),
        _agree(
            "would_again",
            "Vil du være mentor igen?",
            "Would you be a mentor again?",
        ),
        Question("comments", "text", "Andre kommentarer", "Any other comments"),
    ),
)

MIDWAY = Instrument(
    "midway",
    ("mentee", "mentor"),
    "Midtvejsstatus",
    "Midway check-in",
    (
        Question(
            "going_well",
            "scale",
            "Hvordan går jeres forløb indtil nu? (1 = dårligt, 5 = rigtig godt)",
            "How is your mentoring going so far? (1 = badly, 5 = very well)",
        ),
        Question(
            "meetings_so_far",
            "single",
            "Hvor mange gange har I mødtes?",
            "How many times have you met?",
            (
                Choice("none", "Ingen", "Not yet"),
                Choice("one_two", "1–2 gange", "1–2 times"),
                Choice("three_plus", "3 gange eller flere", "3 times or more"),
            ),
        ),
        Question(
            "help_needed",
            "text",
            "Er der noget, koordinatoren kan hjælpe med?",
            "Is there anything the coordinator can help with?",
        ),
    ),
)

OUTCOME_CHOICES = (
    Choice("employed", "I arbejde", "Employed"),
    Choice("education", "I uddannelse", "In education"),
    Choice("self_employed", "Selvstændig", "Self-employed"),
    Choice("clarified", "Afklaret", "Clarified"),
    Choice("job_seeking", "Stadig jobsøgende", "Still job-seeking"),
)

MENTEE_FOLLOWUP = Instrument(
    "mentee_followup",
    ("mentee",),
    "Opfølgning seks måneder efter",
    "Follow-up six months after",
    (
        Question(
            "outcome",
            "single",
            "Hvad er din situation i dag?",
            "What is your situation today?",
            OUTCOME_CHOICES,
        ),
        Question("job_title", "text", "Jobtitel (valgfrit)", "Job title (optional)"),
        Question("sector", "text", "Branche (valgfrit)", "Sector (optional)"),
    ),
)

INSTRUMENTS: dict[str, Instrument] = {
    i.key: i for i in (MENTEE_END, MENTOR_END, MIDWAY, MENTEE_FOLLOWUP)
}


def clean_value(kind: str, choices: tuple[str, ...], raw: list[str]) -> object:
    """A submitted answer as stored, or ``None`` when empty or not allowed.

    ``raw`` is the form's list of values for the question (several for multi).
    """
    values = [v.strip() for v in raw if v and v.strip()]
    if kind == "multi":
        picked = [c for c in choices if c in values]
        return picked or None
    if not values:
        return None
    value = values[0]
    if kind == "scale":
        return int(value) if value in {str(n) for n in SCALE} else None
    if kind == "yes_no":
        return value if value in YES_NO else None
    if kind == "single":
        return value if value in choices else None
    return without_controls(value)[:2000]
