"""The ``[accessibility]`` table of ``tenant.toml``: what a city's statement says.

Pure: no Flask, no database; ``tenancy.config`` checks the table. The
statement follows the Danish template (Digitaliseringsstyrelsen's
"tilgængelighedserklæring"): conformance, known gaps, how to report a problem
to the city, the complaint body, the dates.
Every key is optional; what a city leaves out takes the product's defaults
below, read when the page is drawn (so a web city, whose row stores ``{}``,
gets them too).

    [accessibility]
    known_gaps_da = ["...", "..."]   # replaces the default list; same length as _en
    known_gaps_en = ["...", "..."]
    feedback_email = "tilgaengelighed@city.dk"   # default: the contact e-mail
    prepared_on = 2026-12-01   # a TOML date; default PREPARED_ON
    reviewed_on = 2026-12-01   # not before prepared_on; default REVIEWED_ON
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

# The gaps the product itself knows of, in every city (the statement's list).
KNOWN_GAPS = {
    "da": (
        "Rapporten som PDF: sidehoveder, sidefødder og sidetal er ikke markeret som"
        " artefakter uden for dokumentets struktur, så en skærmlæser kan læse dem op"
        " midt i teksten.",
        "Diagrammerne er billeder med en titel og en beskrivelse; tallene bag dem står"
        " i en tabel, der er foldet sammen under hvert diagram og skal åbnes først.",
        "Filer, som deltagerne selv uploader (f.eks. CV'er), kontrollerer vi ikke for"
        " tilgængelighed.",
    ),
    "en": (
        "The PDF report: running headers, footers and page numbers are not marked as"
        " artefacts outside the document's structure, so a screen reader may read"
        " them out in the middle of the text.",
        "The charts are images with a title and a description; the figures behind"
        " them are in a table folded under each chart that has to be opened first.",
        "Files that participants upload themselves (such as CVs) are not checked for"
        " accessibility.",
    ),
}
PREPARED_ON = date(2026, 12, 1)
REVIEWED_ON = date(2026, 12, 1)
KEYS = (
    "known_gaps_da",
    "known_gaps_en",
    "feedback_email",
    "prepared_on",
    "reviewed_on",
)
COMPLAINTS_URL = "https://www.was.digst.dk/"


@dataclass(frozen=True)
class Statement:
    """A city's accessibility statement settings, defaults filled in."""

    known_gaps: dict[str, tuple[str, ...]]
    feedback_email: str | None
    prepared_on: date
    reviewed_on: date


def statement(stored: dict[str, Any] | None) -> Statement:
    """The settings as stored on the city's row, with the defaults filled in."""
    stored = stored or {}
    prepared = date.fromisoformat(stored.get("prepared_on", PREPARED_ON.isoformat()))
    reviewed = stored.get("reviewed_on")
    last = date.fromisoformat(reviewed) if reviewed else max(prepared, REVIEWED_ON)
    return Statement(
        known_gaps={
            lang: tuple(stored.get(f"known_gaps_{lang}", KNOWN_GAPS[lang]))
            for lang in ("da", "en")
        },
        feedback_email=stored.get("feedback_email"),
        prepared_on=prepared,
        reviewed_on=last,
    )
