"""The programme report's text: titled tables in the current language.

``document`` turns what ``queries.gather`` read into sections, which the HTML
page, the PDF and the CSV all print, so the three always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import format_percent

from mentoring.core.i18n import _
from mentoring.reports.charts import ReportChart, report_charts
from mentoring.reports.queries import ReportData
from mentoring.results.aggregation import Figure, ratio
from mentoring.results.measures import measure_title


@dataclass(frozen=True)
class Section:
    """One titled table of the report."""

    title: str
    intro: str
    header: list[str]
    rows: list[list[str]]
    charts: list[ReportChart] = field(default_factory=list)


def document(data: ReportData, language: str) -> list[Section]:
    """The report's tables in the current locale (call inside ``force_locale``)."""
    return [_activities(data), _effect(data), _motivation_section(data, language)]


def percent(share: float | None) -> str:
    return "–" if share is None else format_percent(share)


def _activities(data: ReportData) -> Section:
    rows = [
        [_("Cohorts"), ", ".join(data.cohorts) or "–"],
        [_("Events held"), str(data.events_held)],
        [_("Mentees"), str(data.mentees)],
        [_("Mentors"), str(data.mentors)],
        [
            _("Attendance (check-ins of invited)"),
            f"{data.checked_in} / {data.invited} "
            f"({percent(ratio(data.checked_in, data.invited))})",
        ],
    ]
    intro = _("What the programme did in %(city)s in the period.", city=data.city)
    return Section(_("Activities"), intro, [_("Activity"), _("Number")], rows)


def effect_rows(data: ReportData) -> list[tuple[str, Figure]]:
    """Each measure's total, then (with more than one cohort) each cohort's."""
    rows = []
    cohorts = data.by_cohort if len(data.by_cohort) > 1 else {}
    for index, total in enumerate(data.figures):
        rows.append((_("All cohorts"), total))
        rows += [(name, figures[index]) for name, figures in cohorts.items()]
    return rows


def _effect(data: ReportData) -> Section:
    header = [
        _("Measure"),
        _("Cohort"),
        _("Result"),
        _("Success criterion"),
        _("Criterion met"),
        _("Response rate"),
    ]
    return Section(
        _("Effect"),
        _(
            "Each measure against its success criterion, with its response rate:"
            " for all cohorts, then for each cohort."
        ),
        header,
        [_figure_row(cohort, f) for cohort, f in effect_rows(data)],
        report_charts(data),
    )


def _figure_row(cohort: str, figure: Figure) -> list[str]:
    met = {True: _("Yes"), False: _("No"), None: "–"}[figure.meets]
    result = f"{percent(figure.share)} ({figure.numerator}/{figure.denominator})"
    if figure.denominator and figure.small_sample:
        result += " " + _("small sample")
    answered = (
        f"{percent(figure.response_rate)} ({figure.denominator}/{figure.invited})"
    )
    return [
        measure_title(figure.measure),
        cohort,
        result,
        percent(figure.criterion),
        met,
        answered,
    ]


def _motivation_section(data: ReportData, language: str) -> Section:
    rows = [
        [labels.get(language) or labels.get("en") or value, str(count)]
        for value, labels, count in data.motivations
    ]
    return Section(
        _("Mentor motivations"),
        _("Why the mentors took part, from their answers at the end."),
        [_("Motivation"), _("Mentors")],
        rows,
    )
