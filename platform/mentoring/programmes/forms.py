"""Forms for the city's cohort template and its cohorts (Flask-WTF: CSRF on POST)."""

from __future__ import annotations

from typing import Any

from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    ValidationError,
)

from mentoring.core.forms import MentoringForm
from mentoring.core.i18n import _l
from mentoring.programmes.models import AUDIENCES, PARTICIPANT_ROLES, STEP_KINDS


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


def _number(label: Any, low: int, high: int, **kwargs: Any) -> IntegerField:
    message = _l("Enter a whole number from %(min)d to %(max)d.", min=low, max=high)
    return IntegerField(
        label,
        validators=[
            InputRequired(message=message),
            NumberRange(min=low, max=high, message=message),
        ],
        **kwargs,
    )


def _choices(labels: dict[str, Any]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in labels.items()]


def _text(label: Any, max_length: int, required: bool = False) -> StringField:
    validators: list[Any] = [Length(max=max_length)]
    if required:
        validators.insert(0, DataRequired(message=_l("This field is required.")))
    return StringField(label, validators=validators, filters=[_strip])


class TemplateForm(MentoringForm):
    """The city's defaults for every new cohort."""

    mentee_capacity = _number(_l("Mentees per cohort"), 1, 200)
    mentor_capacity = _number(_l("Mentors per cohort"), 1, 200)
    duration_weeks = _number(
        _l("Length of a cohort in weeks"),
        1,
        104,
        description=_l("From the kickoff to the closing event."),
    )
    nudge_after_weeks = _number(
        _l("Nudge a pair after this many quiet weeks"),
        1,
        26,
        description=_l("At twice as many weeks the coordinator is alerted."),
    )


class StepForm(MentoringForm):
    """One programme step of the template, in both languages."""

    kind = SelectField(_l("Kind of step"), choices=_choices(STEP_KINDS))
    offset_days = _number(
        _l("Day, counted from the cohort's start"),
        -365,
        365,
        description=_l("0 is the start (the kickoff); -7 is a week before it."),
    )
    start_time = TimeField(
        _l("Starts at (local time)"),
        validators=[InputRequired(message=_l("Enter a time such as 17:00."))],
        format=["%H:%M", "%H:%M:%S"],
        invalid_value_message=_l("Enter a time such as 17:00."),
    )
    duration_minutes = _number(_l("Length in minutes"), 15, 720)
    audience = SelectField(_l("For"), choices=_choices(AUDIENCES))
    title_da = _text(_l("Title in Danish"), 200, required=True)
    title_en = _text(_l("Title in English"), 200, required=True)
    description_da = TextAreaField(
        _l("Description in Danish"), validators=[Length(max=2000)], filters=[_strip]
    )
    description_en = TextAreaField(
        _l("Description in English"), validators=[Length(max=2000)], filters=[_strip]
    )
    location = _text(_l("Place"), 200)

    def values(self) -> dict[str, Any]:
        """The step's columns, ready for the model."""
        data = {name: self[name].data for name in STEP_FIELDS}
        data["start_time"] = self.start_time.data.strftime("%H:%M")
        data["description_da"] = data["description_da"] or ""
        data["description_en"] = data["description_en"] or ""
        data["location"] = data["location"] or ""
        return data


STEP_FIELDS = (
    "kind",
    "offset_days",
    "start_time",
    "duration_minutes",
    "audience",
    "title_da",
    "title_en",
    "description_da",
    "description_en",
    "location",
)


class CohortForm(MentoringForm):
    """A new cohort: its name, start and capacity (prefilled from the template)."""

    name = _text(_l("Name"), 120, required=True)
    starts_on = DateField(
        _l("Start date (the kickoff)"),
        validators=[InputRequired(message=_l("Enter a date."))],
        invalid_value_message=_l("Enter a date."),
    )
    mentee_capacity = _number(_l("Places for mentees"), 1, 200)
    mentor_capacity = _number(_l("Places for mentors"), 1, 200)


class CohortEditForm(CohortForm):
    """An existing cohort: also its end and how soon quiet pairs are nudged."""

    ends_on = DateField(
        _l("End date"),
        validators=[InputRequired(message=_l("Enter a date."))],
        invalid_value_message=_l("Enter a date."),
    )
    nudge_after_weeks = _number(_l("Nudge a pair after this many quiet weeks"), 1, 26)

    def validate_ends_on(self, field: DateField) -> None:
        if field.data and self.starts_on.data and field.data < self.starts_on.data:
            raise ValidationError(_l("The end date cannot be before the start date."))


class StatusForm(MentoringForm):
    """A status change; closing needs the explicit confirmation."""

    status = HiddenField()
    confirm = BooleanField(
        _l("I understand that a closed cohort cannot be opened again.")
    )


# -- the city's people ----------------------------------------------------------

LANGUAGES = {"da": _l("Danish"), "en": _l("English")}
LANGUAGE_CHOICES = _choices(LANGUAGES)


def _email_field() -> EmailField:
    return EmailField(
        _l("E-mail"),
        validators=[DataRequired(), Email(), Length(max=254)],
        filters=[_strip],
    )


def _name_field() -> StringField:
    return StringField(
        _l("Name"), validators=[DataRequired(), Length(max=200)], filters=[_strip]
    )


class PersonForm(MentoringForm):
    """A person's details, as the coordinator edits them."""

    full_name = _name_field()
    email = _email_field()
    phone = StringField(_l("Phone"), validators=[Length(max=40)], filters=[_strip])
    locale = SelectField(_l("Language of e-mails"), choices=LANGUAGE_CHOICES)


class WithdrawForm(MentoringForm):
    reason = StringField(
        _l("Reason"),
        validators=[DataRequired(), Length(max=200)],
        filters=[_strip],
        description=_l("A few words for the cohort's records, e.g. “found a job”."),
    )


class AddParticipantForm(MentoringForm):
    """A person without an application: the city's account with this e-mail,
    or a new one (its name and language are then used)."""

    email = _email_field()
    full_name = _name_field()
    role = SelectField(_l("Role"), choices=_choices(PARTICIPANT_ROLES))
    locale = SelectField(_l("Language of e-mails"), choices=LANGUAGE_CHOICES)


class InviteCoordinatorForm(MentoringForm):
    full_name = _name_field()
    email = _email_field()
    locale = SelectField(_l("Language of e-mails"), choices=LANGUAGE_CHOICES)


class ConfirmForm(MentoringForm):
    """A button that only carries the CSRF token (deactivate, reactivate)."""
