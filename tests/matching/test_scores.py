"""Pair scores (issue 4, point 3): each component, the weights, the reasons."""

from __future__ import annotations

import pytest

from mentoring.matching import match
from mentoring.matching.scores import (
    MenteeProfile,
    MentorProfile,
    PairScore,
    Weights,
    render_reason,
    score_pairs,
    totals,
)

PHARMA_MENTEE = MenteeProfile(
    sectors=("life_science", "health"),
    languages=("es", "en"),
    danish_level="intermediate",
    goals="Learn how hiring works in Danish pharma companies and build a network",
    partner_employer="Novo Nordisk A/S",
)
PHARMA_MENTOR = MentorProfile(
    sector="life_science",
    languages=("da", "en", "es"),
    help_with="CV review, pharma hiring, networking in Copenhagen",
    employer="LEO Pharma",
)
IT_MENTOR = MentorProfile(
    sector="it", languages=("da",), help_with="Code reviews", employer="Netcompany"
)

MENTEE_AND_MENTOR = (
    "Mentee rated this mentor %(a)s of 5; the mentor rated them %(b)s of 5."
)
MENTEE_ONLY = "Mentee rated this mentor %(a)s of 5; the mentor gave no rating."
MENTOR_ONLY = "Mentor rated this mentee %(b)s of 5; the mentee gave no rating."


def one(mentee, mentor, rated=None, rated_by=None, weights=None) -> PairScore | None:
    return score_pairs(
        [mentee], [mentor], [[rated]], [[rated_by]], weights or Weights()
    )[0][0]


def component(score: PairScore, key: str):
    return next(c for c in score.components if c.key == key)


@pytest.mark.parametrize(
    ("rated", "rated_by", "value", "reason"),
    [
        (5, 5, 1.0, ("Both rated each other %(rating)s of 5.", {"rating": 5})),
        (1, 1, 0.0, ("Both rated each other %(rating)s of 5.", {"rating": 1})),
        (
            5,
            3,
            0.75,
            (
                MENTEE_AND_MENTOR,
                {"a": 5, "b": 3},
            ),
        ),
        (
            5,
            None,
            0.5,
            (MENTEE_ONLY, {"a": 5}),
        ),
        (
            None,
            3,
            0.25,
            (MENTOR_ONLY, {"b": 3}),
        ),
        (None, None, 0.0, ("They did not rate each other.", {})),
    ],
)
def test_mutual_rating_is_the_mean_of_both_sides(rated, rated_by, value, reason):
    mutual = component(
        one(PHARMA_MENTEE, PHARMA_MENTOR, rated, rated_by), "mutual_rating"
    )
    assert mutual.value == pytest.approx(value)
    assert mutual.reason == reason


def test_sector_counts_when_the_mentor_works_where_the_mentee_aims():
    matched = component(one(PHARMA_MENTEE, PHARMA_MENTOR), "sector")
    assert matched.value == 1.0
    assert matched.reason == (
        "Same field: %(sector)s.",
        {"sector": "life_science"},
    )
    assert component(one(PHARMA_MENTEE, IT_MENTOR), "sector").value == 0.0
    unknown = component(one(PHARMA_MENTEE, MentorProfile(sector="other")), "sector")
    assert (unknown.value, unknown.reason[0]) == (
        0.0,
        "The mentor's field is not known.",
    )


def test_shared_languages_in_the_mentees_order():
    languages = component(one(PHARMA_MENTEE, PHARMA_MENTOR), "languages")
    assert languages.value == 1.0
    both = ("Both speak %(languages)s.", {"languages": ("es", "en")})
    assert languages.reason == both
    single = one(PHARMA_MENTEE, MentorProfile(languages=("en", "other")))
    assert component(single, "languages").value == 0.75
    nothing = component(one(PHARMA_MENTEE, IT_MENTOR), "languages")
    assert (nothing.value, nothing.reason[0]) == (0.0, "No shared language.")


def test_goals_and_offer_are_compared_by_word_stems():
    goals = component(one(PHARMA_MENTEE, PHARMA_MENTOR), "goals")
    # hiring = hiring, pharma = pharma, network ~ networking (first five letters)
    assert goals.reason[1] == {"words": ("hiring", "pharma", "network")}
    assert goals.value == 1.0
    assert component(one(PHARMA_MENTEE, IT_MENTOR), "goals").value == 0.0
    blank = component(one(MenteeProfile(goals=""), PHARMA_MENTOR), "goals")
    assert blank.reason[0] == (
        "The mentee's goals or the mentor's offer are not filled in."
    )


def test_one_shared_goal_word_counts_a_third():
    mentee = MenteeProfile(goals="I want to understand Danish salaries")
    mentor = MentorProfile(help_with="Salary negotiation")
    assert component(one(mentee, mentor), "goals").value == pytest.approx(1 / 3)


