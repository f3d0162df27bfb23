"""The city's sharing form: share or not, named or under the pseudonym."""

from __future__ import annotations

from wtforms import RadioField, SelectChoice
from wtforms.validators import InputRequired

from mentoring.core.forms import MentoringForm
from mentoring.core.i18n import _l

YES, NO = "yes", "no"
NAMED, PSEUDONYM = "named", "pseudonym"


class SharingForm(MentoringForm):
    """Two choices; anything but the offered values is refused with a message."""

    shares = RadioField(
        _l("Share the city's figures with the network"),
        choices=[
            SelectChoice(YES, _l("Yes, share them")),
            SelectChoice(NO, _l("No, do not share them")),
        ],
        validators=[InputRequired(message=_l("Choose whether to share."))],
    )
    named = RadioField(
        _l("How the city appears to the network"),
        choices=[
            SelectChoice(NAMED, _l("Under the city's name")),
            SelectChoice(PSEUDONYM, _l("Under the city's pseudonym")),
        ],
        validators=[InputRequired(message=_l("Choose how the city appears."))],
    )

    def fill(self, shares: bool, named: bool) -> None:
        self.shares.data = YES if shares else NO
        self.named.data = NAMED if named else PSEUDONYM

    def choice(self) -> tuple[bool, bool]:
        return self.shares.data == YES, self.named.data == NAMED
