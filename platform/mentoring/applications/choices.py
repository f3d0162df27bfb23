"""Fixed answer lists of the application forms, and the privacy notice's version."""

from __future__ import annotations

from mentoring.core.i18n import _l

# The privacy notice an applicant consents to; change it with the notice's text.
PRIVACY_NOTICE_VERSION = "2026-12"

SECTORS = {
    "it": _l("IT and software"),
    "engineering": _l("Engineering"),
    "life_science": _l("Life science and pharma"),
    "finance": _l("Finance"),
    "education": _l("Education and research"),
    "health": _l("Health"),
    "sales": _l("Sales and marketing"),
    "public": _l("Public sector"),
    "logistics": _l("Logistics"),
    "other": _l("Other sector"),
}

SPOKEN_LANGUAGES = {
    "en": _l("English"),
    "da": _l("Danish"),
    "de": _l("German"),
    "es": _l("Spanish"),
    "fr": _l("French"),
    "ar": _l("Arabic"),
    "zh": _l("Chinese"),
    "hi": _l("Hindi"),
    "pt": _l("Portuguese"),
    "ru": _l("Russian"),
    "other": _l("Other language"),
}


def labels(choices: dict, codes: list[str] | None) -> str:
    """The translated labels of ``codes``, comma-separated, unknown codes as-is."""
    return ", ".join(str(choices.get(code, code)) for code in codes or [])


EDUCATION_LEVELS = {
    "upper_secondary": _l("Upper secondary school"),
    "vocational": _l("Vocational training"),
    "bachelor": _l("Bachelor's degree"),
    "master": _l("Master's degree"),
    "phd": _l("PhD"),
    "other": _l("Other education"),
}
