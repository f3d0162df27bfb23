"""The programme report's PDF: any name prints, the font is embedded, the
document has its language, title, author, page numbers and the city's logo."""

from __future__ import annotations

import io

from flask_babel import force_locale
from pypdf import PdfReader

from mentoring.reports.document import Section
from mentoring.reports.pdf import PdfDocument, render_pdf

LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    '<title>Logo</title><rect width="10" height="10" fill="#123456"/></svg>'
)
NAMES = ["Søren Ærø Åberg", "Nguyễn Thị Lan", "Ольга Петрова", "Zoë Brontë"]


def build(app, language="en", rows=None, logo=LOGO) -> PdfReader:
    section = Section("Mentors", "Who took part.", ["Name", "Cohort"], rows or [])
    document = PdfDocument(
        "Programme report: Århus", "Period", language, "Aarhus", logo
    )
    with app.test_request_context(), force_locale(language):
        return PdfReader(io.BytesIO(render_pdf(document, [section])))


def text(reader: PdfReader) -> str:
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def fonts(reader: PdfReader) -> list[dict]:
    found = []
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            for descendant in font.get("/DescendantFonts", []):
                found.append(descendant.get_object()["/FontDescriptor"].get_object())
    return found


def test_danish_letters_and_names_in_any_script_print(app):
    reader = build(app, rows=[[name, "Forår 2026"] for name in NAMES])
    printed = text(reader)
    for name in [*NAMES, "Århus", "Forår 2026"]:
        assert name in printed
    assert "?" not in printed


def test_the_font_is_embedded(app):
    descriptors = fonts(build(app, rows=[["Zoë", "x"]]))
    assert descriptors
    assert all("/FontFile2" in d for d in descriptors)  # a TrueType file, embedded
    assert all("DejaVu" in d["/FontName"] for d in descriptors)


def test_the_document_has_its_language_title_and_author(app):
    reader = build(app, language="da")
    assert reader.trailer["/Root"]["/Lang"] == "da"
    assert reader.metadata.title == "Programme report: Århus"
    assert reader.metadata.author == "Aarhus"


def test_each_page_is_numbered_in_the_reports_language(app):
    many = [[f"Mentor {n}", "Spring"] for n in range(80)]
    english = build(app, "en", rows=many)
    assert len(english.pages) > 1
    last = len(english.pages)
    assert f"Page 1 of {last}" in english.pages[0].extract_text()
    assert f"Page {last} of {last}" in english.pages[-1].extract_text()
    danish = build(app, "da", rows=many)
    assert f"Side 1 af {last}" in danish.pages[0].extract_text()


def test_the_citys_logo_is_on_every_page(app):
    logo_fill = b"0.0706 0.2039 0.3373 rg"  # #123456, the logo's colour
    reader = build(app, rows=[[f"Mentor {n}", "x"] for n in range(80)])
    assert len(reader.pages) > 1
    for page in reader.pages:
        assert logo_fill in page.get_contents().get_data()
    plain = build(app, rows=[["a", "b"]], logo="")
    assert logo_fill not in plain.pages[0].get_contents().get_data()


def test_the_pdf_does_not_claim_to_be_tagged(app):
    """fpdf2 cannot tag text or tables: a file marked as tagged would hide its
    untagged text from screen readers, so it must not say it is tagged."""
    root = build(app, rows=[["a", "b"]]).trailer["/Root"]
    assert "/MarkInfo" not in root
    assert "/StructTreeRoot" not in root
