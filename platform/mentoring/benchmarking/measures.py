"""The network's standard measures, each with a stable key (pure: no Flask, no DB).

The survey measures of the results page keep their keys (``results.measures``);
the rest are counted from the programme's own records. A key names the measure
in ``benchmark_cells``/``benchmark_figures`` and on the network's pages, so never
rename one. ``README.md`` ("Network measures") says what each ``n`` is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mentoring.benchmarking.disclosure import Kind
from mentoring.results.measures import BY_KEY, Agrees, Measure
from mentoring.surveys.instruments import INSTRUMENTS, MOTIVATIONS

# Counted from the programme's records (participants, pairs, meetings, events).
COHORTS = "cohorts"
PARTICIPANTS_MENTEES = "participants_mentees"
PARTICIPANTS_MENTORS = "participants_mentors"
RETURNING_MENTORS = "returning_mentors"
COMPLETION = "completion"
ATTENDANCE = "attendance"
MEETINGS_PER_PAIR = "meetings_per_pair"
RECORD_MEASURES: tuple[tuple[str, Kind], ...] = (
    (COHORTS, "count"),
    (PARTICIPANTS_MENTEES, "count"),
    (PARTICIPANTS_MENTORS, "count"),
    (RETURNING_MENTORS, "count"),
    (COMPLETION, "share"),
    (ATTENDANCE, "share"),
    (MEETINGS_PER_PAIR, "mean"),
)


def response_rate_key(instrument: str) -> str:
    """``response_rate_mentee_end``: answered / invited for one instrument."""
    return f"response_rate_{instrument}"


RESPONSE_RATES: tuple[str, ...] = tuple(response_rate_key(k) for k in INSTRUMENTS)


@dataclass(frozen=True)
class Includes:
    """Counts a multiple-choice answer that includes ``value``."""

    value: str

    def __call__(self, answer: Any) -> bool:
        return isinstance(answer, list | tuple) and self.value in answer


def _end(
    key: str, survey: str, question: str, counts: Callable[[Any], bool]
) -> Measure:
    # The label is never shown on the network pages from here; the key is enough.
    return Measure(key, key, survey, question, counts)


# The eight measures of the results page, then the other standard questions.
SURVEY_MEASURES: tuple[Measure, ...] = (
    *BY_KEY.values(),
    _end("mentees_interview_skills", "mentee_end", "interview_skills", Agrees()),
    _end("mentees_momentum", "mentee_end", "momentum", Agrees()),
    _end("mentees_work_culture", "mentee_end", "work_culture", Agrees()),
    _end("mentees_clarity", "mentee_end", "clarity", Agrees()),
    _end("mentors_would_return", "mentor_end", "would_again", Agrees()),
    *(
        _end(f"motivation_{c.value}", "mentor_end", "motivation", Includes(c.value))
        for c in MOTIVATIONS
    ),
)

# The only survey questions the snapshot reads: never a text question.
SURVEY_QUESTIONS: frozenset[str] = frozenset(m.question for m in SURVEY_MEASURES)

NETWORK_MEASURES: dict[str, Kind] = {
    **dict(RECORD_MEASURES),
    **dict.fromkeys(RESPONSE_RATES, "share"),
    **{m.key: "count" if m.kind == "count" else "share" for m in SURVEY_MEASURES},
}
