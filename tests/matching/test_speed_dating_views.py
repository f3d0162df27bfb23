"""The kickoff plan: the coordinator makes and prints it, each person sees their
own rounds; remade until ratings come in; other cities and roles are kept out."""

from __future__ import annotations

import re
from pathlib import Path

from mentoring.matching.models import SpeedDate
from tests.matching.web import (  # noqa: F401 - the fixture
    _clean_mail_queue,
    cohort_url,
    give,
    make_cohort,
    make_plan,
    my_url,
    open_rating,
    post,
    profile,
    rows,
    signed_in,
    text_of,
)

CSS = Path(__file__).parents[2] / "platform/mentoring/core/static/css/app.css"


def test_the_coordinator_makes_a_printable_plan(app, client_for, city_a, in_city):
    people = make_cohort(city_a, in_city, size=4)
    client = signed_in(client_for, city_a, people.coordinator)
    page = cohort_url(people, "speed-dating")
    assert "Make the plan" in client.get(page).get_data(as_text=True)

    response = post(client, page, {"k": "3"}, page)
    assert response.status_code == 302
    talks = rows(app, city_a, SpeedDate)
    assert len(talks) == 12  # 4 mentees x 3 mentors each
    for mentee, _email in people.mentees:
        met = [t.mentor_id for t in talks if t.mentee_id == mentee]
        assert len(met) == len(set(met)) == 3  # nobody twice
    rounds = {(t.round_no, t.mentee_id) for t in talks}
    assert len(rounds) == len(talks)  # one table per person per round

    html = client.get(page).get_data(as_text=True)
    assert "Plan made: 12 talks." in html
    assert "The plan: 3 rounds at 4 tables" in html
    assert "Round 3" in html and "Table 4" in html
    assert "Mentor 0 lyngby-taarbaek" in html
    assert 'class="speed-plan"' in html
    css = CSS.read_text()
    assert "@media print" in css and ".speed-plan" in css


def test_profiles_steer_who_meets(app, client_for, city_a, in_city):
    """With one talk each, the mentee targeting the mentor's sector meets them."""
    people = make_cohort(city_a, in_city, size=2)
    profile(city_a, in_city, people, "mentee", 0, target_sectors=["it"])
    profile(city_a, in_city, people, "mentee", 1, target_sectors=["finance"])
    profile(city_a, in_city, people, "mentor", 0, sector="finance")
    profile(city_a, in_city, people, "mentor", 1, sector="it")
    make_plan(city_a, in_city, people, k=1)
    met = {(t.mentee_id, t.mentor_id) for t in rows(app, city_a, SpeedDate)}
    assert met == {
        (people.mentees[0][0], people.mentors[1][0]),
        (people.mentees[1][0], people.mentors[0][0]),
    }


def test_the_plan_is_remade_until_ratings_come_in(app, client_for, city_a, in_city):
    people = make_cohort(city_a, in_city, size=3)
    make_plan(city_a, in_city, people, k=2)
    client = signed_in(client_for, city_a, people.coordinator)
    page = cohort_url(people, "speed-dating")
    assert post(client, page, {"k": "3"}, page).status_code == 302
    assert len(rows(app, city_a, SpeedDate)) == 9

    [talk, *_] = rows(app, city_a, SpeedDate)
    give(city_a, in_city, people, talk.mentee_id, talk.mentor_id, 4)
    response = post(client, page, {"k": "1"}, page)
    assert response.status_code == 400
    assert "People have rated the plan" in response.get_data(as_text=True)
    assert len(rows(app, city_a, SpeedDate)) == 9


def test_a_bad_k_is_refused(app, client_for, city_a, in_city):
    people = make_cohort(city_a, in_city, size=2)
    client = signed_in(client_for, city_a, people.coordinator)
    page = cohort_url(people, "speed-dating")
    response = post(client, page, {"k": "0"}, page)
    assert response.status_code == 400
    assert "From 1 to 20 talks." in response.get_data(as_text=True)
    assert rows(app, city_a, SpeedDate) == []


def test_each_person_sees_their_own_rounds(app, client_for, city_a, in_city):
    people = make_cohort(city_a, in_city, size=3)
    make_plan(city_a, in_city, people, k=2)
    mentee_id, email = people.mentees[0]
    mine = [t for t in rows(app, city_a, SpeedDate) if t.mentee_id == mentee_id]
    client = signed_in(client_for, city_a, email)
    html = client.get(my_url(people) + "?lang=en").get_data(as_text=True)
    text = text_of(html)
    assert "Your speed-dating rounds" in html
    for talk in mine:
        n = [m for m, _ in people.mentors].index(talk.mentor_id)
        where = f"Round {talk.round_no} · Table {talk.table_no}"
        assert f"{where} · Mentor {n} lyngby-taarbaek" in text
    assert text.count("· Table") == 2
    # The participant home links to it.
    home = client.get("/me/").get_data(as_text=True)
    assert f'href="{my_url(people)}"' in home
    assert "Your speed-dating rounds" in home


def test_the_participant_home_offers_rating_when_open(app, client_for, city_a, in_city):
    people = make_cohort(city_a, in_city, size=2)
    make_plan(city_a, in_city, people, k=2)
    open_rating(city_a, in_city, people)
    client = signed_in(client_for, city_a, people.mentors[1][1])
    home = client.get("/me/?lang=en").get_data(as_text=True)
    assert "Rate the people you met" in home


