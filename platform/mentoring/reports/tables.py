"""The programme report's tables as data for spreadsheets: one table per file.

The HTML page and the PDF print ``document``'s sections, where a result reads
"48 % (14/29)". A spreadsheet wants the parts as numbers in their own columns
(a whole percent, the count, the answers), so this module builds the same three
tables from the same ``ReportData`` with typed cells. They are kept with the
report as JSON and written by ``core.spreadsheet.excel_csv`` on download.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from mentoring.core.i18n import _
from mentoring.core.spreadsheet import Cell
from mentoring.reports.document import effect_rows
from mentoring.reports.queries import ReportData
from mentoring.results.aggregation import Figure, whole_percent
from mentoring.results.measures import measure_title


@dataclass(frozen=True)
class ReportTable:
    """One table of the report: its title (for the file's name) and its cells."""

    title: str
    header: list[str]
    rows: list[list[Cell]]

    def as_json(self) -> dict[str, object]:
        return asdict(self)


def tables(data: ReportData, language: str) -> list[ReportTable]:
    """The report's tables in the current locale (call inside ``force_locale``)."""
    return [_activities(data), _effect(data), _motivations(data, language)]


def _activities(data: ReportData) -> ReportTable:
    rows: list[list[Cell]] = [
        [_("Cohorts"), ", ".join(data.cohorts) or None],
        [_("Events held"), data.events_held],
        [_("Mentees"), data.mentees],
        [_("Mentors"), data.mentors],
        [_("Invited to events"), data.invited],
        [_("Checked in at events"), data.checked_in],
        [
            _("Attendance (%)"),
            whole_percent(data.checked_in / data.invited) if data.invited else None,
        ],
    ]
    return ReportTable(_("Activities"), [_("Activity"), _("Number")], rows)


def _effect(data: ReportData) -> ReportTable:
    header = [
        _("Measure"),
        _("Cohort"),
        _("Result (%)"),
        _("Count"),
        _("Answers"),
        _("Small sample"),
        _("Success criterion (%)"),
        _("Criterion met"),
        _("Response rate (%)"),
        _("Invited"),
    ]
    rows = [_figure_row(cohort, f) for cohort, f in effect_rows(data)]
    return ReportTable(_("Effect"), header, rows)


def _figure_row(cohort: str, figure: Figure) -> list[Cell]:
    yes_no = {True: _("Yes"), False: _("No"), None: None}
    small = figure.small_sample if figure.denominator else None
    return [
        measure_title(figure.measure),
        cohort,
        figure.percent,
        figure.numerator,
        figure.denominator,
        yes_no[small],
        whole_percent(figure.criterion),
        yes_no[figure.meets],
        figure.response_percent,
        figure.invited,
    ]


def _motivations(data: ReportData, language: str) -> ReportTable:
    rows: list[list[Cell]] = [
        [labels.get(language) or labels.get("en") or value, count]
        for value, labels, count in data.motivations
    ]
    return ReportTable(_("Mentor motivations"), [_("Motivation"), _("Mentors")], rows)
