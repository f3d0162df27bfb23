"""The results arithmetic, tested directly (pure module, no app)."""

import pytest

from mentoring.results.aggregation import (
    SurveyRecord,
    aggregate,
    figure,
    whole_percent,
)
from mentoring.results.measures import MEASURES

CRITERIA = {
    "mentees_in_work_after_six_months": 0.33,
    "mentees_network_grown": 0.75,
    "mentors_would_recommend": 0.90,
}
MEASURE = {m.key: m for m in MEASURES}


def followups(cohort, outcomes, unanswered=0):
    answered = [
        SurveyRecord(cohort, "mentee_followup", {"outcome": o}) for o in outcomes
    ]
    return answered + [SurveyRecord(cohort, "mentee_followup")] * unanswered


def by_key(figs):
    return {f.measure: f for f in figs}


def test_report_figure_48_percent_in_work_from_12_of_25_answers():
    records = followups("A", ["employed"] * 12 + ["job_seeking"] * 13, unanswered=5)
    fig = figure(MEASURE["mentees_in_work_after_six_months"], records, 0.33)
    assert (fig.numerator, fig.denominator, fig.invited) == (12, 25, 30)
    assert fig.share == 0.48
    assert fig.percent == 48
    assert fig.response_percent == 83  # 25 of 30
    assert fig.meets is True
    assert fig.small_sample is False


def test_the_reports_published_outcome_shares_from_29_answers():
    outcomes = (
        ["employed"] * 14
        + ["education"] * 3
        + ["self_employed"] * 2
        + ["clarified"] * 3
        + ["job_seeking"] * 7
    )
    figs = by_key(aggregate(followups("2025", outcomes), CRITERIA).overall)
    percents = [
        figs[key].percent
        for key in (
            "mentees_in_work_after_six_months",
            "mentees_in_education",
            "mentees_self_employed",
            "mentees_clarified",
            "mentees_job_seeking",
        )
    ]
    assert percents == [48, 10, 7, 10, 24]


def test_network_and_recommendation_shares_with_yes_no_and_scale_answers():
    records = [
        SurveyRecord("A", "mentee_end", {"network_strengthened": v, "cv_improved": 5})
        for v in [True] * 11 + [5] * 3 + [4] * 3 + [False, 2, 3]
    ] + [SurveyRecord("A", "mentor_end", {"would_recommend": True})] * 7
    figs = by_key(aggregate(records, CRITERIA).overall)
    assert figs["mentees_network_grown"].percent == 85  # 17 of 20
    assert figs["mentees_network_grown"].meets is True
    assert figs["mentees_cv_improved"].percent == 100
    assert figs["mentors_would_recommend"].percent == 100
    assert figs["mentors_would_recommend"].meets is True


def test_zero_answers_give_no_share_and_no_division_error():
    fig = figure(MEASURE["mentees_in_work_after_six_months"], [], 0.33)
    assert (fig.share, fig.response_rate, fig.meets, fig.percent) == (
        None,
        None,
        None,
        None,
    )
    unanswered = followups("A", [], unanswered=4)
    fig = figure(MEASURE["mentees_in_work_after_six_months"], unanswered, 0.33)
    assert (fig.invited, fig.denominator, fig.share) == (4, 0, None)
    assert fig.response_rate == 0
    assert fig.small_sample is True


def test_three_answers_out_of_fifteen_is_a_small_sample():
    records = followups("A", ["employed", "employed", "job_seeking"], unanswered=12)
    fig = figure(MEASURE["mentees_in_work_after_six_months"], records, 0.33)
    assert (fig.denominator, fig.invited, fig.percent) == (3, 15, 67)
    assert fig.response_percent == 20
    assert fig.small_sample is True


def test_below_the_criterion_does_not_meet_it_and_no_criterion_gives_none():
    records = followups("A", ["employed"] * 3 + ["job_seeking"] * 7)
    figs = by_key(aggregate(records, CRITERIA).overall)
    assert figs["mentees_in_work_after_six_months"].meets is False
    assert figs["mentees_in_education"].criterion is None
    assert figs["mentees_in_education"].meets is None


def test_exactly_on_the_criterion_meets_it():
    records = followups("A", ["employed"] + ["job_seeking"] * 3)
    fig = figure(MEASURE["mentees_in_work_after_six_months"], records, 0.25)
    assert fig.meets is True


def test_skipped_question_is_not_an_answer():
    records = [
        SurveyRecord("A", "mentee_end", {"cv_improved": True}),
        SurveyRecord("A", "mentee_end", {"network_strengthened": None}),
    ]
    fig = figure(MEASURE["mentees_network_grown"], records)
    assert (fig.denominator, fig.invited, fig.share) == (0, 2, None)


def test_per_cohort_and_overall_are_computed_separately():
    records = followups("spring", ["employed"] * 2 + ["job_seeking"] * 2) + followups(
        "autumn", ["employed"] * 6
    )
    results = aggregate(records, CRITERIA)
    assert list(results.by_cohort) == ["spring", "autumn"]
    spring = by_key(results.by_cohort["spring"])["mentees_in_work_after_six_months"]
    autumn = by_key(results.by_cohort["autumn"])["mentees_in_work_after_six_months"]
    overall = by_key(results.overall)["mentees_in_work_after_six_months"]
    assert (spring.percent, autumn.percent, overall.percent) == (50, 100, 80)
    assert (overall.numerator, overall.denominator) == (8, 10)


def test_other_surveys_do_not_count_as_invitations():
    records = followups("A", ["employed"]) + [SurveyRecord("A", "mentor_end")] * 9
    fig = figure(MEASURE["mentees_in_work_after_six_months"], records)
    assert (fig.invited, fig.response_rate) == (1, 1.0)


@pytest.mark.parametrize(
    ("share", "percent"),
    [(0.125, 13), (0.145, 15), (0.484, 48), (2 / 3, 67), (0.0, 0), (1.0, 100)],
)
def test_whole_percent_rounds_halves_up(share, percent):
    assert whole_percent(share) == percent


def test_whole_percent_of_nothing_is_none():
    assert whole_percent(None) is None
