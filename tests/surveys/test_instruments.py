"""The programme's instruments as data, and how a submitted value is cleaned."""

from __future__ import annotations

from mentoring.surveys.instruments import INSTRUMENTS, KINDS, OUTCOMES, clean_value
from mentoring.surveys.rules import reminder_due
from tests.surveys.conftest import NOW


def keys(survey: str) -> dict[str, str]:
    return {q.key: q.kind for q in INSTRUMENTS[survey].questions}


def test_the_four_instruments_carry_the_reports_questions():
    assert set(INSTRUMENTS) == {"mentee_end", "mentor_end", "midway", "mentee_followup"}
    mentee = keys("mentee_end")
    for key in ("momentum", "work_culture", "clarity", "cv_improved"):
        assert mentee[key] == "yes_no"
    assert mentee["interview_skills"] == mentee["network_strengthened"] == "yes_no"
    assert mentee["satisfaction"] == "scale"
    assert keys("mentor_end") == {
        "motivation": "multi",
        "would_recommend": "yes_no",
        "would_again": "yes_no",
        "comments": "text",
    }
    (motivation,) = [
        q for q in INSTRUMENTS["mentor_end"].questions if q.key == "motivation"
    ]
    assert [c.value for c in motivation.choices] == [
        "welcoming",
        "difference",
        "local_network",
        "international",
    ]
    followup = INSTRUMENTS["mentee_followup"].questions
    assert followup[0].key == "outcome" and followup[0].kind == "single"
    assert tuple(c.value for c in followup[0].choices) == OUTCOMES
    assert {q.key for q in followup[1:]} == {"job_title", "sector"}


def test_every_question_is_written_in_both_languages():
    for instrument in INSTRUMENTS.values():
        assert instrument.title_da and instrument.title_en
        for q in instrument.questions:
            assert q.kind in KINDS and q.da and q.en and q.da != q.en
            assert all(c.da and c.en for c in q.choices)


def test_clean_value_keeps_only_allowed_answers():
    choices = ("a", "b")
    assert clean_value("scale", (), ["4"]) == 4
    assert clean_value("scale", (), ["9"]) is None
    assert clean_value("yes_no", (), ["yes"]) == "yes"
    assert clean_value("yes_no", (), ["maybe"]) is None
    assert clean_value("single", choices, ["b"]) == "b"
    assert clean_value("single", choices, ["z"]) is None
    assert clean_value("multi", choices, ["b", "z", "a"]) == ["a", "b"]
    assert clean_value("multi", choices, []) is None
    assert clean_value("text", (), ["  hello "]) == "hello"
    assert clean_value("text", (), ["   "]) is None


def test_reminders_after_7_and_14_days_and_only_the_latest_after_a_gap():
    day = NOW.replace(hour=0)
    sent = day
    assert reminder_due(sent, None, None, day.replace(day=7)) is None
    assert reminder_due(sent, None, None, day.replace(day=8)) == "7"
    assert reminder_due(sent, day, None, day.replace(day=10)) is None
    assert reminder_due(sent, day, None, day.replace(day=15)) == "14"
    assert reminder_due(sent, None, None, day.replace(day=20)) == "14"  # missed
    assert reminder_due(sent, day, day, day.replace(day=30)) is None
    assert reminder_due(None, None, None, day) is None