def test_participants_see_only_their_own_cohort(
    app, client_for, city_a, city_b, in_city
):
    people = make_cohort(city_a, in_city, size=2)
    other = make_cohort(city_a, in_city, size=1, name="Other cohort")
    make_plan(city_a, in_city, people, k=2)
    client = signed_in(client_for, city_a, other.mentees[0][1])
    assert client.get(my_url(people)).status_code == 404
    # A participant cannot open the coordinator's pages.
    client = signed_in(client_for, city_a, people.mentees[0][1])
    assert client.get(cohort_url(people, "speed-dating")).status_code == 403
    # Another city's coordinator: the cohort does not exist there.
    theirs = make_cohort(city_b, in_city, size=1)
    client = signed_in(client_for, city_b, theirs.coordinator)
    assert client.get(cohort_url(people, "speed-dating")).status_code == 404
    assert client.get(cohort_url(people, "matching")).status_code == 404


def test_the_plan_page_in_danish(app, client_for, city_a, in_city):
    people = make_cohort(city_a, in_city, size=2)
    make_plan(city_a, in_city, people, k=2)
    client = signed_in(client_for, city_a, people.coordinator)
    html = client.get(cohort_url(people, "speed-dating") + "?lang=da").get_data(
        as_text=True
    )
    assert '<html lang="da">' in html


def test_no_plan_once_the_kickoff_is_past_and_the_pairs_are_made(
    app, client_for, city_a, in_city, clock
):
    from datetime import timedelta

    from mentoring.extensions import db
    from mentoring.programmes.models import Cohort
    from tests.events.factories import EventFactory
    from tests.meetings.conftest import paired

    people = make_cohort(city_a, in_city, size=2)
    with in_city(city_a):
        cohort = db.session.scalar(
            db.select(Cohort).where(Cohort.id == people.cohort_id)
        )
        EventFactory(cohort=cohort, starts_at=clock.now() - timedelta(days=30))
    client = signed_in(client_for, city_a, people.coordinator)
    page = cohort_url(people, "speed-dating")
    # The kickoff is past but nobody is paired yet: a plan may still be made.
    assert post(client, page, {"k": "1"}, page).status_code == 302
    paired(city_a, in_city, people)
    response = post(client, page, {"k": "2"}, page)
    assert response.status_code == 400
    assert "the pairs are made" in response.get_data(as_text=True)
    assert len(rows(app, city_a, SpeedDate)) == 2  # the plan of k=1 is kept


def test_the_plan_leaves_out_who_said_no_to_the_kickoff(
    app, client_for, city_a, in_city
):
    from mentoring.extensions import db
    from mentoring.programmes.models import Cohort, Participant
    from tests.events.factories import EventFactory, InvitationFactory

    people = make_cohort(city_a, in_city, size=3)
    with in_city(city_a):
        cohort = db.session.get(Cohort, people.cohort_id)
        kickoff = EventFactory(cohort=cohort, kind="kickoff")
        answers = {people.mentees[0][0]: "no", people.mentors[1][0]: "no"}
        answers[people.mentees[1][0]] = "maybe"
        for pid, answer in answers.items():
            participant = db.session.get(Participant, pid)
            InvitationFactory(event=kickoff, participant=participant, rsvp=answer)
    client = signed_in(client_for, city_a, people.coordinator)
    page = cohort_url(people, "speed-dating")
    post(client, page, {"k": "2"}, page)
    talks = rows(app, city_a, SpeedDate)
    seated = {t.mentee_id for t in talks} | {t.mentor_id for t in talks}
    assert people.mentees[0][0] not in seated and people.mentors[1][0] not in seated
    assert {people.mentees[1][0], people.mentees[2][0]} <= seated
    assert len(talks) == 4  # 2 mentees x 2 mentors
    html = text_of(client.get(f"{page}?lang=en").get_data(as_text=True))
    assert (
        "Left out because they said no to the kickoff: "
        "Mentee 0 lyngby-taarbaek, Mentor 1 lyngby-taarbaek." in html
    )
    sitting_out = html.split("Sitting out")[-1]
    assert "Mentee 0 lyngby-taarbaek" not in sitting_out.split("Each participant")[0]


def test_a_plan_of_15_tables_shows_every_table_and_round(
    app, client_for, city_a, in_city
):
    """A new cohort's plan at 15 tables once showed only up to table 12: the
    17-column table was cut off by its scroll box on paper. Now one row per table
    (the mentor stays there) and one column per round, all of them on the page,
    and the print stylesheet lets the box grow."""
    people = make_cohort(city_a, in_city, size=15)
    assert make_plan(city_a, in_city, people, k=5) == 75
    client = signed_in(client_for, city_a, people.coordinator)
    html = client.get(cohort_url(people, "speed-dating") + "?lang=en").get_data(
        as_text=True
    )
    assert "The plan: 5 rounds at 15 tables" in html
    plan = html.split('class="speed-plan"')[1].split("</table>")[0]
    head, body = plan.split("<tbody>")
    assert [f"Round {n}" for n in range(1, 6)] == re.findall(r"Round \d+", head)
    table_rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    assert len(table_rows) == 15
    talks = {(t.table_no, t.round_no): t for t in rows(app, city_a, SpeedDate)}
    names = {m: f"Mentee {n} {city_a.slug}" for n, (m, _) in enumerate(people.mentees)}
    for number, row in enumerate(table_rows, start=1):
        assert f"Table {number}<" in row
        cells = re.findall(r"<td>(.*?)</td>", row, re.S)
        assert len(cells) == 5  # every round
        for round_no, cell in enumerate(cells, start=1):
            talk = talks.get((number, round_no))
            assert (names[talk.mentee_id] if talk else "empty") in cell
    assert 'role="region"' in html and 'tabindex="0"' in html
    css = CSS.read_text()
    matching_end = css.split("issue point 6")[1]
    on_paper = matching_end.split("@media print")[1]
    assert ".plan-scroll { overflow: visible; }" in on_paper
