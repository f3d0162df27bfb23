"""The programme report's PDF is accessible (PDF/UA-1 by WeasyPrint): tagged
with headings and tables, its language set, every font embedded so Danish
letters and names in other scripts print, page numbers and the city's logo."""

from __future__ import annotations

import io
import logging
import shutil
import subprocess

import pikepdf
import pytest
from flask_babel import force_locale
from pypdf import PdfReader

from mentoring.reports.document import Section
from mentoring.reports.pdf import FONTS, PdfDocument, render_pdf, report_fetcher
from tests.conftest import require

LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    '<title>Logo</title><rect width="10" height="10" fill="#123456"/></svg>'
)
LOGO_FILL = b"0.070588 0.203922 0.337255 rg"  # #123456, the logo's colour
DANISH = "Søren Ærø Åberg"
NAMES = [DANISH, "Nguyễn Thị Lan", "Ольга Петрова", "Γιώργος Παπαδόπουλος", "Zoë"]
BASE_14 = {
    "Courier", "Helvetica", "Times-Roman", "Symbol", "ZapfDingbats",
    "Times", "Arial",
}  # fmt: skip


def render(app, language="en", rows=None, logo=LOGO, narrative="") -> bytes:
    section = Section("Mentors", "Who took part.", ["Name", "Cohort"], rows or [])
    document = PdfDocument(
        "Programme report: Århus", "Period", language, "Aarhus", logo, narrative
    )
    with app.test_request_context(), force_locale(language):
        return render_pdf(document, [section])


def build(app, language="en", rows=None, logo=LOGO) -> PdfReader:
    return PdfReader(io.BytesIO(render(app, language, rows, logo)))


def text(reader: PdfReader) -> str:
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def structure(pdf: pikepdf.Pdf) -> list[str]:
    """Every structure element's type, depth first from /StructTreeRoot."""
    found, todo = [], [pdf.Root.StructTreeRoot]
    while todo:
        element = todo.pop()
        if "/S" in element:
            found.append(str(element.S))
        kids = element.get("/K")
        kids = kids if isinstance(kids, pikepdf.Array) else [kids]
        todo += [kid for kid in kids if isinstance(kid, pikepdf.Dictionary)]
    return found


