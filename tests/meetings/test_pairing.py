"""Pairing by hand: the board, the rules, the audit trail and the e-mails to both."""

from __future__ import annotations

from mentoring.audit.models import AuditEntry
from mentoring.programmes.models import Pair
from tests.conftest import body_text, csrf_token
from tests.meetings.conftest import make_cohort, paired, rows, signed_in

HX = {"HX-Request": "true"}


def pairs_url(people) -> str:
    return f"/coordinator/cohorts/{people.cohort_id}/pairs"


def post_pair(client, people, mentee, mentor, headers=None):
    token = csrf_token(client, pairs_url(people))
    return client.post(
        pairs_url(people),
        data={"mentee": str(mentee), "mentor": str(mentor), "csrf_token": token},
        headers=headers or {},
    )


def test_the_board_lists_pairs_and_who_is_unpaired(
    client_for, city_a, in_city, cohort_a
):
    paired(city_a, in_city, cohort_a, 0)
    client = signed_in(client_for, city_a, cohort_a.coordinator)
    html = client.get(pairs_url(cohort_a)).get_data(as_text=True)
    table = html[html.index("<table") : html.index("</table>")]
    assert "Mentee 0 lyngby-taarbaek" in table
    assert "Mentor 0 lyngby-taarbaek" in table
    unpaired = html[html.index("Not paired yet") :]
    assert "Mentee 1 lyngby-taarbaek" in unpaired
    assert "Mentor 1 lyngby-taarbaek" in unpaired
    assert "Mentee 0 lyngby-taarbaek" not in unpaired.split("<form")[0]
    assert 'name="mentee"' in html  # the form offers the unpaired


def test_pairing_makes_a_pair_audits_it_and_tells_both_in_their_language(
    app, client_for, city_a, cohort_a, outbox
):
    (mentee_id, mentee_email), (mentor_id, mentor_email) = (
        cohort_a.mentees[0],
        cohort_a.mentors[0],
    )
    client = signed_in(client_for, city_a, cohort_a.coordinator)
    response = post_pair(client, cohort_a, mentee_id, mentor_id)
    assert response.status_code == 302

    [pair] = rows(app, city_a, Pair, Pair.cohort_id == cohort_a.cohort_id)
    assert (pair.mentee_id, pair.mentor_id) == (mentee_id, mentor_id)
    [entry] = rows(app, city_a, AuditEntry, AuditEntry.action == "pair.create")
    assert entry.subject_id == pair.id
    assert entry.subject_label == "Mentee 0 lyngby-taarbaek – Mentor 0 lyngby-taarbaek"
    assert "Paired Mentee 0" in client.get(pairs_url(cohort_a)).get_data(as_text=True)

    mail = {m["To"]: m for m in outbox()}
    assert set(mail) == {mentee_email, mentor_email}
    to_mentee, to_mentor = mail[mentee_email], mail[mentor_email]
    # The mentee reads English (saved choice), the mentor Danish.
    assert to_mentee["Content-Language"] == "en"
    assert to_mentee["Subject"] == "Meet your mentor"
    text = body_text(to_mentee)
    assert "Your mentor in " in text
    assert "Mentor 0 lyngby-taarbaek" in text
    assert mentor_email in text and "+45 22 22 22 00" in text
    assert f"/pairs/{pair.id}" in text
    assert city_a.name_en in text
    assert to_mentor["Content-Language"] == "da"
    assert to_mentor["Subject"] == "Mød din mentee"
    text = body_text(to_mentor)
    assert "Mentee 0 lyngby-taarbaek" in text
    assert mentee_email in text and "+45 11 11 11 00" in text
    assert city_a.name_en not in text and city_a.name_da in text


