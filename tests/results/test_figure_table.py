"""The table beside every chart: the numbers, the response rate, the criterion."""

from __future__ import annotations

from xml.etree import ElementTree

from flask import g, render_template_string

from mentoring.results.aggregation import SurveyRecord, figure
from mentoring.results.measures import MEASURES

WORK = next(m for m in MEASURES if m.key == "mentees_in_work_after_six_months")
TEMPLATE = (
    '{% from "results/_figure_table.html" import figure_table %}'
    "{{ figure_table(caption, rows) }}"
)


def followups(outcomes, unanswered=0):
    return [SurveyRecord("A", "mentee_followup", {"outcome": o}) for o in outcomes] + [
        SurveyRecord("A", "mentee_followup")
    ] * unanswered


def cells(app, rows) -> list[list[str]]:
    with app.test_request_context("/?lang=en"):
        g.lang_choice = "en"  # a bare request context runs no before_request hooks
        html = render_template_string(TEMPLATE, caption="In work <now>", rows=rows)
    table = ElementTree.fromstring(html).find("div/table")  # well-formed, escaped
    assert table.find("caption").text == "In work <now>"
    return [
        ["".join(cell.itertext()) for cell in row]
        for row in table.find("tbody").findall("tr")
    ]


def test_table_gives_share_answers_response_rate_and_criterion(app):
    solid = figure(WORK, followups(["employed"] * 12 + ["job_seeking"] * 13, 5), 0.33)
    assert cells(app, [("Spring <2025>", solid)]) == [
        ["Spring <2025>", "48 %", "25 of 30 answered", "83 %", "≥ 33 %: met"]
    ]


def test_a_share_from_three_answers_out_of_fifteen_is_labelled(app):
    thin = figure(WORK, followups(["employed", "job_seeking", "job_seeking"], 12), 0.5)
    assert cells(app, [("Autumn", thin)]) == [
        ["Autumn", "33 % (small sample)", "3 of 15 answered", "20 %", "≥ 50 %: not met"]
    ]


def test_no_answers_says_so_without_a_number(app):
    empty = figure(WORK, followups([], 4))
    assert cells(app, [("Winter", empty)]) == [
        ["Winter", "no answers", "0 of 4 answered", "0 %", "–"]
    ]