def fonts(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    return [
        obj
        for obj in pdf.objects
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font"
    ]


def test_danish_letters_and_names_in_other_scripts_print(app):
    reader = build(app, rows=[[name, "Forår 2026"] for name in NAMES])
    printed = text(reader)
    for name in [*NAMES, "Århus", "Forår 2026"]:
        assert name in printed
    assert "?" not in printed


def test_every_font_is_embedded_and_none_is_a_base_14_font(app):
    pdf = pikepdf.open(io.BytesIO(render(app, rows=[[DANISH, "Ольга"]])))
    found = fonts(pdf)
    assert found
    for font in found:
        assert str(font.BaseFont).split("+")[-1] not in BASE_14
        if font.Subtype == "/Type0":
            (descendant,) = font.DescendantFonts
            descriptor = descendant.FontDescriptor
            assert "/ToUnicode" in font  # its text can be copied and searched
        else:
            descriptor = font.FontDescriptor
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor
        assert "DejaVu" in str(descriptor.FontName)


def test_the_pdf_is_tagged_with_headings_and_tables(app):
    pdf = pikepdf.open(io.BytesIO(render(app, rows=[[DANISH, "Forår 2026"]])))
    assert pdf.Root.MarkInfo.Marked is True
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
    elements = structure(pdf)
    assert elements.count("/Document") == 1
    for tag in ("/H1", "/H2", "/P", "/Table", "/TH", "/TD"):
        assert tag in elements
    with pdf.open_metadata() as xmp:
        assert xmp["pdfuaid:part"] == "1"  # claims PDF/UA-1
        assert xmp["dc:title"] == "Programme report: Århus"


def test_weasyprint_finds_nothing_missing_for_pdf_ua(app, caplog):
    """WeasyPrint logs what PDF/UA lacks (a language, an image's alt text)."""
    caplog.set_level(logging.WARNING, logger="weasyprint")
    render(app, "da", rows=[[DANISH, "Forår"]], narrative="Vores ord.")
    assert [r for r in caplog.records if r.name.startswith("weasyprint")] == []


def marked_text(page: pikepdf.Page) -> tuple[list[int], list[bool]]:
    """The page's marked-content ids, and for each text shown whether it is
    inside a tagged (MCID) or artifact sequence."""
    ids, inside, stack = [], [], []
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op == "BDC":
            tag, props = operands
            if isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                ids.append(int(props.MCID))
            stack.append("/MCID" in props or tag == "/Artifact")
        elif op == "BMC":
            stack.append(operands[0] == "/Artifact")
        elif op == "EMC":
            stack.pop()
        elif op in ("Tj", "TJ", "'", '"'):
            inside.append(any(stack))
    return ids, inside


def test_all_text_is_tagged_or_an_artifact(app):
    """A screen reader finds every word: each text is in marked content that the
    structure tree's parent tree maps to an element (or a page artifact)."""
    pdf = pikepdf.open(io.BytesIO(render(app, rows=[[DANISH, "Ольга"]] * 60)))
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    assert len(pdf.pages) > 1
    for page in pdf.pages:
        ids, inside = marked_text(page)
        assert inside and all(inside)
        mapped = parents[int(page.StructParents)]
        assert ids and all(mapped[i].get("/S") for i in ids)


@pytest.mark.parametrize(("language", "page"), [("da", "Side 1 af"), ("en", "Page")])
def test_the_document_has_its_language_title_and_author(app, language, page):
    reader = build(app, language=language)
    assert reader.trailer["/Root"]["/Lang"] == language
    assert reader.metadata.title == "Programme report: Århus"
    assert reader.metadata.author == "Aarhus"
    assert page in text(reader)


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
    reader = build(app, rows=[[f"Mentor {n}", "x"] for n in range(80)])
    assert len(reader.pages) > 1
    for page in reader.pages:
        assert LOGO_FILL in page.get_contents().get_data()
    plain = build(app, rows=[["a", "b"]], logo="")
    assert LOGO_FILL not in plain.pages[0].get_contents().get_data()


def test_an_unreadable_logo_does_not_stop_the_report(app):
    reader = build(app, rows=[["a", "b"]], logo="<svg")
    assert "Programme report: Århus" in text(reader)


def test_the_narrative_is_printed_in_paragraphs(app):
    narrative = "Et godt år for Søren.\n\nOg for Ольга."
    printed = text(PdfReader(io.BytesIO(render(app, "da", narrative=narrative))))
    assert "I vores egne ord Et godt år for Søren. Og for Ольга." in printed


def test_the_pdf_fetches_only_the_vendored_fonts():
    """A city's SVG or a name in the report cannot make WeasyPrint read files
    or reach the network."""
    fetcher = report_fetcher()()
    font = (FONTS / "DejaVuSans.ttf").as_uri()
    assert fetcher.fetch(font).read(4) == b"\x00\x01\x00\x00"
    assert fetcher.fetch("data:text/plain,hej").read() == b"hej"
    for url in ("file:///etc/passwd", f"{font}/../../pdf.py", "http://example.com/x"):
        with pytest.raises(ValueError, match="fetches nothing"):
            fetcher.fetch(url)


def test_a_long_table_flows_over_numbered_pages_with_every_row(app):
    """Speed is `make bench`'s business; here a long table must not lose rows."""
    rows = [[f"Mentor {n}", "Forår"] for n in range(200)]
    reader = PdfReader(io.BytesIO(render(app, rows=rows)))
    assert len(reader.pages) > 2
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert all(f"Mentor {n}" in text for n in range(200))


def run(*command: str) -> str:
    return subprocess.run(  # noqa: S603 - fixed commands on our own file
        command, check=True, capture_output=True, text=True
    ).stdout


def test_poppler_sees_a_tagged_pdf_with_every_font_embedded(app, tmp_path):
    require(
        bool(shutil.which("pdfinfo") and shutil.which("pdffonts")),
        "poppler-utils (pdfinfo, pdffonts) is not installed",
    )
    path = tmp_path / "report.pdf"
    path.write_bytes(render(app, "da", rows=[[name, "Forår"] for name in NAMES]))
    info = dict(line.split(":", 1) for line in run("pdfinfo", str(path)).splitlines())
    assert info["Tagged"].strip() == "yes"
    assert info["PDF version"].strip() == "1.7"
    assert info["Title"].strip() == "Programme report: Århus"
    rows = run("pdffonts", str(path)).splitlines()[2:]
    assert rows
    for row in rows:
        name, *_, emb, sub, uni, _obj, _gen = row.split()
        assert "DejaVu" in name and emb == "yes" and uni == "yes"
