"""The form that asks for a programme report: a period, a language and the
coordinator's narrative in each language."""

from __future__ import annotations

from wtforms import DateField, SelectChoice, SelectField, TextAreaField
from wtforms.validators import InputRequired, Length, ValidationError

from mentoring.core.forms import MentoringForm
from mentoring.core.i18n import LANGUAGE_NAMES, _l

NARRATIVE_LENGTH = 2000


class ReportForm(MentoringForm):
    period_start = DateField(_l("From"), validators=[InputRequired()])
    period_end = DateField(_l("To"), validators=[InputRequired()])
    locale = SelectField(
        _l("Language"),
        choices=[SelectChoice(code, name) for code, name in LANGUAGE_NAMES.items()],
    )

    narrative_da = TextAreaField(
        _l("Narrative in Danish"),
        description=_l("A few sentences for the funder, shown in a Danish report."),
        validators=[Length(max=NARRATIVE_LENGTH)],
    )
    narrative_en = TextAreaField(
        _l("Narrative in English"),
        description=_l("The same in English, shown in an English report."),
        validators=[Length(max=NARRATIVE_LENGTH)],
    )

    def narrative(self) -> dict[str, str]:
        """The narrative by language, without empty ones."""
        texts = {"da": self.narrative_da.data, "en": self.narrative_en.data}
        return {
            code: text.strip() for code, text in texts.items() if text and text.strip()
        }

    def validate_period_end(self, field: DateField) -> None:
        start = self.period_start.data
        if start and field.data and field.data < start:
            raise ValidationError(_l("The period must end after it starts."))
