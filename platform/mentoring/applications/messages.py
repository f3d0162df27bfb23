"""Decision e-mails a city words itself: default texts and safe placeholders.

Pure rules: no Flask, no database. The texts are data per language (a city
edits them), so the defaults are written out in both languages here rather
than translated through the catalog.
"""

from __future__ import annotations

import re

MESSAGE_KINDS = ("waitlisted", "rejected")
PLACEHOLDERS = ("{name}", "{cohort}")
_PLACEHOLDER = re.compile(r"\{(name|cohort)\}")

DEFAULT_MESSAGES: dict[tuple[str, str], tuple[str, str]] = {
    ("waitlisted", "en"): (
        "Your application: waiting list for {cohort}",
        "Dear {name},\n\n"
        "Thank you for applying to {cohort}. Right now all places are taken, "
        "so we have put you on the waiting list. If a place opens up, we will "
        "write to you straight away.\n\n"
        "Kind regards,\nThe programme coordinator",
    ),
    ("waitlisted", "da"): (
        "Din ansøgning: venteliste til {cohort}",
        "Kære {name}\n\n"
        "Tak for din ansøgning til {cohort}. Lige nu er alle pladser optaget, "
        "så vi har sat dig på ventelisten. Hvis en plads bliver ledig, skriver "
        "vi til dig med det samme.\n\n"
        "Venlig hilsen\nKoordinatoren",
    ),
    ("rejected", "en"): (
        "Your application to {cohort}",
        "Dear {name},\n\n"
        "Thank you for applying to {cohort}. We had more applications than "
        "places, and we are sorry that we cannot offer you a place this time. "
        "You are welcome to apply again for a later cohort.\n\n"
        "Kind regards,\nThe programme coordinator",
    ),
    ("rejected", "da"): (
        "Din ansøgning til {cohort}",
        "Kære {name}\n\n"
        "Tak for din ansøgning til {cohort}. Vi fik flere ansøgninger, end vi "
        "har pladser, og vi kan desværre ikke tilbyde dig en plads denne gang. "
        "Du er velkommen til at søge igen til et senere forløb.\n\n"
        "Venlig hilsen\nKoordinatoren",
    ),
}


def default_message(kind: str, locale: str) -> tuple[str, str]:
    """Subject and body for ``kind`` in ``locale`` (English when unknown)."""
    return DEFAULT_MESSAGES.get((kind, locale), DEFAULT_MESSAGES[(kind, "en")])


def fill(text: str, name: str, cohort: str) -> str:
    """Replace ``{name}`` and ``{cohort}``; anything else stays as written.

    One pass of plain replacement, not ``str.format``: a city's text can hold any braces
    without breaking or reaching into objects. HTML escaping is the template's.
    """
    values = {"name": name, "cohort": cohort}
    return _PLACEHOLDER.sub(lambda match: values[match.group(1)], text)
