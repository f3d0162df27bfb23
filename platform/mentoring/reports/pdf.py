"""The programme report as a tagged, accessible PDF (WeasyPrint, PDF/UA-1).

The PDF is the report's HTML (the same sections, rows and charts as the page)
laid out by WeasyPrint with ``pdf_variant="pdf/ua-1"``: a structure tree with
headings, tables and figures, ``/MarkInfo /Marked true``, the document's
language from ``<html lang>``, its title shown by viewers. DejaVu Sans is
vendored in ``fonts/`` (with its licence) and embedded as a subset, so Danish
letters and names in Latin, Greek or Cyrillic script print as written. Each page
has the city's logo at the head and "Page N of M" at the foot (CSS ``@page``).

WeasyPrint fetches only the vendored fonts and ``data:`` URLs (the logo): the
report holds names and free text, and a city's SVG must not reach the network
or read other files.
"""

from __future__ import annotations

import base64
import logging
import re
import xml.etree.ElementTree as ET  # noqa: S405 - our own tenants' validated SVG
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.request import url2pathname

from flask import render_template
from markupsafe import Markup

from mentoring.core.i18n import _
from mentoring.reports.charts import ReportChart, chart_alt, chart_svg
from mentoring.reports.document import Section

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcher

FONTS = Path(__file__).parent / "fonts"
VARIANT = "pdf/ua-1"
COUNTERS = {"%(page)s": "counter(page)", "%(pages)s": "counter(pages)"}
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


def vendored_font(url: str) -> Path | None:
    """The vendored font a ``file:`` URL names, else None."""
    if not url.startswith("file://"):
        return None
    path = Path(url2pathname(url.removeprefix("file://").split("?")[0])).resolve()
    if path.parent == FONTS.resolve() and path.suffix == ".ttf":
        return path
    return None


@cache
def report_fetcher() -> type[URLFetcher]:
    """WeasyPrint's fetcher, allowed only the vendored fonts and ``data:`` URLs.

    Built on first use: importing WeasyPrint takes a second or two (it loads
    Pango), which the web app and its start-up should not pay for.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class ReportFetcher(URLFetcher):
        def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if font := vendored_font(url):
                return URLFetcherResponse(url, font.read_bytes())
            raise ValueError(f"the programme report fetches nothing from {url[:60]}")

    return ReportFetcher


def render_pdf(document: PdfDocument, sections: list[Section]) -> bytes:
    """The report's HTML as a tagged PDF in the report's language."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    html = render_template(
        "reports/programme_report_pdf.html",
        document=document,
        title=document.title,
        subtitle=document.subtitle,
        narrative=document.narrative,
        sections=sections,
        chart_svg=_figure_svg,
        logo=_logo_src(document.logo_svg),
        logo_alt=_("Logo of %(city)s", city=document.author),
    )
    fonts = FontConfiguration()
    fetcher = report_fetcher()()
    css = CSS(string=page_css(), font_config=fonts, url_fetcher=fetcher)
    pdf = HTML(string=html, url_fetcher=fetcher).write_pdf(
        stylesheets=[css], font_config=fonts, pdf_variant=VARIANT
    )
    return bytes(pdf)


def page_css() -> str:
    """The fonts and the pages: A4, the logo at the head, "Page N of M" below."""
    regular, bold = (FONTS / "DejaVuSans.ttf", FONTS / "DejaVuSans-Bold.ttf")
    # Outside the f-string: pybabel does not find a msgid inside one.
    numbers = page_counter(_("Page %(page)s of %(pages)s"))
    return f"""
    @font-face {{ font-family: "DejaVu Sans"; src: url("{regular.as_uri()}"); }}
    @font-face {{
      font-family: "DejaVu Sans"; font-weight: bold; src: url("{bold.as_uri()}");
    }}
    @page {{
      size: A4; margin: 30mm 18mm 22mm;
      @top-right {{ content: element(logo); vertical-align: middle; }}
      @bottom-center {{
        content: {numbers};
        font-family: "DejaVu Sans"; font-size: 9pt;
      }}
    }}
    """


def page_counter(label: str) -> str:
    """A translated "Page %(page)s of %(pages)s" as a CSS ``content`` value."""
    parts = []
    for piece in re.split(r"(%\(pages?\)s)", label):
        if piece in COUNTERS:
            parts.append(COUNTERS[piece])
        elif piece:
            parts.append(_css_string(piece))
    return " ".join(parts) or '""'


def _css_string(text: str) -> str:
    escaped = "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text)
    return f'"{escaped}"'


def _figure_svg(chart: ReportChart) -> Markup:
    """The chart with its bars in the figure's alternative text (``<title>``)."""
    return chart_svg(chart, title=chart_alt(chart))


def _logo_src(svg: str) -> str:
    """The logo as a ``data:`` URL; nothing if it cannot be read, so a logo
    never stops the report."""
    if not svg:
        return ""
    try:
        ET.fromstring(svg)  # noqa: S314 - validated at start-up
    except ET.ParseError:
        log.warning("programme report: the city's logo is not readable SVG")
        return ""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
