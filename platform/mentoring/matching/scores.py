"""One score per possible (mentee, mentor) pair, with the reasons behind it.

Pure: no Flask, no database. A pair's score is a weighted mean of components,
each a value from 0 to 1 with a reason (a short sentence in sentence case).
People see a score only through ``display_score``: a whole number 0-100.

- ``mutual_rating``: the kickoff ratings (1-5) both gave, as the mean of the two
  normalised to 0-1; a one-sided rating counts half (the missing side adds 0).
- ``sector``: 1 when the mentor works in a sector the mentee targets.
- ``languages``: shared spoken languages (one: 0.75, two or more: 1).
- ``goals``: words the mentee's goals and the mentor's offer have in common
  (three or more: 1), compared by their first five letters.
- ``danish``: the mentee's Danish level when the mentor speaks Danish, since
  they can then use and practise it together.

A pair is ``None`` (never to be made) when the mentor works for the mentee's
partner's employer. Reasons are ``(message id, params)``: the message is marked
with ``N_`` for extraction and translated by the view; ``render_reason`` does
that with the gettext function and code labels it is given.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

from mentoring.matching.grid import Grid, check_number, shape_of

Reason = tuple[str, dict[str, Any]]
NO_SHARED_CODES = frozenset({"other", ""})
DANISH_LEVELS = {
    "none": 0.0,
    "beginner": 0.25,
    "intermediate": 0.5,
    "fluent": 0.75,
    "native": 1.0,
}
RATING_MIN, RATING_MAX = 1, 5
GOAL_WORDS_FOR_FULL = 3


def N_(message: str) -> str:  # noqa: N802 - Babel's default extraction keyword
    """Mark a message for extraction; the view translates it later."""
    return message


@dataclass(frozen=True)
class MenteeProfile:
    sectors: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    danish_level: str | None = None
    goals: str = ""
    partner_employer: str | None = None


@dataclass(frozen=True)
class MentorProfile:
    sector: str | None = None
    languages: tuple[str, ...] = ()
    help_with: str = ""
    employer: str | None = None


@dataclass(frozen=True)
class Weights:
    """How much each component counts; any scale, normalised on use."""

    mutual_rating: float = 0.5
    sector: float = 0.2
    languages: float = 0.15
    goals: float = 0.1
    danish: float = 0.05

    def __post_init__(self) -> None:
        for name, value in self.as_dict().items():
            number = check_number(value, f"weight {name}")
            if number < 0:
                raise ValueError(f"weight {name} must not be negative")
        if not sum(self.as_dict().values()) > 0:
            raise ValueError("at least one weight must be above zero")

    def as_dict(self) -> dict[str, float]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def normalised(self) -> dict[str, float]:
        """The weights scaled to sum to 1, so a total stays between 0 and 1."""
        weights = self.as_dict()
        whole = math.fsum(weights.values())
        return {key: value / whole for key, value in weights.items()}


@dataclass(frozen=True)
class Component:
    key: str
    value: float  # 0-1
    weight: float  # normalised
    reason: Reason

    @property
    def points(self) -> float:
        """This component's share of the pair's total."""
        return self.value * self.weight


@dataclass(frozen=True)
class PairScore:
    total: float  # 0-1
    components: tuple[Component, ...]


def score_pairs(
    mentees: Sequence[MenteeProfile],
    mentors: Sequence[MentorProfile],
    mentee_ratings: Grid | None,
    mentor_ratings: Grid | None,
    weights: Weights,
) -> list[list[PairScore | None]]:
    """Scores for every pair; rows mentees, columns mentors.

    Both rating tables have rows = mentees and columns = mentors:
    ``mentee_ratings[i][j]`` is mentee i's rating of mentor j and
    ``mentor_ratings[i][j]`` mentor j's rating of mentee i (1-5 or ``None``).
    ``None`` for a whole table means nobody rated yet.
    """
    shape = (len(mentees), len(mentors))
    by_mentee = _ratings(mentee_ratings, shape, "mentee_ratings")
    by_mentor = _ratings(mentor_ratings, shape, "mentor_ratings")
    share = weights.normalised()
    return [
        [
            _score(mentee, mentor, by_mentee[i][j], by_mentor[i][j], share)
            for j, mentor in enumerate(mentors)
        ]
        for i, mentee in enumerate(mentees)
    ]


def totals(scored: Sequence[Sequence[PairScore | None]]) -> list[list[float | None]]:
    """The solver's input: each pair's total, ``None`` kept."""
    return [[None if s is None else s.total for s in row] for row in scored]


def forbidden_by_employer(mentee: MenteeProfile, mentor: MentorProfile) -> bool:
    """Whether the mentor works for the mentee's partner's employer."""
    partner, employer = _name(mentee.partner_employer), _name(mentor.employer)
    return bool(partner) and partner == employer


def _name(value: str | None) -> str:
    return " ".join((value or "").split()).casefold()


def _ratings(
    grid: Grid | None, shape: tuple[int, int], name: str
) -> list[list[float | None]]:
    if grid is None or shape[0] == 0:
        return [[None] * shape[1] for _ in range(shape[0])]
    if shape_of(grid, name) != shape and (len(grid), shape[1]) != (shape[0], 0):
        raise ValueError(f"{name} must be {shape[0]}x{shape[1]} (mentees x mentors)")
    return [
        [_rating(cell, f"{name}[{i}][{j}]") for j, cell in enumerate(row)]
        for i, row in enumerate(grid)
    ]


def _rating(cell: object, where: str) -> float | None:
    if cell is None:
        return None
    number = check_number(cell, where)
    if not RATING_MIN <= number <= RATING_MAX:
        raise ValueError(f"{where} must be from {RATING_MIN} to {RATING_MAX}")
    return number


def _score(
    mentee: MenteeProfile,
    mentor: MentorProfile,
    rated: float | None,
    rated_by: float | None,
    share: Mapping[str, float],
) -> PairScore | None:
    if forbidden_by_employer(mentee, mentor):
        return None
    parts = {
        "mutual_rating": _mutual(rated, rated_by),
        "sector": _sector(mentee, mentor),
        "languages": _languages(mentee, mentor),
        "goals": _goals(mentee.goals, mentor.help_with),
        "danish": _danish(mentee, mentor),
    }
    components = tuple(
        Component(key, value, share[key], reason)
        for key, (value, reason) in parts.items()
    )
    return PairScore(math.fsum(c.points for c in components), components)


def _normalised_rating(rating: float | None) -> float:
    if rating is None:
        return 0.0
    return (rating - RATING_MIN) / (RATING_MAX - RATING_MIN)


def _shown(rating: float) -> int | float:
    return int(rating) if rating == int(rating) else rating


def _mutual(a: float | None, b: float | None) -> tuple[float, Reason]:
    """a: the mentee's rating of the mentor, b: the mentor's of the mentee."""
    if a is None and b is None:
        return 0.0, (N_("They did not rate each other."), {})
    # The mean of both sides; a side that did not rate adds 0.
    value = (_normalised_rating(a) + _normalised_rating(b)) / 2
    if b is None:
        return value, (
            N_("Mentee rated this mentor %(a)s of 5; the mentor gave no rating."),
            {"a": _shown(a)},
        )
    if a is None:
        return value, (
            N_("Mentor rated this mentee %(b)s of 5; the mentee gave no rating."),
            {"b": _shown(b)},
        )
    if a == b:
        both = N_("Both rated each other %(rating)s of 5.")
        return value, (both, {"rating": _shown(a)})
    return value, (
        N_("Mentee rated this mentor %(a)s of 5; the mentor rated them %(b)s of 5."),
        {"a": _shown(a), "b": _shown(b)},
    )


def _sector(mentee: MenteeProfile, mentor: MentorProfile) -> tuple[float, Reason]:
    sector = mentor.sector
    if not sector or sector in NO_SHARED_CODES:
        return 0.0, (N_("The mentor's field is not known."), {})
    if sector in mentee.sectors:
        return 1.0, (
            N_("Same field: %(sector)s."),
            {"sector": sector},
        )
    return 0.0, (
        N_("Different field: the mentor works in %(sector)s."),
        {"sector": sector},
    )


def _languages(mentee: MenteeProfile, mentor: MentorProfile) -> tuple[float, Reason]:
    theirs = set(mentor.languages) - NO_SHARED_CODES
    shared = tuple(code for code in dict.fromkeys(mentee.languages) if code in theirs)
    if not shared:
        return 0.0, (N_("No shared language."), {})
    value = 0.75 if len(shared) == 1 else 1.0
    return value, (N_("Both speak %(languages)s."), {"languages": shared})


def _danish(mentee: MenteeProfile, mentor: MentorProfile) -> tuple[float, Reason]:
    level = mentee.danish_level
    if level not in DANISH_LEVELS:
        return 0.0, (N_("The mentee's Danish level is not known."), {})
    if "da" not in mentor.languages:
        return 0.0, (N_("The mentor does not speak Danish."), {})
    if DANISH_LEVELS[level] == 0:
        return 0.0, (N_("The mentee does not speak Danish yet."), {})
    return DANISH_LEVELS[level], (
        N_("Danish practice: the mentee's level is %(level)s."),
        {"level": level},
    )


# Words too common to say anything about a match (English and Danish).
_STOP_TEXT = """about also been being better could find from good have help into just
    like make more most much need other some such than that their them then
    there these they this very want what when where which will with would your
    able work working get getting ikke eller også gerne have mere meget noget
    nogle efter hvordan hvor skal være blive mellem andre arbejde"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
