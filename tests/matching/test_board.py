"""The matching board: solve, reasons, total against greedy, blocking pairs;
lock, forbid, leave out, swap and undo re-solve in place; publish makes the
pairs and tells both people in their own language."""

from __future__ import annotations

import pytest

from mentoring.audit.models import AuditEntry
from mentoring.matching.models import MatchingConstraint, MatchingSettings
from mentoring.programmes.models import Pair
from tests.conftest import body_text
from tests.matching.web import (  # noqa: F401 - the fixture
    HX,
    _clean_mail_queue,
    cohort_url,
    give,
    make_cohort,
    make_plan,
    post,
    profile,
    rows,
    signed_in,
    text_of,
)
from tests.meetings.conftest import paired

CONFIRM = {"confirm": "yes"}


def rated_cohort(tenant, in_city, size: int = 3, name: str | None = None):
    """Everyone met everyone; mentee i and mentor i rate each other highest
    (5, 5, 4, ...), everyone else 1; mentee 0 and mentor 0 share a sector and
    Spanish."""
    people = make_cohort(tenant, in_city, size=size, **({"name": name} if name else {}))
    profile(
        tenant,
        in_city,
        people,
        "mentee",
        0,
        target_sectors=["life_science"],
        languages=["es"],
    )
    profile(
        tenant, in_city, people, "mentor", 0, sector="life_science", languages=["es"]
    )
    make_plan(tenant, in_city, people, k=size)
    for i, (mentee, _) in enumerate(people.mentees):
        for j, (mentor, _) in enumerate(people.mentors):
            value = (5 if i < 2 else 4) if i == j else 1
            give(tenant, in_city, people, mentee, mentor, value)
            give(tenant, in_city, people, mentor, mentee, value)
    return people


@pytest.fixture
def people(city_a, in_city):
    return rated_cohort(city_a, in_city)


def board(client, people) -> str:
    return cohort_url(people, "matching")


def proposal(app, tenant, people) -> set[tuple[int, int]]:
    """The stored proposal as (mentee number, mentor number)."""
    [settings] = rows(app, tenant, MatchingSettings)
    mentees = [str(m) for m, _ in people.mentees]
    mentors = [str(m) for m, _ in people.mentors]
    return {(mentees.index(a), mentors.index(b)) for a, b in settings.proposal["pairs"]}


def adjust(client, people, headers=None, **data):
    page = cohort_url(people, "matching")
    data = {k: str(v) for k, v in data.items()}
    return post(client, page + "/adjust", data, page, headers)


def solve(client, people, headers=None):
    page = cohort_url(people, "matching")
    return post(client, page + "/solve", {}, page, headers)


def test_solving_shows_pairs_reasons_total_and_blocking(
    app, client_for, city_a, people
):
    client = signed_in(client_for, city_a, people.coordinator)
    html = client.get(board(client, people) + "?lang=en").get_data(as_text=True)
    assert "Find the best matching" in html and "Proposed pairs" not in html

    assert solve(client, people).status_code == 302
    assert proposal(app, city_a, people) == {(0, 0), (1, 1), (2, 2)}
    html = client.get(board(client, people)).get_data(as_text=True)
    text = text_of(html)
    assert "Found the best matching." in text
    assert "Both rated each other 5 of 5." in text
    assert "Same field: life science and pharma." in text
    assert "Both speak Spanish." in text
    assert "Both rated each other 4 of 5." in text
    assert "Blocking pairs 0" in text
    assert "Total match score" in text and "a simple greedy pass" in text
    assert "Publish 3 pairs" in text
    assert 'lang="en"' in html


