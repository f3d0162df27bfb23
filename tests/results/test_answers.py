"""Every answer of a survey per cohort: the pure tallies, the page and the CSV."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from mentoring.results.answers import (
    GivenAnswer,
    QuestionInfo,
    answers_csv,
    help_requests,
    tally,
)
from tests.conftest import login

PAGE = "/coordinator/results/answers"
NOW = datetime(2030, 6, 1, 8, 0, tzinfo=UTC)
SCALE = tuple((str(n), str(n)) for n in range(1, 6))


def given(question: str, value: Any, minutes: int = 0, **who: str) -> GivenAnswer:
    return GivenAnswer(question, value, NOW + timedelta(minutes=minutes), **who)


# -- pure ------------------------------------------------------------------------


def test_scale_tally_counts_each_point_and_the_share_agreeing():
    question = QuestionInfo("satisfaction", "scale", "Satisfied?", SCALE)
    values = [5, 5, 4, 3, 1, 2, 4, None]
    result = tally(question, [given("satisfaction", v) for v in values])
    assert result.n == 7
    assert [(c.value, c.count) for c in result.counts] == [
        ("1", 1),
        ("2", 1),
        ("3", 1),
        ("4", 2),
        ("5", 2),
    ]
    assert result.agreeing_percent == 57  # 4 of 7
    assert not result.small_sample


def test_yes_no_and_single_count_per_choice_with_shares():
    question = QuestionInfo("cv_improved", "yes_no", "CV?", (("yes", "Y"), ("no", "N")))
    result = tally(question, [given("cv_improved", v) for v in ["yes", "yes", "no"]])
    assert [(c.label, c.count, c.percent) for c in result.counts] == [
        ("Y", 2, 67),
        ("N", 1, 33),
    ]
    assert result.small_sample and result.agreeing is None


def test_multi_counts_every_pick_against_the_people_answering():
    choices = (("a", "A"), ("b", "B"), ("c", "C"))
    question = QuestionInfo("motivation", "multi", "Why?", choices)
    answers = [given("motivation", v) for v in (["a", "b"], ["a"], [], ["a", "c"])]
    result = tally(question, answers)
    assert result.n == 3  # the empty pick is no answer
    assert [(c.value, c.count, c.percent) for c in result.counts] == [
        ("a", 3, 100),
        ("b", 1, 33),
        ("c", 1, 33),
    ]


def test_text_lists_the_answers_newest_first_without_empty_ones():
    question = QuestionInfo("comments", "text", "Comments")
    answers = [
        given("comments", "old", 1),
        given("comments", "  "),
        given("comments", "new", 9),
    ]
    assert tally(question, answers).texts == ["new", "old"]


def test_help_requests_keep_the_person_and_skip_blank_answers():
    asked = given("help_needed", "A CV check", 2, name="Amal", email="a@example.org")
    blank = given("help_needed", "", 3, name="Bo")
    assert help_requests([blank, asked, given("going_well", 4)]) == [asked]


def test_csv_names_only_the_help_question():
    questions = [
        QuestionInfo("going_well", "scale", "Going well?", SCALE),
        QuestionInfo("help_needed", "text", "Help?"),
    ]
    rows = [
        given("going_well", 4, name="Amal", email="a@example.org"),
        given("help_needed", "=HYPERLINK(1)", name="Amal", email="a@example.org"),
    ]
    raw = answers_csv(["k", "q", "a", "n", "e", "p"], "midway", questions, rows)
    body = raw.decode("utf-8")
    assert body.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    assert table == [
        ["k", "q", "a", "n", "e", "p"],
        ["going_well", "Going well?", "4", "", "", ""],
        ["help_needed", "Help?", "'=HYPERLINK(1)", "Amal", "a@example.org", ""],
    ]


# -- the page ---------------------------------------------------------------------


def seed(in_city, tenant, people, cohort="Spring", survey="midway", extra=None):
    """One cohort; ``people`` are dicts of question key -> value, each a survey
    sent in, except those with ``"_sent": False`` (saved, not sent in)."""
    from mentoring.extensions import db
    from mentoring.surveys.instruments import Question
    from mentoring.surveys.models import SurveyAnswer, SurveyInvitation
    from mentoring.surveys.services import add_version, ensure_standard_surveys
    from tests.factories import CohortFactory, ParticipantFactory, UserFactory

    with in_city(tenant):
        definition = ensure_standard_surveys()[survey]
        if extra:
            definition = add_version(survey, [Question(*extra)])
        by_key = {q.key: q for q in definition.questions}
        group = CohortFactory(name=cohort, status="running")
        for n, person in enumerate(people):
            person = dict(person)
            sent = person.pop("_sent", True)
            user = UserFactory(full_name=person.pop("_name", f"Named {n}"))
            invitation = SurveyInvitation(
                definition_id=definition.id,
                survey_key=survey,
                cohort_id=group.id,
                participant_id=ParticipantFactory(cohort=group, user=user).id,
                sent_at=NOW,
                completed_at=NOW + timedelta(minutes=n) if sent else None,
            )
            invitation.answers = [
                SurveyAnswer(question_id=by_key[k].id, value=v)
                for k, v in person.items()
            ]
            db.session.add(invitation)
        db.session.flush()
        return str(group.id)


@pytest.fixture
def coordinator_of(client_for, make_user):
    def make(tenant):
        client = client_for(tenant)
        login(client, make_user(tenant, role="coordinator").email)
        return client

    return make


def section(html: str, key: str) -> str:
    match = re.search(rf'<section[^>]*id="question-{key}".*?</section>', html, re.S)
    assert match, f"no section for {key}"
    return match.group(0)


def rows_of(html: str, key: str) -> list[list[str]]:
    body = section(html, key).split("<tbody>")[1]
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def get(client, cohort, survey="midway", lang="en"):
    return client.get(f"{PAGE}?cohort={cohort}&survey={survey}&lang={lang}")


def test_every_question_with_counts_small_sample_and_unsent_left_out(
    coordinator_of, city_a, in_city
):
    people = [
        {"going_well": 5, "meetings_so_far": "one_two"},
        {"going_well": 4, "meetings_so_far": "none"},
        {"going_well": 1, "meetings_so_far": "one_two", "_sent": False},
    ]
    cohort = seed(in_city, city_a, people)
    html = get(coordinator_of(city_a), cohort).get_data(as_text=True)
    going = section(html, "going_well")
    assert "2 answers (small sample)" in going
    assert "Agreeing (4–5): 100 %" in going
    assert rows_of(html, "going_well")[0] == ["1", "0", "0 % (small sample)"]
    assert rows_of(html, "meetings_so_far")[1] == [
        "1–2 times",
        "1",
        "50 % (small sample)",
    ]
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart"' in going
    assert "1 (50 %) *" in section(html, "meetings_so_far")
    assert "help_needed" in html  # the question is shown though no one answered


def test_free_text_without_names_and_the_help_flag_with_the_person(
    coordinator_of, city_a, in_city
):
    people = [
        {"help_needed": "Please help with my CV", "_name": "Amal Haddad"},
        {"help_needed": "Not right now, thanks", "_name": "Bo Berg"},
        {"going_well": 3, "_name": "Cai Dahl"},
    ]
    cohort = seed(in_city, city_a, people)
    html = get(coordinator_of(city_a), cohort).get_data(as_text=True)
    panel = re.search(r'<section[^>]*id="help-requests".*?</section>', html, re.S)[0]
    assert "2 people asked for help" in panel
    assert "Amal Haddad" in panel and "Please help with my CV" in panel
    assert "Cai Dahl" not in html
    # the end-of-programme comments list no names
    end = seed(
        in_city,
        city_a,
        [{"comments": "Lovely mentor", "_name": "Dana Eng"}],
        cohort="Autumn",
        survey="mentee_end",
    )
    html = get(coordinator_of(city_a), end, "mentee_end").get_data(as_text=True)
    assert "Lovely mentor" in section(html, "comments")
    assert "Dana Eng" not in html
    assert "0 people asked for help" in html
    for key in ("momentum", "work_culture", "clarity", "cv_improved"):
        assert section(html, key)


def test_the_citys_own_question_is_shown(coordinator_of, city_a, in_city):
    extra = ("bike", "yes_no", "Kom du på cykel?", "Did you come by bike?")
    cohort = seed(in_city, city_a, [{"bike": "yes"}], extra=extra)
    html = get(coordinator_of(city_a), cohort).get_data(as_text=True)
    bike = section(html, "bike")
    assert "Did you come by bike?" in bike
    assert "The city's own question" in bike
    assert rows_of(html, "bike")[0][:2] == ["Yes", "1"]


def test_csv_download(coordinator_of, city_a, in_city):
    people = [
        {"help_needed": "=cmd|' /C calc'!A0", "going_well": 2, "_name": "Amal"},
        {"going_well": 5, "_name": "Bo", "_sent": False},
    ]
    cohort = seed(in_city, city_a, people)
    response = coordinator_of(city_a).get(
        f"{PAGE}.csv?cohort={cohort}&survey=midway&lang=en"
    )
    assert response.status_code == 200
    assert response.content_type == "text/csv; charset=utf-8"
    body = response.get_data(as_text=True)
    assert body.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    assert table[0] == ["Question key", "Question", "Answer", "Name", "E-mail", "Phone"]
    assert [row[0] for row in table[1:]] == ["going_well", "help_needed"]
    assert table[1][2:4] == ["2", ""]
    assert table[2][2] == "'=cmd|' /C calc'!A0" and table[2][3] == "Amal"


@pytest.mark.parametrize("role", ["mentor", "mentee"])
def test_only_coordinators(client_for, make_user, city_a, in_city, role):
    cohort = seed(in_city, city_a, [{"going_well": 4}])
    client = client_for(city_a)
    login(client, make_user(city_a, role=role).email)
    assert get(client, cohort).status_code == 403
    assert client.get(f"{PAGE}.csv?cohort={cohort}").status_code == 403


def test_another_citys_cohort_is_not_found(coordinator_of, city_a, city_b, in_city):
    cohort = seed(in_city, city_b, [{"help_needed": "Help", "_name": "Aarhus Person"}])
    client = coordinator_of(city_a)
    assert get(client, cohort).status_code == 404
    assert client.get(f"{PAGE}.csv?cohort={cohort}&survey=midway").status_code == 404
    assert get(client, "not-an-id").status_code == 404
    assert get(client, cohort, survey="nope").status_code == 404


def test_links_from_the_results_and_cohort_pages(coordinator_of, city_a, in_city):
    cohort = seed(in_city, city_a, [{"going_well": 4}])
    client = coordinator_of(city_a)
    results = client.get("/coordinator/results/?lang=en").get_data(as_text=True)
    assert f'href="{PAGE}"' in results
    page = client.get(f"/coordinator/cohorts/{cohort}?lang=en").get_data(as_text=True)
    assert f"{PAGE}?cohort={cohort}&amp;survey=midway" in page
    assert get(client, "").status_code == 200  # no cohort yet: the choice only


def test_query_count_does_not_grow_with_data(
    coordinator_of, city_a, in_city, count_queries
):
    client = coordinator_of(city_a)
    counts = []
    for size in (1, 12):
        people = [
            {"going_well": n % 5 + 1, "help_needed": f"Help {n}"} for n in range(size)
        ]
        cohort = seed(in_city, city_a, people, cohort=f"Cohort {size}")
        get(client, cohort)  # warm up
        with count_queries() as counter:
            assert get(client, cohort).status_code == 200
        counts.append(counter.count)
    # The same few statements at either size; on PostgreSQL each transaction
    # also sets the city for row-level security (one statement more each).
    assert counts[0] == counts[1] <= 12, counts


def test_the_page_speaks_danish(coordinator_of, city_a, in_city):
    cohort = seed(in_city, city_a, [{"help_needed": "Hjælp til CV"}])
    html = get(coordinator_of(city_a), cohort, lang="da").get_data(as_text=True)
    assert '<html lang="da"' in html
    assert "Alle svar" in html
    assert "1 person bad om hjælp" in html
    assert "Er der noget, koordinatoren kan hjælpe med?" in html


def test_htmx_filter_gets_only_the_fragment(coordinator_of, city_a, in_city):
    cohort = seed(in_city, city_a, [{"going_well": 4}])
    response = coordinator_of(city_a).get(
        f"{PAGE}?cohort={cohort}&survey=midway&lang=en", headers={"HX-Request": "true"}
    )
    html = response.get_data(as_text=True)
    assert "<html" not in html and 'id="question-going_well"' in html
    assert "HX-Request" in response.headers["Vary"]
