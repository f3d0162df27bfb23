"""The success measures are defined once (issue 8, point 4): each with its key,
label, kind, instrument, question, what counts and its default criterion."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from flask_babel import force_locale

from mentoring.results.aggregation import SurveyRecord, figure
from mentoring.results.measures import (
    COUNT,
    MEASURES,
    SHARE,
    WITH_CRITERION,
    AnswerIs,
    Measure,
    default_criteria,
)
from mentoring.surveys.instruments import INSTRUMENTS

ROOT = Path(__file__).resolve().parents[2]


def test_keys_are_unique_and_stable_identifiers():
    keys = [m.key for m in MEASURES]
    assert len(keys) == len(set(keys))
    assert all(key.isidentifier() and key == key.lower() for key in keys)


@pytest.mark.parametrize("measure", MEASURES, ids=lambda m: m.key)
def test_each_measure_asks_a_question_of_a_standard_instrument(measure):
    questions = {q.key: q for q in INSTRUMENTS[measure.survey].questions}
    question = questions[measure.question]
    assert question.standard
    assert measure.kind in (SHARE, COUNT)
    if isinstance(measure.counts, AnswerIs):
        assert measure.counts.value in {c.value for c in question.choices}


@pytest.mark.parametrize("measure", MEASURES, ids=lambda m: m.key)
def test_every_measure_has_a_danish_and_an_english_label(app, measure):
    with app.test_request_context():
        with force_locale("en"):
            english = measure.title()
        with force_locale("da"):
            danish = measure.title()
    assert english == measure.label
    assert danish.strip() and danish != english


def test_the_defaults_are_the_programme_reports_criteria():
    assert default_criteria() == {
        "mentees_in_work_after_six_months": 0.33,
        "mentees_network_grown": 0.75,
        "mentors_would_recommend": 0.90,
    }
    assert [m.key for m in WITH_CRITERION] == list(default_criteria())


def test_a_city_without_criteria_in_tenant_toml_gets_the_defaults(app, in_city, city_a):
    from mentoring.results.queries import criteria_for

    with in_city(city_a):
        assert criteria_for(SimpleNamespace(success_criteria={})) == default_criteria()


def test_a_count_is_its_numerator_and_a_share_its_percent():
    records = [SurveyRecord("A", "mentor_end", {"would_recommend": v}) for v in "yny"]
    counted = Measure("x", "X", "mentor_end", "would_recommend", AnswerIs("y"), COUNT)
    shared = Measure("x", "X", "mentor_end", "would_recommend", AnswerIs("y"))
    assert figure(counted, records).value == 2
    assert figure(shared, records).value == 67


def test_the_definitions_need_no_flask_and_no_database():
    """tenancy/config.py validates tenant.toml with them before any app exists."""
    code = (
        "import sys, mentoring.results.measures, mentoring.results.aggregation,"
        " mentoring.tenancy.config;"
        " print([m for m in ('flask', 'flask_babel', 'sqlalchemy')"
        " if m in sys.modules])"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "platform")}
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed code
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    assert result.stdout.strip() == "[]"
