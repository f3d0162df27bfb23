"""Every answer to every question of one survey in one cohort, tallied.

Pure: no Flask, no database. Questions and answers come in as plain records
(texts already in the reader's language); each question becomes a
:class:`Tally` by its kind. The same small-sample rule as the results page:
fewer than five answers and the shares are labelled.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from mentoring.core.spreadsheet import excel_csv
from mentoring.results.aggregation import SMALL_SAMPLE, ratio, whole_percent

HELP_SURVEY, HELP_QUESTION = "midway", "help_needed"
AGREE = (4, 5)  # on the 1-5 scale, the answers that agree


@dataclass(frozen=True)
class QuestionInfo:
    """A question as shown: one per key across the survey's versions."""

    key: str
    kind: str
    text: str
    choices: tuple[tuple[str, str], ...] = ()  # (value, label)
    standard: bool = True


@dataclass(frozen=True)
class GivenAnswer:
    """One sent-in answer, with who gave it (shown only where they asked)."""

    question: str
    value: Any
    completed_at: datetime
    name: str = ""
    email: str = ""
    phone: str = ""
    role: str = ""


@dataclass(frozen=True)
class Count:
    """One choice of a closed question: how many picked it, out of ``n``."""

    value: str
    label: str
    count: int
    share: float | None

    @property
    def percent(self) -> int | None:
        return whole_percent(self.share)


@dataclass(frozen=True)
class Tally:
    """One question's answers: counts for closed kinds, texts for free text."""

    question: QuestionInfo
    n: int
    counts: list[Count] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    agreeing: float | None = None  # scale only: the share answering 4 or 5

    @property
    def small_sample(self) -> bool:
        return 0 < self.n < SMALL_SAMPLE

    @property
    def agreeing_percent(self) -> int | None:
        return whole_percent(self.agreeing)


def tally(question: QuestionInfo, answers: Iterable[GivenAnswer]) -> Tally:
    """The question's answers by its kind; empty answers do not count."""
    given = [a for a in answers if a.question == question.key and _given(a.value)]
    if question.kind == "text":
        newest = sorted(given, key=lambda a: a.completed_at, reverse=True)
        return Tally(question, len(given), texts=[str(a.value) for a in newest])
    values = [a.value for a in given]
    counts = [
        Count(value, label, n, ratio(n, len(values)))
        for value, label in question.choices
        for n in [sum(1 for v in values if _picked(question.kind, v, value))]
    ]
    agreeing = None
    if question.kind == "scale":
        agreeing = ratio(sum(1 for v in values if v in AGREE), len(values))
    return Tally(question, len(values), counts, agreeing=agreeing)


def tallies(
    questions: Sequence[QuestionInfo], answers: Sequence[GivenAnswer]
) -> list[Tally]:
    """One tally per question, in the survey's order."""
    return [tally(question, answers) for question in questions]


def help_requests(answers: Iterable[GivenAnswer]) -> list[GivenAnswer]:
    """The help question's answers (of the midway survey) that ask for something,
    newest first."""
    asked = [a for a in answers if a.question == HELP_QUESTION and _given(a.value)]
    return sorted(asked, key=lambda a: a.completed_at, reverse=True)


def _given(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None and value != []


def _picked(kind: str, answer: Any, value: str) -> bool:
    if kind == "multi":
        return isinstance(answer, list) and value in answer
    return str(answer) == value


# -- the CSV download --------------------------------------------------------------


def answer_text(question: QuestionInfo, value: Any) -> str:
    """An answer as a reader sees it: choice labels rather than stored values."""
    labels = dict(question.choices)
    if isinstance(value, list):
        return ", ".join(labels.get(str(v), str(v)) for v in value)
    return labels.get(str(value), str(value))


def answers_csv(
    header: Sequence[str],
    survey: str,
    questions: Sequence[QuestionInfo],
    answers: Sequence[GivenAnswer],
) -> bytes:
    """One row per person and question, for Excel (``core.spreadsheet``).

    Rows go question by question, sorted by the answer, so that neither their
    grouping nor their order tells which answers one person gave. The person
    is named only on the midway help question, where they asked the
    coordinator to get in touch.
    """
    rows = []
    for question in questions:
        rows += sorted(
            _row(survey, question, answer)
            for answer in answers
            if answer.question == question.key and _given(answer.value)
        )
    return excel_csv(header, rows)


def _row(survey: str, question: QuestionInfo, answer: GivenAnswer) -> list[str]:
    named = (survey, question.key) == (HELP_SURVEY, HELP_QUESTION)
    return [
        question.key,
        question.text,
        answer_text(question, answer.value),
        answer.name if named else "",
        answer.email if named else "",
        answer.phone if named else "",
    ]
