"""The participant's home says what is next: open surveys, answers to give and a
meeting to log, each with one button; the next event in full; the pair's
contact; past events folded away. Each event has a participant page."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import quote
from zoneinfo import ZoneInfo

from mentoring.core.models import utcnow
from mentoring.extensions import db
from tests.conftest import login
from tests.home.test_participant_home import (
    a_mentee_with_a_programme,
    event,
    invite,
)

PLACE = "Lyngby Rådhus"
CITY_ZONE = ZoneInfo("Europe/Copenhagen")
MAP = f"https://www.openstreetmap.org/search?query={quote(PLACE)}"


def _ids(city, in_city, email):
    """The mentee's participation and the events of their cohort, by English title."""
    from mentoring.accounts.models import User
    from mentoring.events.models import Event
    from mentoring.programmes.models import Participant

    with in_city(city):
        me = db.session.scalar(
            db.select(Participant).join(User).where(User.email == email)
        )
        events = db.session.scalars(
            db.select(Event).where(Event.cohort_id == me.cohort_id)
        )
        return me, {e.title_en: e for e in events}


def _survey(city, in_city, participant, key="midway", days_ago=2, answered=False):
    from mentoring.surveys.models import SurveyInvitation
    from mentoring.surveys.services import ensure_standard_surveys

    with in_city(city):
        sent = utcnow() - timedelta(days=days_ago)
        found = SurveyInvitation(
            definition_id=ensure_standard_surveys()[key].id,
            survey_key=key,
            cohort_id=participant.cohort_id,
            participant_id=participant.id,
            sent_at=sent,
            completed_at=sent if answered else None,
        )
        db.session.add(found)
        db.session.flush()
        return found.id


def _describe(city, in_city, event_id):
    from mentoring.events.models import Event

    with in_city(city):
        found = db.session.scalar(db.select(Event).where(Event.id == event_id))
        found.description_en = "What went well, what comes next."
        db.session.flush()


