"""Privacy forms: buttons that carry the CSRF token and, to erase, a confirmation."""

from __future__ import annotations

from wtforms import HiddenField

from mentoring.core.forms import MentoringForm
from mentoring.core.i18n import _l


class ButtonForm(MentoringForm):
    """Ask for erasure, withdraw a consent: only the CSRF token."""


class EraseForm(MentoringForm):
    """The second POST of "erase this person": says yes, explicitly."""

    confirm = HiddenField()

    def validate_confirm(self, field: HiddenField) -> None:
        from wtforms.validators import ValidationError

        if field.data != "yes":
            raise ValidationError(_l("Confirm the erasure to go on."))
