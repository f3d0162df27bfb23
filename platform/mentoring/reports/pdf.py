"""The programme report as a PDF (fpdf2, a core font: no font files bundled).

Core fonts cover latin-1, which holds Danish æ, ø and å; any other character
is replaced, so a name in another script never stops the PDF.
"""

from __future__ import annotations

from fpdf import FPDF

from mentoring.reports.document import Section

REPLACEMENTS = {
    "–": "-",
    "—": "-",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "\u00a0": " ",
}


def latin1(text: str) -> str:
    """``text`` as the core fonts can print it."""
    for char, plain in REPLACEMENTS.items():
        text = text.replace(char, plain)
    return text.encode("latin-1", "replace").decode("latin-1")


def render_pdf(title: str, subtitle: str, sections: list[Section]) -> bytes:
    """A plain A4 document: title, then each section's intro and table."""
    pdf = FPDF(format="A4")
    pdf.set_title(latin1(title))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.multi_cell(0, 10, latin1(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 7, latin1(subtitle), new_x="LMARGIN", new_y="NEXT")
    for section in sections:
        _section(pdf, section)
    return bytes(pdf.output())


def _section(pdf: FPDF, section: Section) -> None:
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(0, 9, latin1(section.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 6, latin1(section.intro), new_x="LMARGIN", new_y="NEXT")
    if not section.rows:
        return
    with pdf.table(first_row_as_headings=True, line_height=6) as table:
        for cells in [section.header, *section.rows]:
            row = table.row()
            for cell in cells:
                row.cell(latin1(cell))
