"""The success-criteria form: one whole percent per measure (CSRF on POST)."""

from __future__ import annotations

from wtforms import IntegerField
from wtforms.validators import InputRequired, NumberRange

from mentoring.core.forms import MentoringForm
from mentoring.core.i18n import _l
from mentoring.results.measures import WITH_CRITERION, Measure


def _percent(measure: Measure) -> IntegerField:
    message = _l("Give a percent from 0 to 100.")
    return IntegerField(
        _l(measure.label),
        description=_l("The least share of answers, in percent."),
        validators=[InputRequired(message=message), NumberRange(0, 100, message)],
        render_kw={"inputmode": "numeric", "min": 0, "max": 100},
    )


class CriteriaForm(MentoringForm):
    """One field per measure that takes a criterion, named by the measure's key."""

    def measure_fields(self) -> list[IntegerField]:
        return [self[measure.key] for measure in WITH_CRITERION]

    def shares(self) -> dict[str, float]:
        """The entered percents as shares (0-1), keyed by measure."""
        return {field.name: field.data / 100 for field in self.measure_fields()}


for _measure in WITH_CRITERION:
    setattr(CriteriaForm, _measure.key, _percent(_measure))
