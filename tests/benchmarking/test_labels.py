"""Names and words for the network's figures, in both languages."""

from __future__ import annotations

import pytest
from flask_babel import force_locale

from mentoring.benchmarking import disclosure
from mentoring.benchmarking.labels import (
    LABELS,
    measure_label,
    reason_text,
    value_text,
)


@pytest.fixture
def request_ctx(app):
    with app.test_request_context("/"):
        yield


@pytest.mark.parametrize(
    ("key", "english"),
    [
        ("mentees_in_work_after_six_months", "Mentees in work six months after"),
        ("participants_mentees", "Mentees who took part"),
        ("response_rate_mentor_end", "Response rate: Evaluation for mentors"),
        ("motivation_welcoming", "Mentors motivated by: Welcoming others"),
        ("motivation_unheard_of", "Measure “motivation_unheard_of”"),
        ("something_new", "Measure “something_new”"),
    ],
)
def test_every_key_gets_a_name(request_ctx, key, english):
    with force_locale("en"):
        assert measure_label(key) == english


def test_network_only_measures_are_named_in_danish(request_ctx):
    with force_locale("en"):
        english = {key: measure_label(key) for key in LABELS}
    with force_locale("da"):
        for key in LABELS:
            assert measure_label(key) != english[key], key
        assert measure_label("motivation_welcoming").endswith("At byde andre velkommen")


def test_values_are_worded_by_kind(request_ctx):
    with force_locale("da"):
        assert value_text("share", 45.0) == "45 %"
        assert value_text("mean", 2.5) == "2,5"
        assert value_text("count", 1200.0) == "1.200"
        assert value_text("share", None) == "ikke offentliggjort"
    with force_locale("en"):
        assert value_text("mean", 2.5) == "2.5"


@pytest.mark.parametrize(
    "code",
    [
        disclosure.SMALL_COUNT,
        disclosure.SMALL_BASE,
        disclosure.SMALL_COMPLEMENT,
        disclosure.FEW_CITIES,
        disclosure.SECONDARY,
        "unknown",
        None,
    ],
)
def test_every_reason_is_explained_in_words(request_ctx, code):
    with force_locale("en"):
        english = reason_text(code)
    with force_locale("da"):
        danish = reason_text(code)
    assert english and danish and english != danish
