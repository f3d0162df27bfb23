"""Forms for events and interview slots (Flask-WTF: CSRF on every POST)."""

from __future__ import annotations

from wtforms import (
    DateField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, ValidationError

from mentoring.core.forms import MentoringForm
from mentoring.core.i18n import _l
from mentoring.events.interviews import FEEDBACK_MAX
from mentoring.events.rules import MAX_SLOTS
from mentoring.programmes.models import AUDIENCES, STEP_KINDS


def _choices(labels: dict[str, object]) -> list[SelectChoice]:
    return [SelectChoice(key, label) for key, label in labels.items()]


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


class EventForm(MentoringForm):
    """An event in the city's local time; the view turns it into UTC."""

    kind = SelectField(_l("Kind of event"), choices=_choices(STEP_KINDS))
    title_en = StringField(
        _l("Title in English"),
        validators=[
            DataRequired(message=_l("Write a title in English.")),
            Length(max=200),
        ],
        filters=[_strip],
    )
    title_da = StringField(
        _l("Title in Danish"),
        validators=[
            DataRequired(message=_l("Write a title in Danish.")),
            Length(max=200),
        ],
        filters=[_strip],
    )
    day = DateField(
        _l("Date"), validators=[DataRequired(message=_l("Choose the date."))]
    )
    starts = TimeField(
        _l("Starts at"), validators=[DataRequired(message=_l("Choose a start time."))]
    )
    ends = TimeField(
        _l("Ends at"), validators=[DataRequired(message=_l("Choose an end time."))]
    )
    location = StringField(_l("Place"), validators=[Length(max=200)], filters=[_strip])
    audience = SelectField(_l("Who is invited"), choices=_choices(AUDIENCES))
    description_en = TextAreaField(
        _l("Description in English"), validators=[Length(max=5000)]
    )
    description_da = TextAreaField(
        _l("Description in Danish"), validators=[Length(max=5000)]
    )

    def validate_ends(self, field: TimeField) -> None:
        if field.data and self.starts.data and field.data <= self.starts.data:
            raise ValidationError(_l("The event must end after it starts."))


class CancelEventForm(MentoringForm):
    """Only the confirmation (and its CSRF token): cancelling is one button."""


class SlotsForm(MentoringForm):
    """Slots of m minutes from time t, n of them, for one interviewer."""

    interviewer = SelectField(
        _l("Interviewer"),
        validators=[DataRequired(message=_l("Choose an interviewer."))],
    )
    starts = TimeField(
        _l("First slot starts at"),
        validators=[DataRequired(message=_l("Choose a start time."))],
    )
    minutes = IntegerField(
        _l("Minutes per slot"),
        default=20,
        validators=[
            NumberRange(5, 180, message=_l("Between 5 and 180 minutes.")),
        ],
    )
    count = IntegerField(
        _l("Number of slots"),
        default=4,
        validators=[
            NumberRange(
                1, MAX_SLOTS, message=_l("Between 1 and %(n)d slots.", n=MAX_SLOTS)
            ),
        ],
    )


class FeedbackForm(MentoringForm):
    feedback = TextAreaField(
        _l("Your feedback to the mentee"),
        validators=[
            DataRequired(message=_l("Write a few words of feedback.")),
            Length(max=FEEDBACK_MAX),
        ],
        description=_l("Short and concrete: what went well, what to practise."),
    )


class WalkInForm(MentoringForm):
    """Someone of the cohort who came without an invitation (choices: the view)."""

    participant = SelectField(
        _l("Someone of the cohort who was not invited"),
        validators=[DataRequired(message=_l("Choose who came."))],
    )