STEM_LENGTH = 5


def _goals(goals: str, offer: str) -> tuple[float, Reason]:
    wanted, offered = _words(goals), _words(offer)
    if not wanted or not offered:
        missing = N_("The mentee's goals or the mentor's offer are not filled in.")
        return 0.0, (missing, {})
    shared = tuple(word for stem, word in wanted.items() if stem in offered)
    if not shared:
        none = N_("The mentee's goals and the mentor's offer share no words.")
        return 0.0, (none, {})
    return min(1.0, len(shared) / GOAL_WORDS_FOR_FULL), (
        N_("Goals and offer both mention %(words)s."),
        {"words": shared[:5]},
    )


def _words(text: str | None) -> dict[str, str]:
    """Meaningful words by stem (first five letters), in order of appearance."""
    found: dict[str, str] = {}
    for word in re.findall(r"[^\W\d_]{4,}", (text or "").casefold()):
        if word not in STOP_WORDS:
            found.setdefault(word[:STEM_LENGTH], word)
    return found


def render_reason(
    reason: Reason,
    gettext: Callable[[str], str],
    labels: Mapping[str, Mapping[str, Any]] | None = None,
    join: Callable[[list[str]], str] = ", ".join,
) -> str:
    """A reason as a sentence: the message translated, codes shown by their labels.

    ``labels`` maps a param name to {code: label}, for example
    ``{"sector": SECTORS, "languages": SPOKEN_LANGUAGES, "level": DANISH_LEVELS}``,
    already in the case they take inside a sentence (see ``mid_sentence``);
    tuples are joined with ``join`` ("German and Spanish"). Params: ``sector`` a
    sector code, ``languages`` language codes, ``level`` a Danish-level code,
    ``words`` words from the texts, ``a``/``b``/``rating`` ratings (1-5).
    """
    message, params = reason
    names = labels or {}
    shown = {
        key: _shown_param(value, names.get(key, {}), join)
        for key, value in params.items()
    }
    return gettext(message) % shown if shown else gettext(message)


