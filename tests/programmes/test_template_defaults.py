"""The programme's default cohort: the steps of "One cohort", over four months."""

from __future__ import annotations

from datetime import date, datetime, time

from mentoring.programmes import template_defaults as defaults
from mentoring.programmes.models import AUDIENCES, STEP_KINDS
from mentoring.programmes.schedule import step_times


def kinds() -> list[str]:
    return [step.kind for step in defaults.DEFAULT_STEPS]


def test_the_defaults_hold_every_step_of_a_cohort_in_programme_order():
    assert kinds() == [
        "mentor_course",
        "career_workshop",
        "kickoff",
        "midway",
        "interview_session",
        "closing",
        "mentor_workshop",
    ]
    offsets = [step.offset_days for step in defaults.DEFAULT_STEPS]
    assert offsets == sorted(offsets)


def test_courses_come_before_the_kickoff_and_the_workshop_after_the_closing():
    by_kind = {step.kind: step for step in defaults.DEFAULT_STEPS}
    assert by_kind["mentor_course"].offset_days < 0
    assert by_kind["career_workshop"].offset_days < 0
    assert by_kind["kickoff"].offset_days == 0
    closing = by_kind["closing"].offset_days
    assert closing == defaults.DURATION_WEEKS * 7  # four months: 17 weeks
    assert 110 <= closing <= 125
    assert by_kind["mentor_workshop"].offset_days > closing


def test_each_step_is_for_the_right_people():
    by_kind = {step.kind: step.audience for step in defaults.DEFAULT_STEPS}
    assert by_kind["career_workshop"] == "mentees"
    assert by_kind["mentor_course"] == "mentors"
    assert by_kind["mentor_workshop"] == "mentors"
    assert by_kind["kickoff"] == "both"


def test_every_step_is_valid_content_in_both_languages():
    for step in defaults.DEFAULT_STEPS:
        assert step.kind in STEP_KINDS
        assert step.audience in AUDIENCES
        assert isinstance(time.fromisoformat(step.start_time), time)
        assert 15 <= step.duration_minutes <= 720
        for text in (step.title_da, step.title_en):
            assert 0 < len(text) <= 200
        assert step.description_da and step.description_en
        assert step.title_da != step.title_en or step.kind == "other"


def test_the_default_capacity_is_fifteen_and_fifteen_and_nudges_after_three_weeks():
    assert (defaults.MENTEE_CAPACITY, defaults.MENTOR_CAPACITY) == (15, 15)
    assert defaults.NUDGE_AFTER_WEEKS == 3


def test_a_step_keeps_its_local_time_across_daylight_saving_time():
    # 2027: summer time in Copenhagen from 28 March to 31 October.
    winter = step_times(date(2027, 3, 1), 0, "17:00", 120, "Europe/Copenhagen")
    summer = step_times(date(2027, 3, 1), 42, "17:00", 120, "Europe/Copenhagen")
    assert winter[0].isoformat() == "2027-03-01T16:00:00+00:00"
    assert summer[0].isoformat() == "2027-04-12T15:00:00+00:00"
    assert winter[1] - winter[0] == summer[1] - summer[0]
    assert (winter[1] - winter[0]).total_seconds() == 7200


def test_a_negative_offset_is_before_the_start_day():
    starts_at, _ = step_times(date(2027, 1, 11), -7, "09:30", 60, "Europe/Copenhagen")
    assert starts_at == datetime.fromisoformat("2027-01-04T08:30:00+00:00")