def test_adjustments_re_solve_in_place(app, client_for, city_a, people):
    client = signed_in(client_for, city_a, people.coordinator)
    solve(client, people)
    (m0, _), (m1, _), (m2, _) = people.mentees
    (t0, _), (t1, _), (t2, _) = people.mentors

    # Forbid 0-0: htmx swaps the board; the pair is gone.
    response = adjust(client, people, HX, action="forbid", mentee=m0, mentor=t0)
    fragment = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in fragment
    assert 'id="matching-board"' in fragment
    assert "Forbidden: Mentee 0 lyngby-taarbaek with Mentor 0 lyngby-taarbaek" in (
        text_of(fragment)
    )
    assert (0, 0) not in proposal(app, city_a, people)

    # Undo it: back to the best.
    [forbid] = rows(app, city_a, MatchingConstraint)
    adjust(client, people, HX, action="undo", constraint=forbid.id)
    assert proposal(app, city_a, people) == {(0, 0), (1, 1), (2, 2)}

    # Swap the mentors of pairs 0 and 1: both new pairs are locked, and the
    # two mutual 5s they split are blocking pairs now.
    response = adjust(client, people, HX, action="swap", mentee=m0, other=m1)
    assert proposal(app, city_a, people) == {(0, 1), (1, 0), (2, 2)}
    text = text_of(response.get_data(as_text=True))
    assert "Blocking pairs 2" in text
    assert "Locked: Mentee 0 lyngby-taarbaek with Mentor 1 lyngby-taarbaek" in text
    assert text.count("(locked)") == 2

    # Lock 0-2 instead: mentee 0's lock with mentor 1 gives way to it.
    adjust(client, people, action="lock", mentee=m0, mentor=t2)
    assert proposal(app, city_a, people) == {(0, 2), (1, 0), (2, 1)}
    kinds = {
        (c.kind, c.mentee_id, c.mentor_id)
        for c in rows(app, city_a, MatchingConstraint)
    }
    assert kinds == {("lock", m0, t2), ("lock", m1, t0)}

    # Leave mentee 2 out (without JavaScript: a redirect).
    response = adjust(client, people, action="leave_out_mentee", mentee=m2)
    assert response.status_code == 302
    assert proposal(app, city_a, people) == {(0, 2), (1, 0)}
    html = client.get(board(client, people)).get_data(as_text=True)
    assert "Left out: Mentee 2 lyngby-taarbaek" in text_of(html)
    assert 'Mentee 2 lyngby-taarbaek <span class="status">(left out)</span>' in html
    assert "Mentor 1 lyngby-taarbaek" in html.split("Not matched")[1]


def test_weights_change_the_matching(app, client_for, city_a, in_city):
    """Ratings point one way, sectors the other: the weights decide."""
    people = make_cohort(city_a, in_city, size=2)
    profile(city_a, in_city, people, "mentee", 0, target_sectors=["it"])
    profile(city_a, in_city, people, "mentor", 1, sector="it")
    profile(city_a, in_city, people, "mentee", 1, target_sectors=["finance"])
    profile(city_a, in_city, people, "mentor", 0, sector="finance")
    make_plan(city_a, in_city, people, k=2)
    for n in range(2):
        for who, whom in (
            (people.mentees, people.mentors),
            (people.mentors, people.mentees),
        ):
            give(city_a, in_city, people, who[n][0], whom[n][0], 5)
    client = signed_in(client_for, city_a, people.coordinator)
    solve(client, people)
    assert proposal(app, city_a, people) == {(0, 0), (1, 1)}
    page = cohort_url(people, "matching")
    weights = {
        "mutual_rating": 0,
        "sector": 100,
        "languages": 0,
        "goals": 0,
        "danish": 0,
    }
    assert post(client, page + "/weights", weights, page).status_code == 302
    assert proposal(app, city_a, people) == {(0, 1), (1, 0)}
    response = post(client, page + "/weights", dict.fromkeys(weights, 0), page)
    assert response.status_code == 400
    assert "Give at least one weight above zero." in response.get_data(as_text=True)


def test_publishing_makes_the_pairs_and_tells_everyone(
    app, client_for, city_a, in_city, outbox
):
    people = rated_cohort(city_a, in_city)
    paired(city_a, in_city, people, 2)  # paired by hand earlier: kept, not matched
    client = signed_in(client_for, city_a, people.coordinator)
    solve(client, people)
    assert proposal(app, city_a, people) == {(0, 0), (1, 1)}
    html = client.get(board(client, people)).get_data(as_text=True)
    assert "1 pair exists already: it is kept" in html

    page = cohort_url(people, "matching")
    response = post(client, page + "/publish", CONFIRM, page, HX)
    assert "Published 2 pairs." in response.get_data(as_text=True)
    made = {(p.mentee_id, p.mentor_id) for p in rows(app, city_a, Pair)}
    assert made == {(people.mentees[n][0], people.mentors[n][0]) for n in range(3)}
    audit = rows(app, city_a, AuditEntry, AuditEntry.action == "pair.create")
    assert len(audit) == 2

    mail = {m["To"]: m for m in outbox()}
    assert set(mail) == {people.mentees[n][1] for n in (0, 1)} | {
        people.mentors[n][1] for n in (0, 1)
    }
    # make_cohort: mentee 0 and mentor 1 read English, mentee 1 and mentor 0 Danish.
    assert mail[people.mentees[0][1]]["Subject"] == "Meet your mentor"
    assert mail[people.mentees[0][1]]["Content-Language"] == "en"
    assert "Mentor 0 lyngby-taarbaek" in body_text(mail[people.mentees[0][1]])
    assert mail[people.mentors[0][1]]["Subject"] == "Mød din mentee"
    assert mail[people.mentees[1][1]]["Content-Language"] == "da"
    assert mail[people.mentors[1][1]]["Subject"] == "Meet your mentee"