def _shown_param(
    value: Any, names: Mapping[str, Any], join: Callable[[list[str]], str]
) -> Any:
    if isinstance(value, tuple):
        return join([str(names.get(item, item)) for item in value])
    if isinstance(value, str):
        return str(names.get(value, value))
    return value


def mid_sentence(label: str) -> str:
    """A label as it reads inside a sentence: "Life science" -> "life science";
    an abbreviation stays ("IT and software")."""
    if len(label) > 1 and label[:2].isupper():
        return label
    return label[:1].lower() + label[1:]


# -- the one scale people see -----------------------------------------------------

SCALE_MAX = 100


def display_score(total: float) -> int:
    """A pair's score (0-1) as people see it everywhere: a whole number 0-100.

    Values outside 0-1 are clamped; halves round up (0.285 -> 29), with a tiny
    tolerance so that float noise (28.499999...) does not round down.
    """
    clamped = min(1.0, max(0.0, check_number(total, "score")))
    return _half_up(clamped * SCALE_MAX)


def display_points(total: float) -> int:
    """A sum of pair scores (the board's total) on the same scale: each pair
    adds its 0-100, so 3 pairs at most 300."""
    return _half_up(max(0.0, check_number(total, "total")) * SCALE_MAX)


def _half_up(value: float) -> int:
    return math.floor(value + 0.5 + 1e-9)