def test_pairing_with_htmx_swaps_the_board_in_place(app, client_for, city_a, cohort_a):
    client = signed_in(client_for, city_a, cohort_a.coordinator)
    response = post_pair(
        client, cohort_a, cohort_a.mentees[1][0], cohort_a.mentors[0][0], HX
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in html and 'id="pair-board"' in html
    assert "Paired Mentee 1 lyngby-taarbaek – Mentor 0 lyngby-taarbaek" in html
    assert len(rows(app, city_a, Pair)) == 1


def test_each_person_is_paired_at_most_once(
    app, client_for, city_a, in_city, cohort_a, outbox
):
    paired(city_a, in_city, cohort_a, 0)
    client = signed_in(client_for, city_a, cohort_a.coordinator)
    response = post_pair(
        client, cohort_a, cohort_a.mentees[0][0], cohort_a.mentors[1][0]
    )
    assert response.status_code == 400
    assert "Mentee 0 lyngby-taarbaek already has a mentor." in response.get_data(
        as_text=True
    )
    response = post_pair(
        client, cohort_a, cohort_a.mentees[1][0], cohort_a.mentors[0][0], HX
    )
    assert response.status_code == 200  # htmx swaps only 2xx: the error shows in place
    assert "Mentor 0 lyngby-taarbaek already has a mentee." in response.get_data(
        as_text=True
    )
    assert len(rows(app, city_a, Pair)) == 1
    assert rows(app, city_a, AuditEntry) == []
    assert outbox() == []


def test_only_a_mentee_and_a_mentor_of_this_cohort_can_be_paired(
    app, client_for, city_a, in_city, cohort_a, outbox
):
    other = make_cohort(city_a, in_city, size=1, name="Other cohort")
    client = signed_in(client_for, city_a, cohort_a.coordinator)
    mentee, mentor = cohort_a.mentees[0][0], cohort_a.mentors[0][0]
    attempts = [
        (other.mentees[0][0], mentor, "Choose a mentee of this cohort."),
        (mentee, other.mentors[0][0], "Choose a mentor of this cohort."),
        (mentor, mentee, "Choose a mentee of this cohort."),  # roles swapped
        ("not-an-id", mentor, "Choose a mentee of this cohort."),
        ("", mentor, "Choose a mentee."),
    ]
    for mentee_id, mentor_id, message in attempts:
        response = post_pair(client, cohort_a, mentee_id, mentor_id)
        html = response.get_data(as_text=True)
        assert response.status_code == 400, message
        assert message in html
        assert 'lang="en"' in html
    assert rows(app, city_a, Pair) == []
    assert outbox() == []


def test_a_closed_cohort_keeps_its_pairs(app, client_for, city_a, in_city):
    people = make_cohort(city_a, in_city, status="closed")
    client = signed_in(client_for, city_a, people.coordinator)
    response = post_pair(client, people, people.mentees[0][0], people.mentors[0][0])
    assert response.status_code == 400
    assert "This cohort is closed" in response.get_data(as_text=True)
    assert rows(app, city_a, Pair) == []


def test_unpairing_asks_first_then_removes_the_pair_and_audits_it(
    app, client_for, city_a, in_city, cohort_a
):
    pair_id = paired(city_a, in_city, cohort_a, 0)
    client = signed_in(client_for, city_a, cohort_a.coordinator)
    page = client.get(f"/coordinator/pairs/{pair_id}/remove")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Unpair Mentee 0 lyngby-taarbaek and Mentor 0 lyngby-taarbaek?" in html
    assert len(rows(app, city_a, Pair)) == 1  # asking changes nothing

    token = csrf_token(client, f"/coordinator/pairs/{pair_id}/remove")
    response = client.post(
        f"/coordinator/pairs/{pair_id}/remove", data={"csrf_token": token}
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(pairs_url(cohort_a))
    assert rows(app, city_a, Pair) == []
    [entry] = rows(app, city_a, AuditEntry, AuditEntry.action == "pair.delete")
    assert entry.subject_id == pair_id


def test_unpairing_with_htmx_confirms_in_place(
    app, client_for, city_a, in_city, cohort_a
):
    pair_id = paired(city_a, in_city, cohort_a, 0)
    client = signed_in(client_for, city_a, cohort_a.coordinator)
    confirm = client.get(f"/coordinator/pairs/{pair_id}/remove", headers=HX)
    html = confirm.get_data(as_text=True)
    assert "<html" not in html and 'id="pair-board"' in html
    assert "Yes, unpair them" in html
    token = csrf_token(client, pairs_url(cohort_a))
    response = client.post(
        f"/coordinator/pairs/{pair_id}/remove",
        data={"csrf_token": token},
        headers=HX,
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Removed the pair Mentee 0 lyngby-taarbaek" in html
    assert rows(app, city_a, Pair) == []


def test_another_citys_coordinator_finds_nothing(
    app, client_for, city_a, city_b, in_city, cohort_a
):
    pair_id = paired(city_a, in_city, cohort_a, 0)
    people_b = make_cohort(city_b, in_city, size=1)
    client = signed_in(client_for, city_b, people_b.coordinator)
    assert client.get(pairs_url(cohort_a)).status_code == 404
    assert client.get(f"/coordinator/pairs/{pair_id}/remove").status_code == 404
    token = csrf_token(client, pairs_url(people_b))
    assert (
        client.post(
            f"/coordinator/pairs/{pair_id}/remove", data={"csrf_token": token}
        ).status_code
        == 404
    )
    # Nor can a's people be paired from b's cohort page.
    response = post_pair(
        client, people_b, cohort_a.mentees[1][0], people_b.mentors[0][0]
    )
    assert response.status_code == 400
    assert len(rows(app, city_a, Pair)) == 1
    assert rows(app, city_b, Pair) == []


def test_participants_cannot_open_the_board(client_for, city_a, cohort_a):
    client = signed_in(client_for, city_a, cohort_a.mentees[0][1])
    assert client.get(pairs_url(cohort_a)).status_code == 403


def test_the_board_runs_a_fixed_number_of_queries(
    client_for, city_a, in_city, count_queries
):
    from tests.factories import PairFactory

    people = make_cohort(city_a, in_city, size=3)
    client = signed_in(client_for, city_a, people.coordinator)

    def queries() -> int:
        client.get(pairs_url(people))
        with count_queries() as counter:
            assert client.get(pairs_url(people)).status_code == 200
        return counter.count

    paired(city_a, in_city, people, 0)
    few = queries()
    with in_city(city_a):
        from mentoring.extensions import db
        from mentoring.programmes.models import Cohort

        cohort = db.session.scalar(
            db.select(Cohort).where(Cohort.id == people.cohort_id)
        )
        PairFactory.create_batch(15, cohort=cohort)
    html = client.get(pairs_url(people)).get_data(as_text=True)
    assert html.count("Unpair") >= 16
    assert queries() == few
