"""The pair page: only the pair's own two people read and write the meeting log;
the coordinator sees counts and dates, never the notes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from mentoring.meetings.models import Meeting
from mentoring.meetings.queries import city_today
from tests.conftest import csrf_token
from tests.meetings.conftest import (
    START,
    day,
    long_date,
    make_cohort,
    paired,
    rows,
    signed_in,
)

NOTES = "Talked about the Novo Nordisk opening; she is nervous about the panel"
HX = {"HX-Request": "true"}


@pytest.fixture
def pair(city_a, in_city, cohort_a):
    return paired(city_a, in_city, cohort_a, 0)


def log(client, pair_id, headers=None, **values):
    data = {
        "held_on": day(14).isoformat(),
        "duration_minutes": "60",
        "topics": ["cv", "network"],
        "notes": NOTES,
        **values,
    }
    data["csrf_token"] = csrf_token(client, f"/pairs/{pair_id}")
    return client.post(
        f"/pairs/{pair_id}/meetings?lang=en", data=data, headers=headers or {}
    )


def test_the_mentee_and_the_mentor_each_see_the_other(
    client_for, city_a, cohort_a, pair
):
    mentee = signed_in(client_for, city_a, cohort_a.mentees[0][1])
    html = mentee.get(f"/pairs/{pair}?lang=en").get_data(as_text=True)
    assert "Your mentor" in html
    assert "Mentor 0 lyngby-taarbaek" in html
    assert f'href="mailto:{cohort_a.mentors[0][1]}"' in html
    assert 'href="tel:+4522222200"' in html
    mentor = signed_in(client_for, city_a, cohort_a.mentors[0][1])
    html = mentor.get(f"/pairs/{pair}?lang=en").get_data(as_text=True)
    assert "Your mentee" in html and "Mentee 0 lyngby-taarbaek" in html


def test_anyone_else_finds_no_pair_page(
    client_for, city_a, city_b, in_city, cohort_a, pair
):
    other_participant = signed_in(client_for, city_a, cohort_a.mentees[1][1])
    assert other_participant.get(f"/pairs/{pair}").status_code == 404
    assert log(other_participant, pair).status_code == 404
    people_b = make_cohort(city_b, in_city, size=1)
    for email in (people_b.coordinator, people_b.mentees[0][1]):
        assert (
            signed_in(client_for, city_b, email).get(f"/pairs/{pair}").status_code
            == 404
        )
    anonymous = client_for(city_a).get(f"/pairs/{pair}")
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]


def test_one_side_logs_a_meeting_and_both_read_it(
    app, client_for, city_a, cohort_a, pair
):
    mentee = signed_in(client_for, city_a, cohort_a.mentees[0][1])
    response = log(mentee, pair)
    assert response.status_code == 302
    [meeting] = rows(app, city_a, Meeting)
    assert (meeting.held_on, meeting.duration_minutes) == (day(14), 60)
    assert meeting.topics == ["cv", "network"]
    assert meeting.notes == NOTES

    mentor = signed_in(client_for, city_a, cohort_a.mentors[0][1])
    html = mentor.get(f"/pairs/{pair}?lang=en").get_data(as_text=True)
    assert NOTES in html
    assert "CV and application, Network" in html
    assert "Logged by Mentee 0 lyngby-taarbaek" in html
    assert "1 meeting so far." in html


def test_logging_with_htmx_swaps_the_log_in_place(
    app, client_for, city_a, cohort_a, pair
):
    mentor = signed_in(client_for, city_a, cohort_a.mentors[0][1])
    response = log(mentor, pair, headers=HX)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in html and 'id="meetings"' in html
    assert "Meeting logged." in html and NOTES in html
    assert len(rows(app, city_a, Meeting)) == 1


def _tomorrow() -> str:
    return (city_today("Europe/Copenhagen") + timedelta(days=1)).isoformat()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"held_on": _tomorrow()}, "The date cannot be in the future."),
        (
            {"held_on": (START - timedelta(days=1)).isoformat()},
            "The date cannot be before the cohort started.",
        ),
        ({"held_on": ""}, "Enter the date of the meeting."),
        ({"duration_minutes": "10"}, "Enter between 15 and 480 minutes."),
        ({"duration_minutes": "481"}, "Enter between 15 and 480 minutes."),
        ({"duration_minutes": ""}, "Enter the length in minutes."),
        ({"topics": ["cv", "gossip"]}, "is not a valid choice"),
    ],
)
def test_a_wrong_meeting_is_refused_with_a_clear_message_and_nothing_saved(
    app, client_for, city_a, cohort_a, pair, values, message
):
    mentee = signed_in(client_for, city_a, cohort_a.mentees[0][1])
    response = log(mentee, pair, **values)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in html
    assert "The meeting was not saved" in html
    assert 'lang="en"' in html
    assert 'aria-invalid="true"' in html or "gossip" in str(values)
    assert rows(app, city_a, Meeting) == []


def test_today_and_the_cohort_start_are_fine(app, client_for, city_a, cohort_a, pair):
    mentee = signed_in(client_for, city_a, cohort_a.mentees[0][1])
    today = city_today("Europe/Copenhagen").isoformat()
    assert log(mentee, pair, held_on=today, duration_minutes="15").status_code == 302
    assert (
        log(mentee, pair, held_on=START.isoformat(), duration_minutes="480").status_code
        == 302
    )
    assert len(rows(app, city_a, Meeting)) == 2


def test_each_side_changes_only_their_own_entries(
    app, client_for, city_a, cohort_a, pair
):
    mentee = signed_in(client_for, city_a, cohort_a.mentees[0][1])
    log(mentee, pair)
    [meeting] = rows(app, city_a, Meeting)
    edit = f"/pairs/{pair}/meetings/{meeting.id}/edit"
    delete = f"/pairs/{pair}/meetings/{meeting.id}/delete"

    mentor = signed_in(client_for, city_a, cohort_a.mentors[0][1])
    assert mentor.get(edit).status_code == 404
    token = csrf_token(mentor, f"/pairs/{pair}")
    assert mentor.post(delete, data={"csrf_token": token}).status_code == 404
    assert "Edit or delete" not in mentor.get(f"/pairs/{pair}?lang=en").get_data(
        as_text=True
    )

    html = mentee.get(edit).get_data(as_text=True)
    assert f'value="{day(14).isoformat()}"' in html and NOTES in html
    token = csrf_token(mentee, edit)
    bad = mentee.post(
        edit,
        data={
            "held_on": day(15).isoformat(),
            "duration_minutes": "5",
            "csrf_token": token,
        },
    )
    assert bad.status_code == 400
    assert rows(app, city_a, Meeting)[0].duration_minutes == 60
    good = mentee.post(
        edit,
        data={
            "held_on": day(15).isoformat(),
            "duration_minutes": "90",
            "topics": ["interview"],
            "notes": "Shorter notes",
            "csrf_token": token,
        },
    )
    assert good.status_code == 302
    [changed] = rows(app, city_a, Meeting)
    assert (changed.held_on, changed.duration_minutes, changed.topics) == (
        day(15),
        90,
        ["interview"],
    )
    assert mentee.post(delete, data={"csrf_token": token}).status_code == 302
    assert rows(app, city_a, Meeting) == []


def test_the_coordinator_sees_counts_and_dates_but_never_the_notes(
    client_for, city_a, cohort_a, pair
):
    mentee = signed_in(client_for, city_a, cohort_a.mentees[0][1])
    log(mentee, pair)
    log(mentee, pair, held_on=day(31).isoformat(), notes=NOTES + " (second)")
    coordinator = signed_in(client_for, city_a, cohort_a.coordinator)

    page = coordinator.get(f"/pairs/{pair}?lang=en")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "2 meetings logged." in html
    assert long_date(day(14), "en") in html and long_date(day(31), "en") in html
    pages = [
        f"/pairs/{pair}",
        f"/coordinator/cohorts/{cohort_a.cohort_id}/pairs",
        f"/coordinator/pairs/{pair}/remove",
        "/coordinator/",
        "/coordinator/people",
        "/coordinator/audit/",
    ]
    for path in pages:
        for headers in ({}, HX):
            response = coordinator.get(path, headers=headers)
            assert response.status_code == 200, path
            body = response.get_data(as_text=True)
            assert NOTES not in body and "Novo Nordisk" not in body, path
    # Nor can the coordinator write to the pair's log.
    assert log(coordinator, pair).status_code == 403


def test_the_pair_page_and_its_form_speak_danish(client_for, city_a, cohort_a, pair):
    mentee = signed_in(client_for, city_a, cohort_a.mentees[0][1])
    html = mentee.get(f"/pairs/{pair}?lang=da").get_data(as_text=True)
    assert 'lang="da"' in html
    assert 'type="date"' in html and 'name="topics"' in html


def test_a_wrong_meeting_is_refused_in_danish_too(
    app, client_for, city_a, cohort_a, pair
):
    mentor = signed_in(client_for, city_a, cohort_a.mentors[0][1])  # Danish
    data = {
        "held_on": _tomorrow(),
        "duration_minutes": "60",
        "csrf_token": csrf_token(mentor, f"/pairs/{pair}"),
    }
    response = mentor.post(f"/pairs/{pair}/meetings", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert '<html lang="da">' in html
    assert "Datoen kan ikke ligge i fremtiden." in html
    assert rows(app, city_a, Meeting) == []
