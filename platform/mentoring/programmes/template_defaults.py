"""The programme's default cohort, as Lyngby-Taarbæk ran it (pure data, no Flask).

A new city's template starts from these steps; the coordinator edits them. The
titles and descriptions are content stored in the database in both languages,
not interface text: they are not in the gettext catalog.
"""

from __future__ import annotations

from dataclasses import dataclass

MENTEE_CAPACITY = 15
MENTOR_CAPACITY = 15
DURATION_WEEKS = 17  # four months, from the kickoff to the closing event
NUDGE_AFTER_WEEKS = 3


@dataclass(frozen=True)
class StepDefault:
    """One programme step, placed in days from the cohort's start (the kickoff)."""

    kind: str
    offset_days: int
    start_time: str
    duration_minutes: int
    audience: str
    title_da: str
    title_en: str
    description_da: str
    description_en: str


DEFAULT_STEPS: tuple[StepDefault, ...] = (
    StepDefault(
        "mentor_course",
        -7,
        "17:00",
        180,
        "mentors",
        "Mentorkursus",
        "Mentor course",
        "Mentorrollen, forventninger og kulturelle forskelle.",
        "The mentor's role, expectations and cultural differences.",
    ),
    StepDefault(
        "career_workshop",
        -3,
        "09:30",
        240,
        "mentees",
        "Karriereworkshop for mentees",
        "Career workshop for mentees",
        "CV, jobsøgning i Danmark og dansk arbejdskultur.",
        "Your CV, job search in Denmark and Danish work culture.",
    ),
    StepDefault(
        "kickoff",
        0,
        "17:00",
        180,
        "both",
        "Kickoff med speed-dating",
        "Kickoff with speed-dating",
        "Mentees og mentorer mødes kort i runder; bagefter angiver begge "
        "sider deres ønsker, og koordinatoren danner parrene.",
        "Mentees and mentors meet briefly in rounds; then both sides state "
        "their preferences and the coordinator matches the pairs.",
    ),
    StepDefault(
        "midway",
        56,
        "17:00",
        120,
        "both",
        "Midtvejsmøde",
        "Midway meeting",
        "Erfaringer fra de første måneder og planer for resten af forløbet.",
        "Experience from the first months and plans for the rest of the cohort.",
    ),
    StepDefault(
        "interview_session",
        84,
        "16:00",
        180,
        "both",
        "Jobsamtaletræning",
        "Job-interview session",
        "Mentees øver jobsamtaler i en dansk ramme med mentorer som interviewere.",
        "Mentees practise job interviews in a Danish setting, with mentors "
        "as interviewers.",
    ),
    StepDefault(
        "closing",
        119,
        "17:00",
        150,
        "both",
        "Afslutningsarrangement",
        "Closing event",
        "Vi fejrer forløbet og ser på, hvad det har givet.",
        "We celebrate the cohort and look at what it has achieved.",
    ),
    StepDefault(
        "mentor_workshop",
        150,
        "17:00",
        120,
        "mentors",
        "Mentorworkshop",
        "Mentor workshop",
        "Mellem forløbene: hvad motiverer mentorer, og hvad skal vi gøre bedre?",
        "Between cohorts: what motivates mentors, and what should we do better?",
    ),
)
