"""Sign-in and password forms (Flask-WTF: CSRF on every POST)."""

from __future__ import annotations

from typing import Any

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


def _strong(form: SetPasswordForm, field: PasswordField) -> None:
    problem = password_problem(field.data or "", form.email, form.city_names)
    if problem == "too_short":
        raise ValidationError(_l("Use at least %(n)d characters.", n=MIN_LENGTH))
    if problem == "too_long":
        raise ValidationError(_l("Use at most %(n)d characters.", n=MAX_LENGTH))
    if problem == "too_simple":
        raise ValidationError(_l("Use a less repetitive password."))
    if problem == "common":
        raise ValidationError(
            _l("This password is one of the most common ones. Choose another.")
        )
    if problem == "like_email":
        raise ValidationError(_l("Do not use your e-mail address as the password."))
    if problem == "city_name":
        raise ValidationError(
            _l("Do not use the city's name in the password: it is easy to guess.")
        )


class SetPasswordForm(MentoringForm):
    """``email`` and ``city_names``: what the new password may not be or contain."""

    def __init__(
        self, *args: Any, email: str | None = None, city_names: Any = (), **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        self.email = email
        self.city_names = tuple(city_names)

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
