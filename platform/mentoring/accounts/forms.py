"""Sign-in and password forms (Flask-WTF: CSRF on every POST)."""

from __future__ import annotations

from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

from mentoring.accounts.passwords import MAX_LENGTH, MIN_LENGTH, password_problem
from mentoring.core.forms import MentoringForm
from mentoring.core.i18n import _l


def _strip(value: str | None) -> str | None:
    """Phones often add a space after an autocompleted address."""
    return value.strip() if isinstance(value, str) else value


class LoginForm(MentoringForm):
    email = EmailField(
        _l("E-mail"),
        validators=[DataRequired(), Email(), Length(max=254)],
        filters=[_strip],
    )
    password = PasswordField(
        _l("Password"), validators=[DataRequired(), Length(max=MAX_LENGTH)]
    )


class ForgotPasswordForm(MentoringForm):
    email = EmailField(
        _l("E-mail"),
        validators=[DataRequired(), Email(), Length(max=254)],
        filters=[_strip],
    )


def _strong(form: MentoringForm, field: PasswordField) -> None:
    problem = password_problem(field.data or "")
    if problem == "too_short":
        raise ValidationError(_l("Use at least %(n)d characters.", n=MIN_LENGTH))
    if problem == "too_long":
        raise ValidationError(_l("Use at most %(n)d characters.", n=MAX_LENGTH))
    if problem == "too_simple":
        raise ValidationError(_l("Use a less repetitive password."))


class SetPasswordForm(MentoringForm):
    password = PasswordField(
        _l("New password"),
        validators=[DataRequired(), _strong],
        description=_l(
            "At least %(n)d characters. A short sentence works well.", n=MIN_LENGTH
        ),
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[
            DataRequired(),
            EqualTo("password", message=_l("The two passwords differ.")),
        ],
    )