@pytest.mark.parametrize(
    ("level", "languages", "value"),
    [
        ("fluent", ("da",), 0.75),
        ("native", ("da", "en"), 1.0),
        ("intermediate", ("en",), 0.0),  # the mentor speaks no Danish
        ("none", ("da",), 0.0),
        (None, ("da",), 0.0),
    ],
)
def test_danish_counts_when_the_mentor_speaks_it(level, languages, value):
    mentee = MenteeProfile(danish_level=level)
    danish = component(one(mentee, MentorProfile(languages=languages)), "danish")
    assert danish.value == value


def test_a_mentor_at_the_partners_employer_is_forbidden():
    mentee = MenteeProfile(partner_employer="  Novo   Nordisk A/S ")
    assert one(mentee, MentorProfile(employer="novo nordisk a/s")) is None
    assert one(mentee, MentorProfile(employer="Novo")) is not None
    nobody = MenteeProfile(partner_employer="  ")
    assert one(nobody, MentorProfile(employer="")) is not None  # empty never forbids


def test_total_is_the_weighted_mean_with_normalised_weights():
    score = one(PHARMA_MENTEE, PHARMA_MENTOR, 5, 5, Weights(1, 1, 1, 1, 1))
    assert [c.weight for c in score.components] == [0.2] * 5
    assert score.total == pytest.approx(sum(c.value for c in score.components) / 5)
    assert 0.0 <= score.total <= 1.0
    doubled = one(PHARMA_MENTEE, PHARMA_MENTOR, 5, 5, Weights(2, 2, 2, 2, 2))
    assert doubled.total == pytest.approx(score.total)


def test_default_weights_sum_to_one():
    assert sum(Weights().normalised().values()) == pytest.approx(1.0)
    assert Weights().normalised()["mutual_rating"] == pytest.approx(0.5)


def test_changing_the_weights_changes_the_ranking_and_the_matching():
    # Mentor 0 was rated highly; mentor 1 works in the mentee's target sector.
    mentees = [MenteeProfile(sectors=("it",))]
    mentors = [MentorProfile(sector="finance"), MentorProfile(sector="it")]
    ratings, rated_by = [[5, 2]], [[5, 2]]
    by_rating = totals(score_pairs(mentees, mentors, ratings, rated_by, Weights()))
    by_sector = totals(
        score_pairs(mentees, mentors, ratings, rated_by, Weights(mutual_rating=0.1))
    )
    assert by_rating[0][0] > by_rating[0][1]
    assert by_sector[0][1] > by_sector[0][0]
    assert match(by_rating) == [(0, 0)]
    assert match(by_sector) == [(0, 1)]


@pytest.mark.parametrize(
    "weights",
    [
        {"sector": -0.1},
        {"goals": float("nan")},
        {"mutual_rating": 0, "sector": 0, "languages": 0, "goals": 0, "danish": 0},
    ],
)
def test_bad_weights_are_refused(weights):
    with pytest.raises(ValueError, match="weight"):
        Weights(**weights)


def test_ratings_must_fit_the_scale_and_the_shape():
    with pytest.raises(ValueError, match="from 1 to 5"):
        score_pairs([PHARMA_MENTEE], [PHARMA_MENTOR], [[6]], None, Weights())
    with pytest.raises(ValueError, match="1x1"):
        score_pairs([PHARMA_MENTEE], [PHARMA_MENTOR], [[5, 4]], None, Weights())


def test_scores_table_shape_and_totals_feed_the_solver():
    scored = score_pairs(
        [PHARMA_MENTEE, MenteeProfile(sectors=("it",))],
        [PHARMA_MENTOR, IT_MENTOR, MentorProfile(employer="Novo Nordisk A/S")],
        None,
        None,
        Weights(),
    )
    table = totals(scored)
    assert [len(row) for row in table] == [3, 3]
    assert table[0][2] is None  # the partner's employer
    assert match(table) == [(0, 0), (1, 1)]
    assert score_pairs([], [PHARMA_MENTOR], None, None, Weights()) == []


def test_render_reason_translates_and_shows_labels():
    danish = {"Both speak %(languages)s.": "Begge taler %(languages)s."}
    labels = {"languages": {"es": "spansk", "en": "engelsk"}}
    reason = ("Both speak %(languages)s.", {"languages": ("es", "en")})
    assert render_reason(reason, danish.get, labels) == "Begge taler spansk, engelsk."
    joined = render_reason(reason, str, None, " and ".join)
    assert joined == "Both speak es and en."
    assert render_reason(("They did not rate each other.", {}), str) == (
        "They did not rate each other."
    )
    assert render_reason(
        ("Both rated each other %(rating)s of 5.", {"rating": 5}), str
    ) == ("Both rated each other 5 of 5.")