def _home(client, lang="en"):
    response = client.get(f"/me/?lang={lang}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _todo(html):
    return html[html.index("To do") : html.index("Your next events")]


def _signed_in(client_for, city, email):
    client = client_for(city)
    login(client, email)
    return client


def test_an_open_survey_waits_with_a_button_that_opens_its_form(
    client_for, city_a, in_city
):
    made = a_mentee_with_a_programme(city_a, in_city)
    me, _events = _ids(city_a, in_city, made["email"])
    survey_id = _survey(city_a, in_city, me)
    client = _signed_in(client_for, city_a, made["email"])
    todo = _todo(_home(client))
    assert "Midway check-in: your answers are wanted." in todo
    href = f'href="/me/surveys/{survey_id}"'
    assert href in todo
    response = client.get(f"/me/surveys/{survey_id}")
    assert response.status_code == 303
    assert "/s/" in response.headers["Location"]
    form = client.get(response.headers["Location"])
    assert form.status_code == 200
    assert '<form method="post" class="survey">' in form.get_data(as_text=True)


def test_answered_or_expired_surveys_do_not_wait(client_for, city_a, in_city):
    made = a_mentee_with_a_programme(city_a, in_city)
    me, _events = _ids(city_a, in_city, made["email"])
    answered = _survey(city_a, in_city, me, "midway", answered=True)
    expired = _survey(city_a, in_city, me, "mentee_end", days_ago=61)
    client = _signed_in(client_for, city_a, made["email"])
    todo = _todo(_home(client))
    assert "/me/surveys/" not in todo
    for survey_id in (answered, expired):
        assert client.get(f"/me/surveys/{survey_id}").status_code == 404


def test_nobody_reaches_another_persons_survey(client_for, city_a, city_b, in_city):
    from tests.factories import ParticipantFactory

    made = a_mentee_with_a_programme(city_a, in_city)
    me, _events = _ids(city_a, in_city, made["email"])
    survey_id = _survey(city_a, in_city, me)
    with in_city(city_a):
        other = ParticipantFactory(user__role="mentee").user.email
    assert (
        _signed_in(client_for, city_a, other)
        .get(f"/me/surveys/{survey_id}")
        .status_code
        == 404
    )
    with in_city(city_b):
        elsewhere = ParticipantFactory(user__role="mentee").user.email
    assert (
        _signed_in(client_for, city_b, elsewhere)
        .get(f"/me/surveys/{survey_id}")
        .status_code
        == 404
    )
    assert client_for(city_a).get(f"/me/surveys/{survey_id}").status_code in (
        302,
        303,
        401,
    )  # not signed in: to the login, never the survey


def test_an_rsvp_to_give_waits_with_a_button_to_the_event(client_for, city_a, in_city):
    made = a_mentee_with_a_programme(city_a, in_city)
    _me, events = _ids(city_a, in_city, made["email"])
    todo = _todo(_home(_signed_in(client_for, city_a, made["email"])))
    midway = events["Midway meeting"].id
    assert "Are you coming to Midway meeting on " in todo
    assert f'class="button" href="/me/events/{midway}#event-answer-title"' in todo
    assert f"/me/events/{events['Closing event'].id}" not in todo  # answered


def test_a_meeting_to_log_waits_with_a_button(client_for, city_a, in_city):
    made = a_mentee_with_a_programme(city_a, in_city, meetings_ago=(30,))
    todo = _todo(_home(_signed_in(client_for, city_a, made["email"])))
    assert "have not logged a meeting for 4 weeks" in todo
    assert f'class="button" href="/pairs/{made["pair"]}"' in todo


def test_nothing_waiting_is_said_kindly(client_for, city_a, in_city):
    from tests.factories import ParticipantFactory

    with in_city(city_a):
        email = ParticipantFactory(user__role="mentee").user.email
    todo = _todo(_home(_signed_in(client_for, city_a, email)))
    assert "Nothing waits for you right now." in todo


def test_the_next_event_has_time_place_map_description_and_answer(
    client_for, city_a, in_city
):
    made = a_mentee_with_a_programme(city_a, in_city)
    _me, events = _ids(city_a, in_city, made["email"])
    _describe(city_a, in_city, events["Midway meeting"].id)
    html = _home(_signed_in(client_for, city_a, made["email"]))
    coming = html[html.index("Your next events") :]
    first = coming[: coming.index("</li>")]
    assert "Midway meeting" in first
    starts = events["Midway meeting"].starts_at
    local = starts.astimezone(CITY_ZONE).strftime("%H:%M")
    assert f"{local}–" in first  # the city's time (12:00), not UTC (10:00)
    assert local != starts.strftime("%H:%M")
    assert PLACE in first
    assert f'href="{MAP}" target="_blank" rel="noopener"' in first
    assert "What went well, what comes next." in first
    assert "Your answer:" in first and "<strong>Not answered</strong>" in first


def test_the_pairs_contact_and_past_events_folded(client_for, city_a, in_city):
    made = a_mentee_with_a_programme(city_a, in_city)
    html = _home(_signed_in(client_for, city_a, made["email"]))
    assert 'href="mailto:mette@a.example"' in html and "Mette Mentor" in html
    folded = html[html.index('<details class="past-events">') :]
    folded = folded[: folded.index("</details>")]
    assert "Career workshop" in folded
    assert "Career workshop" not in html[: html.index('<details class="past-events">')]


def test_the_event_page_has_everything_and_a_calendar_file(client_for, city_a, in_city):
    made = a_mentee_with_a_programme(city_a, in_city)
    _me, events = _ids(city_a, in_city, made["email"])
    midway = events["Midway meeting"]
    _describe(city_a, in_city, midway.id)
    client = _signed_in(client_for, city_a, made["email"])
    response = client.get(f"/me/events/{midway.id}?lang=en")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<h1>Midway meeting</h1>" in page
    local = midway.starts_at.astimezone(CITY_ZONE).strftime("%H:%M")
    assert local in page
    assert PLACE in page and f'href="{MAP}"' in page
    assert "What went well, what comes next." in page
    assert 'name="answer" value="yes"' in page  # their RSVP form
    ics = f"/events/{midway.id}.ics"
    assert f'href="{ics}"' in page
    calendar = client.get(ics)
    assert calendar.status_code == 200
    assert calendar.mimetype == "text/calendar"
    assert "SUMMARY:Midway meeting" in calendar.get_data(as_text=True)


def test_the_event_page_in_danish(client_for, city_a, in_city):
    made = a_mentee_with_a_programme(city_a, in_city)
    _me, events = _ids(city_a, in_city, made["email"])
    client = _signed_in(client_for, city_a, made["email"])
    page = client.get(f"/me/events/{events['Midway meeting'].id}?lang=da")
    html = page.get_data(as_text=True)
    assert '<html lang="da">' in html and "Midway meeting (da)" in html
    assert "Kort" in html  # the map link


def test_another_cohorts_or_citys_event_is_a_404(client_for, city_a, city_b, in_city):
    from tests.factories import CohortFactory

    made = a_mentee_with_a_programme(city_a, in_city)
    with in_city(city_a):
        other = event(CohortFactory(name="Other cohort"), "Not yours", 3)
        db.session.flush()
        other_id = other.id
    with in_city(city_b):
        from tests.factories import PairFactory

        pair = PairFactory()
        far = event(pair.cohort, "Far away", 3)
        invite(far, pair.mentee)
        db.session.flush()
        far_id = far.id
    client = _signed_in(client_for, city_a, made["email"])
    assert client.get(f"/me/events/{other_id}").status_code == 404
    assert client.get(f"/me/events/{far_id}").status_code == 404
    assert client.get("/me/events/not-an-id").status_code == 404


def test_the_home_with_surveys_runs_a_fixed_number_of_queries(
    client_for, city_a, in_city, count_queries
):
    made = a_mentee_with_a_programme(city_a, in_city)
    me, _events = _ids(city_a, in_city, made["email"])
    client = _signed_in(client_for, city_a, made["email"])

    def queries() -> int:
        client.get("/me/")
        with count_queries() as counter:
            assert client.get("/me/").status_code == 200
        return counter.count

    _survey(city_a, in_city, me, "midway")
    few = queries()
    for key in ("mentee_end", "mentee_followup"):
        _survey(city_a, in_city, me, key)
    assert _todo(_home(client)).count("/me/surveys/") == 3
    assert queries() == few