def test_publishing_asks_first_saying_how_many_pairs_and_people(
    app, client_for, city_a, in_city, outbox
):
    people = rated_cohort(city_a, in_city)
    client = signed_in(client_for, city_a, people.coordinator)
    solve(client, people)
    page = cohort_url(people, "matching")
    for headers in ({}, HX):  # a page without JavaScript; the board's block with htmx
        response = post(client, page + "/publish", {}, page, headers)
        html = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "This publishes 3 pairs" in html
        assert "6 people get an e-mail." in html
        assert 'name="confirm" value="yes"' in html
        assert ("<html" in html) == (not headers)
    assert rows(app, city_a, Pair) == []
    assert outbox() == []
    assert len(proposal(app, city_a, people)) == 3  # still there to publish
    assert post(client, page + "/publish", CONFIRM, page).status_code == 302
    assert len(rows(app, city_a, Pair)) == 3


def test_publishing_refuses_when_someone_was_paired_meanwhile(
    app, client_for, city_a, in_city, people, outbox
):
    client = signed_in(client_for, city_a, people.coordinator)
    solve(client, people)
    paired(city_a, in_city, people, 0)  # by hand, after the solve
    page = cohort_url(people, "matching")
    response = post(client, page + "/publish", CONFIRM, page)
    assert response.status_code == 400
    assert "already has a mentor" in response.get_data(as_text=True)
    assert len(rows(app, city_a, Pair)) == 1
    assert outbox() == []


def test_only_coordinators_of_the_city_use_the_board(
    app, client_for, city_a, city_b, in_city, people
):
    page = cohort_url(people, "matching")
    mentor = signed_in(client_for, city_a, people.mentors[0][1])
    assert mentor.get(page).status_code == 403
    coordinator = signed_in(client_for, city_a, people.coordinator)
    for path in ("/solve", "/publish", "/adjust", "/weights"):
        assert post(mentor, page + path, {}, "/me/").status_code == 403
    # Another cohort's person cannot be adjusted through this board.
    other = make_cohort(city_a, in_city, size=1, name="Other cohort")
    response = adjust(
        coordinator, people, action="leave_out_mentee", mentee=other.mentees[0][0]
    )
    assert response.status_code == 404
    theirs = make_cohort(city_b, in_city, size=1)
    stranger = signed_in(client_for, city_b, theirs.coordinator)
    assert stranger.get(page).status_code == 404
    token_page = cohort_url(theirs, "matching")
    response = post(stranger, page + "/solve", {}, token_page)
    assert response.status_code == 404
    assert rows(app, city_a, MatchingSettings) == []


def test_the_board_runs_a_fixed_number_of_queries(
    app, client_for, city_a, in_city, count_queries
):
    def queries(size: int) -> int:
        people = rated_cohort(city_a, in_city, size=size, name=f"Size {size}")
        client = signed_in(client_for, city_a, people.coordinator)
        solve(client, people)
        adjust(
            client,
            people,
            action="forbid",
            mentee=people.mentees[0][0],
            mentor=people.mentors[0][0],
        )
        with count_queries() as counter:
            assert client.get(cohort_url(people, "matching")).status_code == 200
        return counter.count

    assert queries(3) == queries(8)


def test_after_publishing_the_board_shows_the_pairs_by_name(
    app, client_for, city_a, in_city, people, outbox, count_queries
):
    client = signed_in(client_for, city_a, people.coordinator)
    solve(client, people)
    adjust(
        client,
        people,
        action="lock",
        mentee=people.mentees[0][0],
        mentor=people.mentors[0][0],
    )
    page = cohort_url(people, "matching")
    post(client, page + "/publish", CONFIRM, page, HX)
    with count_queries() as counter:
        html = client.get(f"{page}?lang=en").get_data(as_text=True)
    assert "Pairs made" in html
    published = html.split('class="table--stack matching-published"')[1]
    published = published.split("</table>")[0]
    for n in range(3):
        assert f'<th scope="row">Mentee {n} lyngby-taarbaek' in published
        assert f"Mentor {n} lyngby-taarbaek" in published
    assert "Locked:" not in html and "?" not in text_of(html)
    assert counter.count <= 25
