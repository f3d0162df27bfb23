"""The coordinator's form to add the city's own question to a survey."""

from __future__ import annotations

import re
import unicodedata

from wtforms import SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from mentoring.core.forms import MentoringForm
from mentoring.core.i18n import _l
from mentoring.surveys.instruments import KINDS, Choice, Question

KIND_LABELS = {
    "scale": _l("Scale from 1 to 5"),
    "yes_no": _l("Yes or no"),
    "single": _l("One choice"),
    "multi": _l("Several choices"),
    "text": _l("Free text"),
}
WITH_CHOICES = ("single", "multi")


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def slug(text: str, taken: set[str], prefix: str = "") -> str:
    """A stable, readable key for ``text`` that is not in ``taken``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore")
    base = prefix + (
        re.sub(r"[^a-z0-9]+", "_", ascii_text.decode().lower()).strip("_") or "question"
    )
    base = base[:40]
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


class OwnQuestionForm(MentoringForm):
    """Kind, texts in Danish and English, and choices one per line if needed."""

    survey = SelectField(_l("Survey"), choices=[])
    kind = SelectField(
        _l("Kind of answer"),
        choices=[SelectChoice(k, v) for k, v in KIND_LABELS.items()],
    )
    text_da = StringField(
        _l("Question in Danish"),
        filters=[_strip],
        validators=[
            DataRequired(_l("Write the question in Danish.")),
            Length(max=500),
        ],
    )
    text_en = StringField(
        _l("Question in English"),
        filters=[_strip],
        validators=[
            DataRequired(_l("Write the question in English.")),
            Length(max=500),
        ],
    )
    choices_da = TextAreaField(
        _l("Choices in Danish"),
        description=_l("For one or several choices: one choice per line."),
    )
    choices_en = TextAreaField(
        _l("Choices in English"),
        description=_l("The same choices in the same order, one per line."),
    )

    def validate(self, extra_validators: object = None) -> bool:  # type: ignore[override]
        ok = super().validate(extra_validators)  # type: ignore[arg-type]
        return self._check_choices() and ok

    def _check_choices(self) -> bool:
        da, en = _lines(self.choices_da.data), _lines(self.choices_en.data)
        if self.kind.data not in WITH_CHOICES:
            if da or en:
                self.choices_da.errors = [
                    _l("Only questions with one or several choices have choices.")
                ]
                return False
            return True
        if len(da) < 2:
            self.choices_da.errors = [_l("Give at least two choices, one per line.")]
            return False
        if len(da) != len(en):
            self.choices_en.errors = [
                _l("Give as many English choices as Danish ones, in the same order.")
            ]
            return False
        return True

    def question(self, taken: set[str]) -> Question:
        """The new question, with a key not in ``taken`` (the survey's keys)."""
        values: set[str] = set()
        choices = []
        for da, en in zip(
            _lines(self.choices_da.data), _lines(self.choices_en.data), strict=False
        ):
            value = slug(en, values)
            values.add(value)
            choices.append(Choice(value, da, en))
        key = slug(self.text_en.data or "", taken, prefix="own_")
        kind = self.kind.data if self.kind.data in KINDS else "text"
        return Question(key, kind, self.text_da.data, self.text_en.data, tuple(choices))
