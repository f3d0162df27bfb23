"""The public application forms (mentee, mentor) and the coordinator's message form.

Labels and messages are ``_l()``: the forms are built at import time and shown
in the page's language.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from urllib.parse import urlsplit

from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    Field,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from mentoring.applications import cv_check
from mentoring.applications.choices import EDUCATION_LEVELS, SECTORS, SPOKEN_LANGUAGES
from mentoring.applications.models import DANISH_LEVELS
from mentoring.applications.pdf import MAX_CV_BYTES
from mentoring.core.forms import MentoringForm
from mentoring.core.i18n import _l


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _blank_to_none(value: Any) -> Any:
    value = _strip(value)
    return value or None


NOT_A_CHOICE = _l("Choose one of the options shown.")


class MultiCheckboxField(SelectMultipleField):
    """Several choices as checkboxes: easier on a phone than a multi-select."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("invalid_choice_message", NOT_A_CHOICE)
        super().__init__(*args, **kwargs)


class ChoiceField(SelectField):
    """A drop-down whose error for a forged value is ours (translated)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("invalid_choice_message", NOT_A_CHOICE)
        super().__init__(*args, **kwargs)


def _choices(mapping: dict) -> list[SelectChoice]:
    return [SelectChoice(code, label) for code, label in mapping.items()]


def _pick_one(mapping: dict) -> list[SelectChoice]:
    return [SelectChoice("", _l("Choose…")), *_choices(mapping)]


def _required(message: Any) -> list[Any]:
    return [DataRequired(message=message)]


def _text(label: Any, required: Any = None, max_length: int = 200, **kw: Any) -> Any:
    validators = _required(required) if required else [Optional()]
    validators.append(_max(max_length))
    return StringField(label, validators=validators, filters=[_strip], **kw)


def _long_text(label: Any, required: Any = None, **kw: Any) -> Any:
    validators = _required(required) if required else [Optional()]
    validators.append(_max(4000))
    return TextAreaField(label, validators=validators, filters=[_strip], **kw)


def _max(length: int) -> Length:
    return Length(max=length, message=_l("Use at most %(max)d characters."))


def _whole_number(label: Any, *validators: Any, **kw: Any) -> IntegerField:
    return IntegerField(
        label,
        validators=list(validators),
        invalid_value_message=_l("Enter a whole number, e.g. 3."),
        **kw,
    )


def _years(label: Any) -> IntegerField:
    return _whole_number(
        label,
        Optional(),
        NumberRange(0, 60, message=_l("Enter a number of years from 0 to 60.")),
    )


def https_url(form: MentoringForm, field: Field) -> None:
    """A web address people can open: http(s) with a host, nothing else."""
    if not field.data:
        return
    parts = urlsplit(field.data)
    if parts.scheme not in ("http", "https") or "." not in parts.netloc:
        raise ValidationError(_l("Enter the full address, starting with https://"))


def plausible_arrival(form: MentoringForm, field: Field) -> None:
    if field.data and not date(1950, 1, 1) <= field.data <= _a_year_from_now():
        raise ValidationError(_l("Enter a date between 1950 and a year from now."))


def _a_year_from_now() -> date:
    return date.today() + timedelta(days=366)  # noqa: DTZ011 - a calendar date


CV_PROBLEMS = {
    cv_check.TOO_LARGE: _l("The file is larger than 5 MB. Please send a smaller PDF."),
    cv_check.ENCRYPTED: _l(
        "The PDF is protected by a password. Please send it without the protection."
    ),
    cv_check.TOO_MANY_PAGES: _l(
        "The PDF has more than %(pages)s pages. Please send a shorter CV.",
        pages=cv_check.MAX_CV_PAGES,
    ),
    cv_check.JAVASCRIPT: _l(
        "The PDF contains scripts, which we do not accept. Please save or print it"
        " as a plain PDF and try again."
    ),
    cv_check.LAUNCH: _l(
        "The PDF tries to open other programs, which we do not accept. Please save"
        " or print it as a plain PDF and try again."
    ),
    cv_check.EMBEDDED: _l(
        "The PDF contains attached files, which we do not accept. Please send the"
        " CV without attachments."
    ),
    cv_check.RICH_MEDIA: _l(
        "The PDF contains video, sound or 3D content, which we do not accept."
        " Please send a plain PDF."
    ),
    cv_check.XFA: _l(
        "The PDF is a fillable XFA form, which we do not accept. Please print it"
        " to a plain PDF and try again."
    ),
}


def pdf_content(form: MentoringForm, field: Field) -> None:
    """The upload must BE a harmless PDF (parsed, ``cv_check``); keeps the bytes."""
    data = field.data.stream.read(MAX_CV_BYTES + 1)
    problem = cv_check.cv_problem(data)
    if problem in CV_PROBLEMS:
        raise ValidationError(CV_PROBLEMS[problem])
    if problem is not None:
        raise ValidationError(
            _l("The file is not a PDF. Please upload your CV as a PDF.")
        )
    field.content = data


class ApplicationForm(MentoringForm):
    """What every applicant answers: who they are, and their consent."""

    full_name = _text(_l("Full name"), _l("Please enter your name."))
    email = EmailField(
        _l("E-mail"),
        validators=[
            DataRequired(message=_l("Please enter your e-mail address.")),
            Email(message=_l("Please enter a valid e-mail address.")),
            _max(254),
        ],
        filters=[_strip],
    )
    phone = StringField(
        _l("Phone (optional)"),
        validators=[
            Optional(),
            _max(40),
            Regexp(
                r"^\+?[0-9 ()\-]{6,}$",
                message=_l("Enter a phone number with digits, e.g. +45 12 34 56 78."),
            ),
        ],
        filters=[_blank_to_none],
    )
    years_experience = _years(_l("Years of work experience"))
    languages = MultiCheckboxField(
        _l("Languages you speak"),
        choices=_choices(SPOKEN_LANGUAGES),
        validators=[DataRequired(message=_l("Choose at least one language."))],
    )
    consent = BooleanField(
        _l("I agree that the city keeps and uses my answers as described."),
        validators=[
            DataRequired(message=_l("Please agree to the privacy notice to apply."))
        ],
    )


class MenteeApplicationForm(ApplicationForm):
    education = ChoiceField(
        _l("Highest education"),
        choices=_pick_one(EDUCATION_LEVELS),
        validators=_required(_l("Please choose your education.")),
    )
    field_of_study = _text(
        _l("Field of education"), description=_l("E.g. chemistry, law, marketing.")
    )
    profession = _text(_l("Profession"), _l("Please enter your profession."))
    target_sectors = MultiCheckboxField(
        _l("Sectors you would like to work in"),
        choices=_choices(SECTORS),
        validators=[DataRequired(message=_l("Choose at least one sector."))],
    )
    target_roles = _text(
        _l("Jobs you are looking for"),
        max_length=300,
        description=_l("E.g. project manager, lab technician."),
    )
    danish_level = ChoiceField(
        _l("Your Danish"),
        choices=_pick_one(DANISH_LEVELS),
        validators=_required(_l("Please choose how well you speak Danish.")),
    )
    arrived_on = DateField(
        _l("Arrival in Denmark (optional)"),
        validators=[Optional(), plausible_arrival],
        invalid_value_message=_l("Enter a date, e.g. 1 March 2026."),
        description=_l("Roughly is fine, e.g. the first of the month."),
    )
    partner_employer = _text(_l("Your partner's employer in Denmark (optional)"))
    linkedin = URLField(
        _l("LinkedIn profile (optional)"),
        validators=[Optional(), _max(300), https_url],
        filters=[_blank_to_none],
    )
    goals = _long_text(
        _l("What would you like to get out of the programme?"),
        _l("Please tell us your goals."),
    )
    cv = FileField(
        _l("Your CV (PDF, at most 5 MB)"),
        validators=[
            FileRequired(message=_l("Please add your CV as a PDF.")),
            pdf_content,
        ],
    )


class MentorApplicationForm(ApplicationForm):
    job_title = _text(_l("Job title"), _l("Please enter your job title."))
    employer = _text(_l("Employer"), _l("Please enter your employer."))
    sector = ChoiceField(
        _l("Sector"),
        choices=_pick_one(SECTORS),
        validators=_required(_l("Please choose your sector.")),
    )
    help_with = _long_text(
        _l("What can you help a mentee with?"),
        description=_l("E.g. your network, CVs, job interviews, Danish work culture."),
    )
    motivation = _long_text(
        _l("Why would you like to be a mentor?"),
        _l("Please tell us your motivation."),
    )
    earlier_cohorts = _whole_number(
        _l("How many cohorts have you been a mentor in before?"),
        InputRequired(message=_l("Enter a number, 0 if this is your first time.")),
        NumberRange(0, 50, message=_l("Enter a number from 0 to 50.")),
        default=0,
    )


FORMS = {"mentee": MenteeApplicationForm, "mentor": MentorApplicationForm}


class MessageTemplateForm(MentoringForm):
    subject = _text(_l("Subject"), _l("Please enter a subject."))
    body = _long_text(_l("Message"), _l("Please enter the message."))
