"""Forms for the plan, the rating deadline and the score weights (CSRF on POST)."""

from __future__ import annotations

from wtforms import DateField, IntegerField, TimeField
from wtforms.validators import InputRequired, NumberRange

from mentoring.core.forms import MentoringForm
from mentoring.core.i18n import _l

MAX_K = 20


class PlanForm(MentoringForm):
    k = IntegerField(
        _l("Talks per mentee"),
        default=5,
        description=_l("How many mentors each mentee talks with at the kickoff."),
        validators=[
            InputRequired(message=_l("Give the number of talks per mentee.")),
            NumberRange(min=1, max=MAX_K, message=_l("From 1 to 20 talks.")),
        ],
    )


class DeadlineForm(MentoringForm):
    """The rating deadline in the city's local time; the view turns it into UTC."""

    day = DateField(
        _l("Rating closes on"),
        validators=[InputRequired(message=_l("Choose the date."))],
    )
    at = TimeField(
        _l("at"),
        default=None,
        validators=[InputRequired(message=_l("Choose the time."))],
    )


def _weight(label: object, help_text: object) -> IntegerField:
    return IntegerField(
        label,
        description=help_text,
        validators=[
            InputRequired(message=_l("Give a weight from 0 to 100.")),
            NumberRange(min=0, max=100, message=_l("Give a weight from 0 to 100.")),
        ],
    )


class WeightsForm(MentoringForm):
    """How much each part of a pair's score counts (relative, 0-100)."""

    mutual_rating = _weight(
        _l("Mutual ratings"),
        _l("How much the two rated each other after the kickoff (1-5 each)."),
    )
    sector = _weight(
        _l("Sector"),
        _l("The mentor works in a sector the mentee wants to work in."),
    )
    languages = _weight(_l("Languages"), _l("They speak a language in common."))
    goals = _weight(
        _l("Goals and offer"),
        _l("The mentee's goals and what the mentor offers to help with share words."),
    )
    danish = _weight(
        _l("Danish practice"),
        _l("The mentor speaks Danish and the mentee can already use some."),
    )

    def values(self) -> dict[str, float]:
        return {name: self[name].data / 100 for name in NAMES}

    def fill(self, weights: dict[str, float]) -> WeightsForm:
        for name in NAMES:
            self[name].data = round(weights[name] * 100)
        return self


NAMES = ("mutual_rating", "sector", "languages", "goals", "danish")
