"""Forms for pairing and for the meeting log (Flask-WTF: CSRF on every POST)."""

from __future__ import annotations

from datetime import date

from wtforms import (
    DateField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from mentoring.core.forms import MentoringForm
from mentoring.core.i18n import _l
from mentoring.meetings.models import MEETING_TOPICS
from mentoring.meetings.rules import (
    MAX_MINUTES,
    MAX_NOTES,
    MIN_MINUTES,
    meeting_date_problem,
)
from mentoring.programmes.models import Participant


class PairForm(MentoringForm):
    """Choices are the unpaired people; the service checks the rules again."""

    mentee = SelectField(
        _l("Mentee"),
        validate_choice=False,
        validators=[InputRequired(message=_l("Choose a mentee."))],
    )
    mentor = SelectField(
        _l("Mentor"),
        validate_choice=False,
        validators=[InputRequired(message=_l("Choose a mentor."))],
    )

    def offer(self, mentees: list[Participant], mentors: list[Participant]) -> None:
        self.mentee.choices = [SelectChoice("", ""), *_choices(mentees)]
        self.mentor.choices = [SelectChoice("", ""), *_choices(mentors)]


def _choices(people: list[Participant]) -> list[SelectChoice]:
    return [SelectChoice(str(p.id), p.user.full_name) for p in people]


class CheckboxesField(SelectMultipleField):
    """Several choices as checkboxes: easier than a multi-select on a phone."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class MeetingForm(MentoringForm):
    """One meeting; ``bounds(cohort_start, today)`` before validating the date."""

    held_on = DateField(
        _l("Date"),
        validators=[InputRequired(message=_l("Enter the date of the meeting."))],
    )
    duration_minutes = IntegerField(
        _l("Length in minutes"),
        validators=[
            InputRequired(message=_l("Enter the length in minutes.")),
            NumberRange(
                min=MIN_MINUTES,
                max=MAX_MINUTES,
                message=_l("Enter between %(min)s and %(max)s minutes."),
            ),
        ],
        render_kw={"min": MIN_MINUTES, "max": MAX_MINUTES, "inputmode": "numeric"},
    )
    topics = CheckboxesField(
        _l("Topics"),
        choices=[SelectChoice(key, label) for key, label in MEETING_TOPICS.items()],
    )
    notes = TextAreaField(
        _l("Notes"),
        description=_l("Only you and your partner can read these."),
        validators=[Length(max=MAX_NOTES)],
        render_kw={"rows": 4},
    )

    cohort_start: date = date.min
    today: date = date.max

    def bounds(self, cohort_start: date, today: date) -> MeetingForm:
        self.cohort_start, self.today = cohort_start, today
        return self

    def validate_held_on(self, field: DateField) -> None:
        if field.data is None:
            return
        problem = meeting_date_problem(field.data, self.today, self.cohort_start)
        if problem == "future":
            raise ValidationError(_l("The date cannot be in the future."))
        if problem == "before_start":
            raise ValidationError(_l("The date cannot be before the cohort started."))

    def values(self) -> dict[str, object]:
        return {
            "held_on": self.held_on.data,
            "duration_minutes": self.duration_minutes.data,
            "topics": self.topics.data or [],
            "notes": self.notes.data or "",
        }
