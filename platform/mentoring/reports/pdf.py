"""The programme report as a PDF (fpdf2, with an embedded Unicode font).

DejaVu Sans is vendored in ``fonts/`` (with its licence) and embedded as a
subset, so Danish letters and any name in Latin, Greek or Cyrillic script print
as written. The document carries its language, title and author; each page
has the city's logo and "Page N of M" at the foot.

Not tagged: fpdf2 (2.8) writes a structure tree only for images with alt text,
links and its outline, not for text or tables. A file marked as tagged with
untagged text would hide that text from a screen reader, so the logo is drawn
without alt text and the file stays honestly untagged.
"""

from __future__ import annotations

import io
import logging
import xml.etree.ElementTree as ET  # noqa: S405 - our own tenants' validated SVG
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF

from mentoring.core.i18n import _
from mentoring.reports.charts import ReportChart
from mentoring.reports.document import Section
from mentoring.results.charts import Bar

FONTS = Path(__file__).parent / "fonts"
FAMILY = "DejaVu"
SVG = "{http://www.w3.org/2000/svg}"
LOGO_HEIGHT = 14
LABEL, PLOT, BAR, BAR_GAP = 55, 75, 5, 2  # a chart's columns and bars, in mm
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PdfDocument:
    """What goes into the PDF besides its sections."""

    title: str
    subtitle: str
    language: str
    author: str
    logo_svg: str = ""
    narrative: str = ""


class ReportPDF(FPDF):
    """A4 with the city's logo at the head and page numbers at the foot."""

    def __init__(self, logo_svg: str) -> None:
        super().__init__(format="A4")
        self.logo = _plain_svg(logo_svg)
        self.add_font(FAMILY, "", FONTS / "DejaVuSans.ttf")
        self.add_font(FAMILY, "B", FONTS / "DejaVuSans-Bold.ttf")
        self.set_auto_page_break(auto=True, margin=20)

    def header(self) -> None:
        if self.logo:
            self.image(
                io.BytesIO(self.logo),
                x=self.w - self.r_margin - LOGO_HEIGHT,
                y=8,
                h=LOGO_HEIGHT,
            )
        self.set_y(8 + LOGO_HEIGHT + 2)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(FAMILY, "", 9)
        label = _("Page %(page)s of %(pages)s", page=self.page_no(), pages="{nb}")
        self.cell(0, 10, label, align="C")


def render_pdf(document: PdfDocument, sections: list[Section]) -> bytes:
    """The title, the coordinator's narrative, then each section's table."""
    pdf = ReportPDF(document.logo_svg)
    pdf.set_lang(document.language)
    pdf.set_title(document.title)
    pdf.set_author(document.author)
    pdf.set_creator(document.author)
    pdf.add_page()
    pdf.set_font(FAMILY, "B", 18)
    pdf.multi_cell(0, 10, document.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 11)
    pdf.multi_cell(0, 7, document.subtitle, new_x="LMARGIN", new_y="NEXT")
    if document.narrative:
        _narrative(pdf, document.narrative)
    for section in sections:
        _section(pdf, section)
    return bytes(pdf.output())


def _section(pdf: FPDF, section: Section) -> None:
    pdf.ln(4)
    pdf.set_font(FAMILY, "B", 14)
    pdf.multi_cell(0, 9, section.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 10)
    pdf.multi_cell(0, 6, section.intro, new_x="LMARGIN", new_y="NEXT")
    if not section.rows:
        return
    with pdf.table(
        first_row_as_headings=True, line_height=6, text_align="LEFT"
    ) as table:
        for cells in [section.header, *section.rows]:
            row = table.row()
            for cell in cells:
                row.cell(cell)
    for chart in section.charts:
        draw_chart(pdf, chart)


def draw_chart(pdf: FPDF, chart: ReportChart) -> None:
    """Horizontal bars: label, a grey track with the share, the value; a dashed
    line at the success criterion. Kept on one page."""
    height = 8 + len(chart.bars) * (BAR + BAR_GAP)
    if pdf.will_page_break(height + 4):
        pdf.add_page()
    pdf.ln(4)
    pdf.set_font(FAMILY, "B", 11)
    pdf.multi_cell(0, 7, chart.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 9)
    top = pdf.get_y()
    for index, bar in enumerate(chart.bars):
        _bar(pdf, bar, top + index * (BAR + BAR_GAP))
    if chart.criterion is not None:
        x = pdf.l_margin + LABEL + PLOT * min(max(chart.criterion, 0.0), 1.0)
        with pdf.local_context():
            pdf.set_dash_pattern(dash=1, gap=0.8)
            pdf.set_line_width(0.5)
            pdf.line(x, top - 1, x, top + len(chart.bars) * (BAR + BAR_GAP))
        pdf.set_xy(x + 1, top + len(chart.bars) * (BAR + BAR_GAP) - 1)
        pdf.cell(0, 4, chart.criterion_label)
    pdf.set_xy(pdf.l_margin, top + len(chart.bars) * (BAR + BAR_GAP) + 4)


def _bar(pdf: FPDF, bar: Bar, y: float) -> None:
    left = pdf.l_margin
    pdf.set_xy(left, y)
    pdf.cell(LABEL - 2, BAR, bar.label, align="R")
    pdf.set_fill_color(238, 238, 238)
    pdf.rect(left + LABEL, y, PLOT, BAR, style="F")
    if bar.share:
        pdf.set_fill_color(31, 78, 121)
        pdf.rect(left + LABEL, y, PLOT * min(max(bar.share, 0.0), 1.0), BAR, style="F")
    pdf.set_xy(left + LABEL + PLOT + 2, y)
    pdf.cell(0, BAR, bar.text)


def _narrative(pdf: FPDF, text: str) -> None:
    pdf.ln(4)
    pdf.set_font(FAMILY, "B", 14)
    pdf.multi_cell(0, 9, _("In our own words"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 11)
    pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")


def _plain_svg(svg: str) -> bytes:
    """The logo without <title>/<desc> (fpdf2 ignores them, with a warning);
    nothing if it cannot be read, so a logo never stops the report."""
    if not svg:
        return b""
    try:
        root = ET.fromstring(svg)  # noqa: S314 - validated at start-up
    except ET.ParseError:
        log.warning("programme report: the city's logo is not readable SVG")
        return b""
    ET.register_namespace("", SVG[1:-1])  # written back as <svg>, not <ns0:svg>
    for parent in root.iter():
        for child in list(parent):
            if child.tag in (f"{SVG}title", f"{SVG}desc"):
                parent.remove(child)
    return ET.tostring(root)
