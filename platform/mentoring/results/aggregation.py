"""The arithmetic of the results page and the programme report.

Pure: no Flask, no database. Each survey invitation comes in as a
:class:`SurveyRecord`; each measure (``measures.MEASURES``) becomes a :class:`Figure`
per cohort and overall, with the response rate beside it, so that a share from
three answers out of fifteen is never shown as if it were solid.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from mentoring.results.measures import MEASURES, SHARE, Measure

SMALL_SAMPLE = 5  # fewer answers than this: the share is labelled as a small sample


@dataclass(frozen=True)
class SurveyRecord:
    """One invitation to one survey; ``answers`` is empty while unanswered."""

    cohort: str
    survey: str
    answers: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Figure:
    """One measure for one group: numerator out of denominator answers."""

    measure: str
    numerator: int
    denominator: int
    invited: int
    share: float | None
    response_rate: float | None
    small_sample: bool
    criterion: float | None = None
    meets: bool | None = None
    kind: str = SHARE

    @property
    def percent(self) -> int | None:
        return whole_percent(self.share)

    @property
    def value(self) -> int | None:
        """The figure as one number: a whole percent for a share, else the count."""
        return self.percent if self.kind == SHARE else self.numerator

    @property
    def response_percent(self) -> int | None:
        return whole_percent(self.response_rate)


@dataclass(frozen=True)
class Results:
    """Figures per cohort (in the order given) and overall."""

    by_cohort: dict[str, list[Figure]]
    overall: list[Figure]
    answered: bool = False  # any answer at all, to any question


def whole_percent(share: float | None) -> int | None:
    """A share as a whole percent, halves rounded up as in the report (0.125 -> 13)."""
    if share is None:
        return None
    exact = Decimal(str(share)) * 100
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def ratio(numerator: int, denominator: int) -> float | None:
    """``numerator / denominator``, or None when there is nothing to divide by."""
    return numerator / denominator if denominator else None


def figure(
    measure: Measure,
    records: Iterable[SurveyRecord],
    criterion: float | None = None,
) -> Figure:
    """The measure over ``records``; answers that skip the question do not count."""
    invited = [r for r in records if r.survey == measure.survey]
    answers = [
        r.answers[measure.question]
        for r in invited
        if r.answers.get(measure.question) is not None
    ]
    numerator = sum(1 for answer in answers if measure.counts(answer))
    share = ratio(numerator, len(answers))
    return Figure(
        measure=measure.key,
        numerator=numerator,
        denominator=len(answers),
        invited=len(invited),
        share=share,
        response_rate=ratio(len(answers), len(invited)),
        small_sample=len(answers) < SMALL_SAMPLE,
        criterion=criterion,
        meets=None if share is None or criterion is None else share >= criterion,
        kind=measure.kind,
    )


def figures(
    records: Sequence[SurveyRecord],
    criteria: Mapping[str, float],
    measures: Sequence[Measure] = MEASURES,
) -> list[Figure]:
    """Every measure over ``records``, each against its criterion if it has one."""
    return [figure(m, records, criteria.get(m.key)) for m in measures]


def aggregate(
    records: Sequence[SurveyRecord],
    criteria: Mapping[str, float],
    measures: Sequence[Measure] = MEASURES,
) -> Results:
    """Figures per cohort and overall: the results page and the report's tables."""
    cohorts: dict[str, list[SurveyRecord]] = {}
    for record in records:
        cohorts.setdefault(record.cohort, []).append(record)
    return Results(
        by_cohort={
            cohort: figures(group, criteria, measures)
            for cohort, group in cohorts.items()
        },
        overall=figures(records, criteria, measures),
        answered=any(record.answers for record in records),
    )
