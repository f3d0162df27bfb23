"""The programme report's tables as one CSV file (a spreadsheet opens it)."""

from __future__ import annotations

import csv
import io

from mentoring.reports.document import Section


def render_csv(sections: list[Section]) -> str:
    """Each section: its title on a line, its header row, its rows, a blank line."""
    out = io.StringIO()
    writer = csv.writer(out)
    for section in sections:
        writer.writerow([section.title])
        writer.writerow(section.header)
        writer.writerows(section.rows)
        writer.writerow([])
    return out.getvalue()
