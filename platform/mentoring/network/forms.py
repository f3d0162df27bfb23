"""The operator's forms: a tracked city, its stage, and onboarding a new city.

Onboarding is validated by the very rules that check ``tenant.toml``
(``tenancy.config``'s pure checks); here they only get translated messages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from flask_wtf.file import FileField
from wtforms import (
    DateField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from mentoring.core.forms import MentoringForm
from mentoring.core.i18n import LANGUAGE_NAMES, _, _l
from mentoring.network.models import STAGE_LABELS
from mentoring.tenancy import config as rules


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


def _lower(value: str | None) -> str | None:
    return value.strip().lower() if isinstance(value, str) else value


def rule_message(error: rules.InvalidValue) -> str:
    """The translated message for a broken tenant rule (its ``code``)."""
    messages = {
        "subdomain": _(
            "Use lower-case letters, digits and hyphens (at most 63), starting"
            " and ending with a letter or digit."
        ),
        "reserved": _("This address is reserved for the service itself."),
        "host": _("Enter host names such as mentor.city.dk, one per line."),
        "color": _("Enter a colour as # and six hexadecimal digits, e.g. #1A5276."),
        "email": _("Enter an e-mail address such as name@city.dk."),
        "timezone": _("Enter a time zone such as Europe/Copenhagen."),
        "share": _("Enter a share between 0 and 100 percent."),
        "logo_svg": _("The logo must be an SVG image."),
        "logo_active": _(
            "The logo may not contain scripts, links, event handlers or a"
            " document type."
        ),
    }
    if error.code == "contrast":
        return _(
            "White text on this colour has a contrast of %(ratio)s:1; it needs at"
            " least %(minimum)s:1 (WCAG AA). Choose a darker colour.",
            **error.params,
        )
    if error.code == "logo_size":
        return _(
            "The logo is too large (at most %(kb)s kB).",
            kb=rules.MAX_LOGO_BYTES // 1000,
        )
    return messages.get(error.code, _("Invalid input."))


def rule(check: Callable[[Any], Any]) -> Callable[[Any, Any], None]:
    """A WTForms validator from one of ``tenancy.config``'s checks."""

    def validate(form: Any, field: Any) -> None:
        if field.data:
            try:
                check(field.data)
            except rules.InvalidValue as exc:
                raise ValidationError(rule_message(exc)) from exc

    return validate


def _choices(labels: dict[str, Any]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in labels.items()]


def _stage_choices() -> list[SelectChoice]:
    return _choices(STAGE_LABELS)


class TrackedCityForm(MentoringForm):
    """A city or region the network tracks, with its stage and a short note."""

    name = StringField(
        _l("City or region"),
        filters=[_strip],
        validators=[DataRequired(), Length(max=200)],
    )
    region = StringField(
        _l("Region (optional)"), filters=[_strip], validators=[Length(max=200)]
    )
    stage = SelectField(_l("Stage"), choices=_stage_choices, default="informed")
    informed_on = DateField(_l("Informed on"), validators=[Optional()])
    note = TextAreaField(
        _l("Note"),
        filters=[_strip],
        validators=[Length(max=500)],
        description=_l("Short: who you spoke to, what comes next."),
    )


class StageForm(MentoringForm):
    """Move a tracked city to another stage (its date is stamped)."""

    stage = SelectField(_l("Stage"), choices=_stage_choices)


