"""The city's pages: the public programme page, the coordinator's and participants'."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import login


def test_the_public_page_names_the_city_and_its_contact(client_for, city_a):
    html = client_for(city_a).get("/?lang=en").get_data(as_text=True)
    assert city_a.name_en in html
    assert city_a.contact["email"] in html
    assert 'href="/login"' in html


@pytest.fixture
def pair(city_a, in_city):
    from tests.factories import PairFactory

    with in_city(city_a):
        pair = PairFactory(
            mentor__user__full_name="Mette Mentor",
            mentor__user__email="mette@a.example",
            mentor__user__phone="+45 12 34 56 78",
            mentee__user__full_name="Maria Mentee",
            mentee__user__email="maria@a.example",
        )
        return {
            "cohort": pair.cohort.name,
            "mentor": pair.mentor.user.email,
            "mentee": pair.mentee.user.email,
        }


def test_a_mentee_sees_their_mentors_contact(client_for, city_a, pair):
    client = client_for(city_a)
    login(client, pair["mentee"])
    html = client.get("/me/?lang=en").get_data(as_text=True)
    assert pair["cohort"] in html
    assert "Your mentor" in html
    assert "Mette Mentor" in html
    assert 'href="mailto:mette@a.example"' in html
    assert 'href="tel:+4512345678"' in html


def test_a_mentor_sees_their_mentees_contact(client_for, city_a, pair):
    client = client_for(city_a)
    login(client, pair["mentor"])
    html = client.get("/me/?lang=en").get_data(as_text=True)
    assert "Your mentee" in html
    assert "Maria Mentee" in html
    assert "maria@a.example" in html


def test_an_unmatched_participant_is_told_so(client_for, city_a, in_city):
    from tests.factories import ParticipantFactory

    with in_city(city_a):
        email = ParticipantFactory(user__role="mentee").user.email
    client = client_for(city_a)
    login(client, email)
    html = client.get("/me/?lang=en").get_data(as_text=True)
    assert "You have not been matched yet" in html


def test_the_coordinator_sees_every_cohort_with_its_counts(
    client_for, city_a, city_b, make_user, in_city
):
    from tests.factories import CohortFactory, PairFactory

    with in_city(city_a):
        PairFactory(cohort__name="Spring 2026")
        CohortFactory(name="Autumn 2025", starts_on=date(2025, 9, 1))
    with in_city(city_b):
        CohortFactory(name="Aarhus only")
    client = client_for(city_a)
    login(client, make_user(city_a, role="coordinator").email)
    html = client.get("/coordinator/?lang=en").get_data(as_text=True)
    assert html.index("Spring 2026") < html.index("Autumn 2025")  # newest first
    assert "Aarhus only" not in html
    row = html[html.index("Spring 2026") :].split("</tr>")[0]
    assert "1 / 15" in row  # mentees / capacity, mentors / capacity
    assert row.count("1 / 15") == 2


def test_the_coordinator_home_runs_a_fixed_number_of_queries(
    client_for, city_a, make_user, in_city, count_queries
):
    from tests.factories import PairFactory

    client = client_for(city_a)
    login(client, make_user(city_a, role="coordinator").email)

    def queries() -> int:
        client.get("/coordinator/")
        with count_queries() as counter:
            assert client.get("/coordinator/").status_code == 200
        return counter.count

    with in_city(city_a):
        PairFactory.create_batch(2)
    few = queries()
    with in_city(city_a):
        PairFactory.create_batch(20)
    assert queries() == few


def test_the_participant_home_runs_a_fixed_number_of_queries(
    client_for, city_a, in_city, count_queries
):
    from mentoring.accounts.models import User
    from mentoring.extensions import db
    from tests.factories import PairFactory, UserFactory

    with in_city(city_a):
        user = UserFactory(role="mentee")
        PairFactory(mentee__user=user)
        email = user.email
    client = client_for(city_a)
    login(client, email)

    def queries() -> int:
        client.get("/me/")
        with count_queries() as counter:
            assert client.get("/me/").status_code == 200
        return counter.count

    few = queries()
    with in_city(city_a):
        same = db.session.scalar(db.select(User).where(User.email == email))
        PairFactory.create_batch(5, mentee__user=same)
    assert queries() == few
