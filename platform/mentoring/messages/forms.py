"""The composer: audience, subject and text in Danish and English."""

from __future__ import annotations

from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from mentoring.core.forms import MentoringForm
from mentoring.core.i18n import _l

BODY_MAX = 10000


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


class MessageForm(MentoringForm):
    """The audience's choices are the cohort's, set by the view."""

    audience = SelectField(
        _l("Who gets it"),
        validators=[DataRequired(message=_l("Choose who gets the message."))],
    )
    subject_da = StringField(
        _l("Subject in Danish"),
        validators=[
            DataRequired(message=_l("Write a subject in Danish.")),
            Length(max=200),
        ],
        filters=[_strip],
    )
    body_da = TextAreaField(
        _l("Message in Danish"),
        validators=[
            DataRequired(message=_l("Write the message in Danish.")),
            Length(max=BODY_MAX),
        ],
    )
    subject_en = StringField(
        _l("Subject in English"),
        validators=[
            DataRequired(message=_l("Write a subject in English.")),
            Length(max=200),
        ],
        filters=[_strip],
    )
    body_en = TextAreaField(
        _l("Message in English"),
        validators=[
            DataRequired(message=_l("Write the message in English.")),
            Length(max=BODY_MAX),
        ],
    )
    # Set by the confirmation page's "Send" button: only then is it sent.
    confirmed = HiddenField()