class OnboardingForm(MentoringForm):
    """A new city, as ``tenant.toml`` describes one, plus its first coordinator."""

    name_da = StringField(
        _l("Name in Danish"),
        filters=[_strip],
        validators=[DataRequired(), Length(max=200)],
    )
    name_en = StringField(
        _l("Name in English"),
        filters=[_strip],
        validators=[DataRequired(), Length(max=200)],
    )
    subdomain = StringField(
        _l("Subdomain"),
        filters=[_lower],
        validators=[DataRequired(), Length(max=63), rule(rules.check_subdomain)],
        description=_l("The first part of the city's web address, e.g. vejle."),
    )
    custom_domains = TextAreaField(
        _l("Own domains (optional)"),
        filters=[_lower],
        validators=[Length(max=2000)],
        description=_l("One host name per line, e.g. mentor.city.dk."),
    )
    primary_color = StringField(
        _l("Primary colour"),
        filters=[_strip],
        default="#1A5276",
        validators=[DataRequired(), rule(rules.check_primary_color)],
        description=_l("White text must be readable on it (contrast 4.5:1)."),
    )
    accent_color = StringField(
        _l("Accent colour"),
        filters=[_strip],
        default="#F4D03F",
        validators=[DataRequired(), rule(rules.check_color)],
    )
    logo_file = FileField(_l("Logo (SVG file)"))
    logo_text = TextAreaField(
        _l("…or paste the logo's SVG"),
        filters=[_strip],
        validators=[rule(rules.check_logo)],
        description=_l("A plain SVG image: no scripts, links or event handlers."),
    )
    default_language = SelectField(
        _l("Default language"), choices=_choices(LANGUAGE_NAMES), default="da"
    )
    timezone = StringField(
        _l("Time zone"),
        filters=[_strip],
        default="Europe/Copenhagen",
        validators=[DataRequired(), Length(max=64), rule(rules.check_timezone)],
    )
    contact_organisation = StringField(
        _l("Organisation running the programme"),
        filters=[_strip],
        validators=[DataRequired(), Length(max=200)],
    )
    contact_email = StringField(
        _l("The city's contact e-mail"),
        filters=[_lower],
        validators=[DataRequired(), Length(max=254), rule(rules.check_email)],
        description=_l("The city's own address (shown on its pages), not a person's."),
    )
    coordinator_name = StringField(
        _l("First coordinator's name"),
        filters=[_strip],
        validators=[DataRequired(), Length(max=200)],
    )
    coordinator_email = StringField(
        _l("First coordinator's e-mail"),
        filters=[_lower],
        validators=[DataRequired(), Length(max=254), rule(rules.check_email)],
        description=_l("They get an invitation to choose a password."),
    )
    tracked = SelectField(_l("Tracker row"), choices=[], validate_choice=True)

    # Filled by the view: (slugs, hosts) already used in the database and in files.
    taken_in_database: tuple[set[str], set[str]] = (set(), set())
    taken_in_files: tuple[set[str], set[str]] = (set(), set())
    criterion_keys: tuple[str, ...] = ()

    def validate_subdomain(self, field: Any) -> None:
        self._refuse_taken(field.data, include_slug=True)

    def validate_custom_domains(self, field: Any) -> None:
        for host in self.domain_list():
            try:
                rules.check_host(host)
            except rules.InvalidValue as exc:
                raise ValidationError(rule_message(exc)) from exc
            self._refuse_taken(host, include_slug=False)

    def validate_logo_text(self, field: Any) -> None:
        if not self.logo_svg():
            raise ValidationError(_("Upload the city's logo or paste its SVG."))

    def validate_logo_file(self, field: Any) -> None:
        upload = field.data
        if not upload or not getattr(upload, "filename", ""):
            return
        try:
            rules.check_logo(self.uploaded_logo())
        except rules.InvalidValue as exc:
            raise ValidationError(rule_message(exc)) from exc

    def _refuse_taken(self, name: str, *, include_slug: bool) -> None:
        file_slugs, file_hosts = self.taken_in_files
        slugs, hosts = self.taken_in_database
        if name in file_hosts or (include_slug and name in file_slugs):
            raise ValidationError(
                _("A city configured in files (tenants/) already uses this address.")
            )
        if name in hosts or (include_slug and name in slugs):
            raise ValidationError(_("Another city already uses this address."))

    def domain_list(self) -> list[str]:
        return [
            line.strip()
            for line in (self.custom_domains.data or "").splitlines()
            if line.strip()
        ]

    def uploaded_logo(self) -> str:
        """The uploaded file's text ('' without one); bytes that are no UTF-8 fail."""
        upload = self.logo_file.data
        if not upload or not getattr(upload, "filename", ""):
            return ""
        raw = upload.read(rules.MAX_LOGO_BYTES + 1)
        upload.seek(0)
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            raise rules.InvalidValue("logo_svg", "not UTF-8") from None

    def logo_svg(self) -> str:
        """The logo: the uploaded file, else the pasted text."""
        try:
            return self.uploaded_logo() or (self.logo_text.data or "")
        except rules.InvalidValue:
            return ""

    def criteria(self) -> dict[str, float]:
        """Each success criterion as a share (the form asks for percent)."""
        return {
            key: getattr(self, f"criterion_{key}").data / 100
            for key in self.criterion_keys
        }


def onboarding_form(
    measures: Iterable[Any], tracked: list[tuple[str, str]]
) -> OnboardingForm:
    """The form with one percent field per success measure.

    ``measures`` are passed in (``results.measures.WITH_CRITERION``), each with
    ``key``, ``title()`` and a default ``criterion``: the form asks what
    ``tenant.toml``'s ``success_criteria`` holds.
    """
    measures = list(measures)

    class Form(OnboardingForm):
        criterion_keys = tuple(m.key for m in measures)

    for measure in measures:
        setattr(
            Form,
            f"criterion_{measure.key}",
            IntegerField(
                _("%(measure)s (least share, percent)", measure=measure.title()),
                default=round(measure.criterion * 100),
                validators=[
                    InputRequired(
                        message=_l("Enter a share between 0 and 100 percent.")
                    ),
                    NumberRange(
                        0, 100, message=_l("Enter a share between 0 and 100 percent.")
                    ),
                ],
            ),
        )
    form = Form()
    new_row = SelectChoice("", _("Add a new row to the tracker"))
    form.tracked.choices = [new_row, *(SelectChoice(v, label) for v, label in tracked)]
    return form
