"""The measures' names as people read them (translated lazily)."""

from __future__ import annotations

from mentoring.core.i18n import _l

MEASURE_LABELS = {
    "mentees_in_work_after_six_months": _l("Mentees in work six months after"),
    "mentees_in_education": _l("Mentees in education six months after"),
    "mentees_self_employed": _l("Mentees self-employed six months after"),
    "mentees_clarified": _l("Mentees with a clarified path six months after"),
    "mentees_job_seeking": _l("Mentees still job-seeking six months after"),
    "mentees_network_grown": _l("Mentees whose professional network grew"),
    "mentees_cv_improved": _l("Mentees whose CV improved"),
    "mentors_would_recommend": _l("Mentors who would recommend being a mentor"),
}


def measure_label(key: str) -> str:
    """The measure's label, or its key when a city names one we do not know."""
    return str(MEASURE_LABELS.get(key, key))
