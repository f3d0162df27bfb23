"""The success-criteria form: one whole percent per measure (CSRF on POST)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import IntegerField
from wtforms.validators import InputRequired, NumberRange

from mentoring.core.i18n import _l
from mentoring.results.labels import MEASURE_LABELS
from mentoring.tenancy.config import SUCCESS_MEASURES


def _percent(measure: str) -> IntegerField:
    message = _l("Give a percent from 0 to 100.")
    return IntegerField(
        MEASURE_LABELS[measure],
        description=_l("The least share of answers, in percent."),
        validators=[InputRequired(message=message), NumberRange(0, 100, message)],
        render_kw={"inputmode": "numeric", "min": 0, "max": 100},
    )


class CriteriaForm(FlaskForm):
    """One field per measure in SUCCESS_MEASURES, named by the measure's key."""

    mentees_in_work_after_six_months = _percent("mentees_in_work_after_six_months")
    mentees_network_grown = _percent("mentees_network_grown")
    mentors_would_recommend = _percent("mentors_would_recommend")

    def measure_fields(self) -> list[IntegerField]:
        return [self[measure] for measure in SUCCESS_MEASURES]

    def shares(self) -> dict[str, float]:
        """The entered percents as shares (0-1), keyed by measure."""
        return {field.name: field.data / 100 for field in self.measure_fields()}
