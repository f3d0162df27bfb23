"""What people see of the matching (issue point 6): one 0-100 match score and
reasons as short sentences in sentence case, in English and Danish."""

from __future__ import annotations

import re

import pytest
from flask_babel import force_locale

from mentoring.matching.scores import (
    MenteeProfile,
    MentorProfile,
    Weights,
    display_points,
    display_score,
    mid_sentence,
    score_pairs,
)

# -- the one scale -----------------------------------------------------------------


def test_the_lowest_score_shows_as_0_and_the_highest_as_100():
    assert display_score(0.0) == 0
    assert display_score(1.0) == 100


def test_scores_outside_the_range_are_clamped():
    assert display_score(-0.2) == 0
    assert display_score(1.3) == 100


@pytest.mark.parametrize(
    ("total", "shown"),
    [(0.004, 0), (0.005, 1), (0.285, 29), (0.5, 50), (0.694, 69), (0.995, 100)],
)
def test_scores_round_half_up_to_whole_numbers(total, shown):
    assert display_score(total) == shown
    assert isinstance(display_score(total), int)


def test_the_scale_never_goes_down_when_a_score_goes_up():
    shown = [display_score(n / 1000) for n in range(1001)]
    assert shown == sorted(shown)
    assert set(shown) == set(range(101))  # every step of the scale is reachable


def test_a_sum_of_pair_scores_is_in_the_same_points():
    assert display_points(2.345) == 235  # three pairs, each 0-100
    assert display_points(0.0) == 0


def test_labels_inside_a_sentence():
    assert mid_sentence("Life science and pharma") == "life science and pharma"
    assert mid_sentence("IT and software") == "IT and software"
    assert mid_sentence("Tysk") == "tysk"


# -- reasons as sentences ------------------------------------------------------------

FULL_MENTEE = MenteeProfile(
    sectors=("life_science",),
    languages=("de", "en", "es"),
    danish_level="intermediate",
    goals="Learn about hiring in pharma and build a network",
)
FULL_MENTOR = MentorProfile(
    sector="life_science",
    languages=("da", "de", "en"),
    help_with="Pharma hiring and networking",
)
# Each case reaches different reasons; together every reason kind.
CASES = [
    (FULL_MENTEE, FULL_MENTOR, 5, 5),
    (FULL_MENTEE, MentorProfile(sector="it", languages=("de",)), 5, 3),
    (MenteeProfile(danish_level="none"), MentorProfile(languages=("da",)), 4, None),
    (MenteeProfile(danish_level="fluent"), MentorProfile(sector="other"), None, 2),
    (MenteeProfile(goals="Salary talks"), MentorProfile(help_with="Code"), None, None),
    (
        MenteeProfile(sectors=("it",), languages=("en",)),
        MentorProfile(sector="engineering", languages=("en",), help_with="CV"),
        1,
        1,
    ),
]
SNAKE_OR_CODE = re.compile(r"[a-z]+_[a-z]+|%\(|\b(?:life_science|de|da|es)\b")
RAW_FLOAT = re.compile(r"\d+\.\d+")


def _reasons() -> list[tuple[str, dict]]:
    found = []
    for mentee, mentor, rated, rated_by in CASES:
        [[score]] = score_pairs([mentee], [mentor], [[rated]], [[rated_by]], Weights())
        found += [c.reason for c in score.components]
    return found


def test_the_cases_reach_every_reason_kind():
    from pathlib import Path

    import mentoring.matching.scores as scores

    source = Path(scores.__file__).read_text()
    every = set(re.findall(r'N_\("([^"]+)"\)', source))
    assert {message for message, _params in _reasons()} == every
    assert len(every) == 17


@pytest.mark.parametrize("language", ["en", "da"])
def test_every_reason_is_a_short_sentence(app, language):
    from mentoring.matching.views import reason_text

    locale = {"en": "en_GB", "da": "da_DK"}[language]
    with app.test_request_context("/"), force_locale(locale):
        texts = {reason_text(reason) for reason in _reasons()}
    for text in texts:
        assert text[0].isupper(), text
        assert text.endswith("."), text
        assert not text.endswith(".."), text
        assert not SNAKE_OR_CODE.search(text), text
        assert not RAW_FLOAT.search(text), text
        assert len(text) <= 90, text


def test_reasons_read_naturally_in_both_languages(app):
    from mentoring.matching.views import reason_text

    mutual, sector, languages, goals, danish = (
        c.reason
        for c in score_pairs([FULL_MENTEE], [FULL_MENTOR], [[5]], [[5]], Weights())[0][
            0
        ].components
    )
    with app.test_request_context("/"):
        with force_locale("en_GB"):
            assert reason_text(mutual) == "Both rated each other 5 of 5."
            assert reason_text(sector) == "Same field: life science and pharma."
            assert reason_text(languages) == "Both speak German and English."
            assert reason_text(goals) == (
                "Goals and offer both mention hiring, pharma and network."
            )
            assert reason_text(danish) == (
                "Danish practice: the mentee's level is intermediate."
            )
        with force_locale("da_DK"):
            assert reason_text(mutual) == "Begge gav hinanden 5 ud af 5."
            assert reason_text(languages) == "Begge taler tysk og engelsk."
            assert reason_text(danish) == (
                "Dansktræning: menteens danskniveau er mellemniveau."
            )
