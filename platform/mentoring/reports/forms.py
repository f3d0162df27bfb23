"""The form that asks for a programme report: a period and a language."""

from __future__ import annotations

from wtforms import DateField, SelectChoice, SelectField
from wtforms.validators import InputRequired, ValidationError

from mentoring.core.forms import MentoringForm
from mentoring.core.i18n import LANGUAGE_NAMES, _l


class ReportForm(MentoringForm):
    period_start = DateField(_l("From"), validators=[InputRequired()])
    period_end = DateField(_l("To"), validators=[InputRequired()])
    locale = SelectField(
        _l("Language"),
        choices=[SelectChoice(code, name) for code, name in LANGUAGE_NAMES.items()],
    )

    def validate_period_end(self, field: DateField) -> None:
        start = self.period_start.data
        if start and field.data and field.data < start:
            raise ValidationError(_l("The period must end after it starts."))
