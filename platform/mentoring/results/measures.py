"""The programme's success measures, each defined once, as small records.

Everything that names a measure iterates :data:`MEASURES`: the results page, the
programme report, the success criteria (``tenant.toml`` and the coordinator's
form) and, next, the network's benchmarks. A key is stable: it names the measure
in ``tenant.toml``, in the database and in exports, so never rename one.

Pure: no Flask, no database, so that ``tenancy/config.py`` can validate a city's
file with it. Labels are English message ids marked for the catalog; they are
translated where they are shown (:meth:`Measure.title`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

SHARE = "share"  # numerator / people who answered, shown in percent
COUNT = "count"  # the numerator itself
SCALE_AGREE = 4  # on a 1-5 scale, 4 ("agree") and 5 ("strongly agree") count as yes


def N_(message: str) -> str:  # noqa: N802 - Babel's default extraction keyword
    """Mark ``message`` for the catalog; :meth:`Measure.title` translates it."""
    return message


@dataclass(frozen=True)
class AnswerIs:
    """Counts an answer equal to ``value`` (one of a single-choice question's)."""

    value: str

    def __call__(self, answer: Any) -> bool:
        return answer == self.value


@dataclass(frozen=True)
class Agrees:
    """Counts yes to a yes/no question, or agreement (4-5) on a 1-5 scale."""

    def __call__(self, answer: Any) -> bool:
        if isinstance(answer, bool):
            return answer
        if isinstance(answer, int | float):
            return answer >= SCALE_AGREE
        return str(answer).strip().lower() in {"yes", "true", "ja"}


@dataclass(frozen=True)
class Measure:
    """One measure: which instrument and question, and which answers count.

    ``criterion`` is the default least share (from the programme's report); a
    measure without one takes no success criterion.
    """

    key: str
    label: str
    survey: str
    question: str
    counts: Callable[[Any], bool]
    kind: Literal["share", "count"] = SHARE
    criterion: float | None = None

    def title(self) -> str:
        """The label in the current language (inside a request or force_locale)."""
        from flask_babel import gettext  # here, not at import: the module stays pure

        return gettext(self.label)


def _followup(
    key: str, label: str, outcome: str, criterion: float | None = None
) -> Measure:
    return Measure(
        key, label, "mentee_followup", "outcome", AnswerIs(outcome), criterion=criterion
    )


MEASURES: tuple[Measure, ...] = (
    _followup(
        "mentees_in_work_after_six_months",
        N_("Mentees in work six months after"),
        "employed",
        criterion=0.33,
    ),
    _followup(
        "mentees_in_education", N_("Mentees in education six months after"), "education"
    ),
    _followup(
        "mentees_self_employed",
        N_("Mentees self-employed six months after"),
        "self_employed",
    ),
    _followup(
        "mentees_clarified",
        N_("Mentees with a clarified path six months after"),
        "clarified",
    ),
    _followup(
        "mentees_job_seeking",
        N_("Mentees still job-seeking six months after"),
        "job_seeking",
    ),
    Measure(
        "mentees_network_grown",
        N_("Mentees whose professional network grew"),
        "mentee_end",
        "network_strengthened",
        Agrees(),
        criterion=0.75,
    ),
    Measure(
        "mentees_cv_improved",
        N_("Mentees whose CV improved"),
        "mentee_end",
        "cv_improved",
        Agrees(),
    ),
    Measure(
        "mentors_would_recommend",
        N_("Mentors who would recommend being a mentor"),
        "mentor_end",
        "would_recommend",
        Agrees(),
        criterion=0.90,
    ),
)

BY_KEY: dict[str, Measure] = {m.key: m for m in MEASURES}
# The measures a city sets a success criterion for, in tenant.toml and the form.
WITH_CRITERION: tuple[Measure, ...] = tuple(
    m for m in MEASURES if m.criterion is not None
)


def default_criteria() -> dict[str, float]:
    """Each criterion measure's default least share, before a city's own."""
    return {m.key: m.criterion for m in WITH_CRITERION if m.criterion is not None}


def measure_title(key: str) -> str:
    """A measure's label in the current language; its key if we do not know it."""
    measure = BY_KEY.get(key)
    return measure.title() if measure else key
