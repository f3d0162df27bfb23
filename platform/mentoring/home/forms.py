"""Forms of the coordinator's pages that bring the domains together."""

from __future__ import annotations

from wtforms import RadioField, SelectChoice

from mentoring.core.forms import MentoringForm
from mentoring.core.i18n import _l


class DigestForm(MentoringForm):
    """The coordinator's own choice: the daily digest e-mail on or off."""

    gets_digest = RadioField(
        _l("Daily e-mail with new applications and interview bookings"),
        choices=[SelectChoice("on", _l("On")), SelectChoice("off", _l("Off"))],
    )
