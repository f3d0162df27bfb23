"""The base of every form: bad input is refused in the page's language.

Every form inherits ``MentoringForm``, so no form can forget the checks:

- text fields refuse NUL bytes and other control characters (PostgreSQL refuses
  NUL: a 500 instead of a message), and one-line fields refuse line breaks (a
  title with a newline would break the subject of every e-mail it is in);
  ``TextAreaField`` keeps line breaks and tabs;
- date and date-time fields accept the years 1900-2100 only (year 1 or 9999
  overflows when a local time is turned into UTC);
- whole numbers stay within what the database stores;
- WTForms' own messages ("This field is required.", "Not a valid choice.") are
  looked up in our catalog: WTForms ships no Danish.

The checks run before the field's own validators and stop them, so a bad value
never reaches a validator that queries the database.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import gettext
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DateTimeField,
    Field,
    IntegerField,
    StringField,
    TextAreaField,
)
from wtforms.validators import StopValidation

from mentoring.core.i18n import N_, _
from mentoring.core.text import CONTROL, LINE_BREAK, text_problem, year_in_range

# A 32-bit integer column holds at most this (PostgreSQL: "integer out of range").
MAX_INTEGER = 2**31 - 1

# WTForms' messages, for our catalog (its msgids; Danish and English share the
# plural rule n != 1, so a plural is picked by n and looked up as a message).
WTFORMS_MESSAGES = (
    N_("This field is required."),
    N_("Invalid input."),
    N_("Invalid email address."),
    N_("Invalid URL."),
    N_("Invalid UUID."),
    N_("Field must be equal to %(other_name)s."),
    N_("Field must be at least %(min)d character long."),
    N_("Field must be at least %(min)d characters long."),
    N_("Field cannot be longer than %(max)d character."),
    N_("Field cannot be longer than %(max)d characters."),
    N_("Field must be exactly %(max)d character long."),
    N_("Field must be exactly %(max)d characters long."),
    N_("Field must be between %(min)d and %(max)d characters long."),
    N_("Number must be at least %(min)s."),
    N_("Number must be at most %(max)s."),
    N_("Number must be between %(min)s and %(max)s."),
    N_("Date must be at least %(min)s."),
    N_("Date must be at most %(max)s."),
    N_("Date must be between %(min)s and %(max)s."),
    N_("Invalid value, must be one of: %(values)s."),
    N_("Invalid value, can't be any of: %(values)s."),
    N_("This field cannot be edited."),
    N_("This field is disabled and cannot have a value."),
    N_("Not a valid choice."),
    N_("Invalid Choice: could not coerce."),
    N_("Invalid choice(s): one or more data inputs could not be coerced."),
    N_("'%(value)s' is not a valid choice for this field."),
    N_("'%(value)s' are not valid choices for this field."),
    N_("Not a valid datetime value."),
    N_("Not a valid date value."),
    N_("Not a valid time value."),
    N_("Not a valid week value."),
    N_("Not a valid integer value."),
    N_("Not a valid decimal value."),
    N_("Not a valid float value."),
)


class CatalogTranslations:
    """WTForms' ``translations`` interface, answered from our catalog."""

    def gettext(self, string: str) -> str:
        return gettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return gettext(singular if n == 1 else plural)


TRANSLATIONS = CatalogTranslations()


def refuse_bad_text(form: Any, field: Field) -> None:
    """NUL and control characters nowhere; line breaks only in a text area."""
    if not isinstance(field.data, str):
        return
    problem = text_problem(field.data, multiline=isinstance(field, TextAreaField))
    if problem == LINE_BREAK:
        raise StopValidation(_("Write this on one line, without line breaks."))
    if problem == CONTROL:
        raise StopValidation(
            _("Remove the invisible control character (such as a NUL byte).")
        )


def refuse_odd_year(form: Any, field: Field) -> None:
    # TimeField is a DateTimeField too: its time of day has no year.
    if isinstance(field.data, date) and not year_in_range(field.data):
        raise StopValidation(_("Enter a date between the years 1900 and 2100."))


def refuse_huge_number(form: Any, field: Field) -> None:
    if field.data is not None and abs(field.data) > MAX_INTEGER:
        raise StopValidation(_("Enter a smaller number."))


def guard_for(field: Field) -> Any:
    """The check that runs first for ``field``, or ``None``."""
    if isinstance(field, StringField):
        return refuse_bad_text
    if isinstance(field, DateField | DateTimeField):
        return refuse_odd_year
    if isinstance(field, IntegerField):
        return refuse_huge_number
    return None


class MentoringForm(FlaskForm):
    """Every form's base: see the module's docstring."""

    class Meta:
        def get_translations(self, form: Any) -> CatalogTranslations:
            return TRANSLATIONS

        def bind_field(self, form: Any, unbound_field: Any, options: Any) -> Field:
            field = super().bind_field(form, unbound_field, options)  # type: ignore[misc]
            guard = guard_for(field)
            if guard is not None:
                field.validators = [guard, *field.validators]
            return field
