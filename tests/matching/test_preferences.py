"""Ratings after the kickoff: people rate whom they met (1-5) until the deadline;
the coordinator sees who has answered; reminders go once, 24 hours before."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from mentoring.extensions import db
from mentoring.matching.jobs import enqueue_due_rating_reminders, send_rating_reminders
from mentoring.matching.models import Rating, RatingReminder, SpeedDate
from tests.conftest import body_text
from tests.matching.web import (  # noqa: F401 - the fixture
    HX,
    _clean_mail_queue,
    cohort_url,
    give,
    make_cohort,
    make_plan,
    my_url,
    open_rating,
    post,
    rows,
    set_deadline,
    signed_in,
    text_of,
)


def met_by(app, tenant, mentee_id):
    return [
        t.mentor_id for t in rows(app, tenant, SpeedDate) if t.mentee_id == mentee_id
    ]


def rate_url(people, rated) -> str:
    return f"{my_url(people)}/rate/{rated}"


def test_a_mentee_rates_the_mentors_they_met(app, client_for, city_a, in_city):
    people = make_cohort(city_a, in_city, size=3)
    make_plan(city_a, in_city, people, k=2)
    open_rating(city_a, in_city, people)
    mentee_id, email = people.mentees[0]
    first, second = met_by(app, city_a, mentee_id)
    client = signed_in(client_for, city_a, email)
    html = client.get(my_url(people) + "?lang=en").get_data(as_text=True)
    radios = re.findall(r'<input type="radio" [^>]*name="value"', html)
    assert len(radios) == 10  # 5 per person met
    assert "Why 1 to 5" in html

    # Without JavaScript: the form posts and comes back.
    response = post(client, rate_url(people, first), {"value": "5"}, my_url(people))
    assert response.status_code == 302
    # With htmx: only that person's block, with the saved value.
    response = post(
        client, rate_url(people, second), {"value": "2"}, my_url(people), HX
    )
    fragment = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in fragment
    assert f'id="rate-{second}"' in fragment and "Saved." in fragment
    assert 'value="2" checked' in fragment
    # Rating again changes the value: one rating per person rated.
    post(client, rate_url(people, second), {"value": "3"}, my_url(people))
    given = {r.rated_id: r.value for r in rows(app, city_a, Rating)}
    assert given == {first: 5, second: 3}


def test_a_mentor_rates_the_mentees_they_met(app, client_for, city_a, in_city):
    people = make_cohort(city_a, in_city, size=2)
    make_plan(city_a, in_city, people, k=2)
    open_rating(city_a, in_city, people)
    mentor_id, email = people.mentors[1]
    client = signed_in(client_for, city_a, email)
    mentee = people.mentees[0][0]
    assert post(client, rate_url(people, mentee), {"value": "4"}, my_url(people))
    [rating] = rows(app, city_a, Rating)
    assert (rating.rater_id, rating.rated_id, rating.value) == (mentor_id, mentee, 4)


def test_only_people_met_and_values_1_to_5(app, client_for, city_a, in_city):
    people = make_cohort(city_a, in_city, size=3)
    make_plan(city_a, in_city, people, k=1)
    open_rating(city_a, in_city, people)
    mentee_id, email = people.mentees[0]
    [met] = met_by(app, city_a, mentee_id)
    not_met = next(m for m, _ in people.mentors if m != met)
    client = signed_in(client_for, city_a, email)
    for rated, value, message in (
        (not_met, "5", "You can only rate people you met at the kickoff."),
        (people.mentees[1][0], "5", "You can only rate people you met"),
        (met, "6", "Choose a rating from 1 to 5."),
        (met, "", "Choose a rating from 1 to 5."),
    ):
        response = post(
            client, rate_url(people, rated), {"value": value}, my_url(people)
        )
        assert response.status_code == 400
        assert message in response.get_data(as_text=True)
    assert rows(app, city_a, Rating) == []


def test_rating_closes_at_the_deadline(app, client_for, city_a, in_city):
    people = make_cohort(city_a, in_city, size=2)
    make_plan(city_a, in_city, people, k=2)
    mentee_id, email = people.mentees[0]
    met = met_by(app, city_a, mentee_id)
    client = signed_in(client_for, city_a, email)
    # No deadline yet: not open.
    html = client.get(my_url(people) + "?lang=en").get_data(as_text=True)
    assert "once the coordinator opens rating" in html
    assert 'type="radio"' not in html
    open_rating(city_a, in_city, people)
    post(client, rate_url(people, met[0]), {"value": "4"}, my_url(people))
    set_deadline(city_a, in_city, people, datetime.now(UTC) - timedelta(minutes=1))

    html = client.get(my_url(people)).get_data(as_text=True)
    assert "Rating closed on" in html
    assert 'type="radio"' not in html
    assert "your rating: 4 of 5" in text_of(html)
    response = post(client, rate_url(people, met[1]), {"value": "5"}, my_url(people))
    assert response.status_code == 400
    assert "Rating is closed." in response.get_data(as_text=True)
    assert len(rows(app, city_a, Rating)) == 1
    danish = client.get(my_url(people) + "?lang=da").get_data(as_text=True)
    assert '<html lang="da">' in danish


def test_rating_waits_for_the_kickoff(app, client_for, city_a, in_city):
    from mentoring.events.models import Event

    people = make_cohort(city_a, in_city, size=2)
    make_plan(city_a, in_city, people, k=2)
    open_rating(city_a, in_city, people, days=10)
    starts = datetime.now(UTC) + timedelta(days=2)
    with in_city(city_a):
        db.session.add(
            Event(
                cohort_id=people.cohort_id,
                kind="kickoff",
                title_da="Kickoff",
                title_en="Kickoff",
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
            )
        )
    mentee_id, email = people.mentees[0]
    client = signed_in(client_for, city_a, email)
    met = met_by(app, city_a, mentee_id)[0]
    response = post(client, rate_url(people, met), {"value": "4"}, my_url(people))
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Rating opens when the kickoff begins." in html
    assert "You can rate the people you met after the kickoff." in html


def test_the_coordinator_sees_who_has_answered_and_sets_the_deadline(
    app, client_for, city_a, in_city
):
    people = make_cohort(city_a, in_city, size=2)
    make_plan(city_a, in_city, people, k=2)
    for mentor, _ in people.mentors:  # mentee 0 rates everyone, mentee 1 one
        give(city_a, in_city, people, people.mentees[0][0], mentor, 5)
    give(city_a, in_city, people, people.mentees[1][0], people.mentors[0][0], 3)
    client = signed_in(client_for, city_a, people.coordinator)
    page = cohort_url(people, "speed-dating")
    response = post(
        client, page + "/deadline", {"day": "2030-03-02", "at": "12:00"}, page
    )
    assert response.status_code == 302
    html = client.get(page).get_data(as_text=True)
    text = text_of(html)
    assert "1 of 4 have rated everyone they met." in text
    assert "Mentee 0 lyngby-taarbaek Mentee 2 2 Answered" in text
    assert "Mentee 1 lyngby-taarbaek Mentee 2 1 Partly answered" in text
    assert "Mentor 0 lyngby-taarbaek Mentor 2 0 Not answered" in text
    from mentoring.matching.models import MatchingSettings

    [settings] = rows(app, city_a, MatchingSettings)
    # Copenhagen is UTC+1 in March: 12:00 local is 11:00 UTC.
    assert settings.rating_deadline_at == datetime(2030, 3, 2, 11, tzinfo=UTC)
    assert "Rating is open until" in html


def test_the_overview_runs_a_fixed_number_of_queries(
    app, client_for, city_a, in_city, count_queries
):
    def queries(size: int) -> int:
        people = make_cohort(city_a, in_city, size=size, name=f"Size {size}")
        make_plan(city_a, in_city, people, k=2)
        for mentee, _ in people.mentees:
            give(city_a, in_city, people, mentee, people.mentors[0][0], 4)
        client = signed_in(client_for, city_a, people.coordinator)
        client.get(cohort_url(people, "speed-dating"))
        with count_queries() as counter:
            assert client.get(cohort_url(people, "speed-dating")).status_code == 200
        return counter.count

    assert queries(2) == queries(6)


# -- reminders under a controlled clock ---------------------------------------------

DEADLINE = datetime(2030, 3, 2, 11, tzinfo=UTC)


def tick(app, run_jobs, hours_before: float) -> int:
    with app.app_context():
        owed = enqueue_due_rating_reminders(DEADLINE - timedelta(hours=hours_before))
        db.session.commit()
    run_jobs()
    return owed


def test_reminders_go_once_24_hours_before_to_those_who_have_not_answered(
    app, city_a, in_city, outbox, run_jobs
):
    people = make_cohort(city_a, in_city, size=2)
    make_plan(city_a, in_city, people, k=2)
    set_deadline(city_a, in_city, people, DEADLINE)
    for mentor, _ in people.mentors:  # mentee 0 has answered
        give(city_a, in_city, people, people.mentees[0][0], mentor, 5)
    give(city_a, in_city, people, people.mentees[1][0], people.mentors[0][0], 3)

    assert tick(app, run_jobs, 25) == 0
    assert outbox() == []
    assert tick(app, run_jobs, 23) == 1
    mail = {m["To"]: m for m in outbox()}
    expected = {people.mentees[1][1], people.mentors[0][1], people.mentors[1][1]}
    assert set(mail) == expected
    to_mentee = mail[people.mentees[1][1]]  # Danish (make_cohort: mentee 1)
    assert to_mentee["Content-Language"] == "da"
    to_mentor = mail[people.mentors[1][1]]  # English
    assert to_mentor["Subject"] == "Rate the people you met at the kickoff"
    text = body_text(to_mentor)
    assert "2 Mar 2030" in text and f"/me/speed-dating/{people.cohort_id}" in text

    # Again, and the job run twice by hand: nothing more.
    assert tick(app, run_jobs, 20) == 1
    with app.app_context():
        again = (DEADLINE - timedelta(hours=2)).isoformat()
        assert send_rating_reminders(str(city_a.id), again) == 0
    assert len(outbox()) == 3
    assert len(rows(app, city_a, RatingReminder)) == 3
    # After the deadline nothing is due.
    assert tick(app, run_jobs, -1) == 0


def test_a_new_deadline_reminds_again(app, city_a, in_city, outbox, run_jobs):
    people = make_cohort(city_a, in_city, size=1)
    make_plan(city_a, in_city, people, k=1)
    set_deadline(city_a, in_city, people, DEADLINE)
    tick(app, run_jobs, 10)
    assert len(outbox()) == 2
    later = DEADLINE + timedelta(days=2)
    set_deadline(city_a, in_city, people, later)
    with app.app_context():
        enqueue_due_rating_reminders(later - timedelta(hours=5))
        db.session.commit()
    run_jobs()
    assert len(outbox()) == 4
