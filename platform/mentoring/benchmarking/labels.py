"""Names and words for the network's figures, in the page's language.

The shared success measures are named by ``results.measures``; the measures only
the network compares are named here. To name a new key, add it to
:data:`LABELS` (a fixed key) or to :data:`FAMILIES` (a prefix whose rest names an
instrument or a motivation). An unknown key still gets a readable, translated
name rather than a bare key.
"""

from __future__ import annotations

from collections.abc import Callable

from flask_babel import format_decimal, get_locale

from mentoring.benchmarking import disclosure
from mentoring.core.i18n import _, _l
from mentoring.results.measures import BY_KEY
from mentoring.surveys.instruments import INSTRUMENTS, MOTIVATIONS

LABELS = {
    "participants_mentees": _l("Mentees who took part"),
    "participants_mentors": _l("Mentors who took part"),
    "returning_mentors": _l("Mentors who mentored again"),
    "completion": _l("Pairs who completed the programme"),
    "attendance": _l("Attendance at events"),
    "meetings_per_pair": _l("Meetings per pair"),
    "mentees_momentum": _l("Mentees who gained momentum in their job search"),
    "mentees_work_culture": _l("Mentees who learnt about Danish work culture"),
    "mentees_clarity": _l("Mentees who got a clearer picture of their path"),
    "mentees_interview_skills": _l("Mentees whose job-interview skills improved"),
    "mentors_would_return": _l("Mentors who would be a mentor again"),
    "cohorts": _l("Cohorts run"),
    "cities": _l("Cities live"),
}
MOTIVATION_PREFIX = "motivation_"


def _language() -> str:
    return "en" if str(get_locale()).startswith("en") else "da"


def _instrument(rest: str) -> str | None:
    found = INSTRUMENTS.get(rest)
    if found is None:
        return None
    title = found.title_en if _language() == "en" else found.title_da
    return _("Response rate: %(survey)s", survey=title)


def motivation_name(value: str) -> str | None:
    """A motivation's own words (from the mentor survey), or None if unknown."""
    for choice in MOTIVATIONS:
        if choice.value == value:
            return choice.en if _language() == "en" else choice.da
    return None


def _motivation(rest: str) -> str | None:
    name = motivation_name(rest)
    return None if name is None else _("Mentors motivated by: %(reason)s", reason=name)


FAMILIES: dict[str, Callable[[str], str | None]] = {
    "response_rate_": _instrument,
    MOTIVATION_PREFIX: _motivation,
}


def measure_label(key: str) -> str:
    """The measure's name in the current language, whatever the key."""
    if key in BY_KEY:
        return BY_KEY[key].title()
    if key in LABELS:
        return str(LABELS[key])
    for prefix, name in FAMILIES.items():
        if key.startswith(prefix) and (found := name(key[len(prefix) :])):
            return found
    return _("Measure “%(key)s”", key=key)


def value_text(kind: str, value: float | None) -> str:
    """A published value as people read it: "45 %", "120", "2,5" (Danish)."""
    if value is None:
        return _("not published")
    if kind == "share":
        return f"{format_decimal(round(value))} %"
    if kind == "mean":
        return format_decimal(value, format="#,##0.0")
    return format_decimal(round(value))


def reason_text(code: str | None) -> str:
    """Why a figure is not published, in words (disclosure control's codes)."""
    reasons = {
        disclosure.SMALL_COUNT: _(
            "Fewer than %(n)s people: not published, so that nobody can be recognised.",
            n=disclosure.MIN_COUNT,
        ),
        disclosure.SMALL_BASE: _(
            "Fewer than %(n)s people answered: too few for a share.",
            n=disclosure.MIN_BASE,
        ),
        disclosure.SMALL_COMPLEMENT: _(
            "Almost everyone or almost nobody: the share would tell about individuals."
        ),
        disclosure.FEW_CITIES: _(
            "Fewer than %(n)s cities contributed: the network's figure would show"
            " a single city's.",
            n=disclosure.MIN_CITIES,
        ),
        disclosure.SECONDARY: _(
            "Hidden so that another hidden figure cannot be worked out from it."
        ),
    }
    return reasons.get(code or "", _("Not published."))


def template_helpers() -> dict[str, Callable[..., str]]:
    """What the benchmark templates use to word figures (a context processor)."""
    return {
        "measure_label": measure_label,
        "value_text": value_text,
        "reason_text": reason_text,
    }
