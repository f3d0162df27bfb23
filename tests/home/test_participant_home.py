"""The participant's home (/me/): what is due, next events with RSVP, partner,
meetings and the cohort's timeline, in a fixed number of queries."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from babel.dates import format_date

from mentoring.core.models import utcnow
from mentoring.events.models import Event, EventInvitation
from mentoring.extensions import db
from mentoring.meetings.models import Meeting
from mentoring.meetings.queries import city_today
from tests.conftest import login, reference_now

# A running cohort: it started, and its pair was made, 13 weeks before the clock.
STARTS_ON = reference_now().date() - timedelta(weeks=13)
PAIRED_ON = datetime.combine(STARTS_ON, time(8), UTC)


def event(cohort, title, days, audience="both"):
    """An event ``days`` from now (negative: in the past)."""
    starts = utcnow().replace(microsecond=0) + timedelta(days=days)
    found = Event(
        cohort=cohort,
        kind="other",
        title_da=f"{title} (da)",
        title_en=title,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        audience=audience,
        location="Lyngby Rådhus",
    )
    db.session.add(found)
    return found


def invite(found, participant, rsvp="pending"):
    db.session.add(EventInvitation(event=found, participant=participant, rsvp=rsvp))


def meeting(pair, days_ago):
    db.session.add(
        Meeting(
            pair_id=pair.id,
            held_on=city_today("Europe/Copenhagen") - timedelta(days=days_ago),
            duration_minutes=60,
            notes="private",
        )
    )


def a_mentee_with_a_programme(city, in_city, meetings_ago=(3, 10)):
    from tests.factories import CohortFactory, PairFactory

    with in_city(city):
        cohort = CohortFactory(
            name="Autumn 2026", starts_on=STARTS_ON, status="running"
        )
        pair = PairFactory(
            cohort=cohort,
            created_at=PAIRED_ON,
            mentor__user__full_name="Mette Mentor",
            mentor__user__email="mette@a.example",
            mentee__user__full_name="Maria Mentee",
            mentee__user__email="maria@a.example",
            mentee__user__locale="en",
        )
        event(cohort, "Career workshop", -40, "mentees")
        upcoming = event(cohort, "Midway meeting", 3)
        later = event(cohort, "Closing event", 20)
        event(cohort, "Mentor course", 5, "mentors")
        invite(upcoming, pair.mentee)
        invite(later, pair.mentee, rsvp="yes")
        for days in meetings_ago:
            meeting(pair, days)
        db.session.flush()
        return {"email": pair.mentee.user.email, "pair": pair.id}


def home(client_for, city, email, lang="en"):
    client = client_for(city)
    login(client, email)
    response = client.get(f"/me/?lang={lang}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_timeline_shows_the_events_meant_for_me_in_order(
    client_for, city_a, in_city
):
    made = a_mentee_with_a_programme(city_a, in_city)
    html = home(client_for, city_a, made["email"])
    timeline = html[html.index('class="timeline"') :]
    timeline = timeline[: timeline.index("</ol>")]
    titles = ["Midway meeting", "Closing event"]
    assert [timeline.index(t) for t in titles] == sorted(
        timeline.index(t) for t in titles
    )
    assert "Mentor course" not in html  # for mentors only
    assert "Career workshop" not in timeline  # past: folded away
    folded = html[html.index('<details class="past-events">') :]
    folded = folded[: folded.index("</details>")]
    assert "1 past event" in folded and "Career workshop" in folded
    assert "Done" in folded
    upcoming = timeline.split("<li")[1]
    assert 'aria-current="step"' in upcoming and "Midway meeting" in upcoming
    assert "Next" in upcoming
    assert html.count('aria-current="step"') == 1


def test_next_events_come_with_their_rsvp_and_the_unanswered_one_is_due(
    client_for, city_a, in_city
):
    made = a_mentee_with_a_programme(city_a, in_city)
    html = home(client_for, city_a, made["email"])
    events = html[html.index("Your next events") :]
    assert events.index("Midway meeting") < events.index("Closing event")
    assert events.count('name="answer"') == 3  # yes / maybe / no for the next one
    assert 'name="next" value="/me/"' in events
    later = events[events.index("Later") : events.index("Your mentor")]
    assert "Closing event" in later and "Coming" in later  # one line, its answer
    todo = html[html.index("To do") : html.index("Your next events")]
    assert "Are you coming to Midway meeting on " in todo
    assert "Closing event" not in todo  # answered already
    assert "have not logged a meeting" not in todo  # met three days ago


def test_my_partner_and_my_meeting_log_summary(client_for, city_a, in_city):
    made = a_mentee_with_a_programme(city_a, in_city)
    html = home(client_for, city_a, made["email"])
    assert "Your mentor" in html and "Mette Mentor" in html
    assert 'href="mailto:mette@a.example"' in html
    last = city_today("Europe/Copenhagen") - timedelta(days=3)
    assert f"2 meetings logged, the last on {last.day} " in html
    assert f'href="/pairs/{made["pair"]}"' in html
    assert "private" not in html  # notes live on the pair page only


def test_a_quiet_pair_gets_a_friendly_prompt(client_for, city_a, in_city):
    made = a_mentee_with_a_programme(city_a, in_city, meetings_ago=(30,))
    html = home(client_for, city_a, made["email"])
    todo = html[html.index("To do") : html.index("Your next events")]
    assert "You and Mette Mentor have not logged a meeting for 4 weeks." in todo
    assert f'href="/pairs/{made["pair"]}"' in todo


def test_a_pair_without_any_meeting_is_prompted_to_log_one(client_for, city_a, in_city):
    made = a_mentee_with_a_programme(city_a, in_city, meetings_ago=())
    html = home(client_for, city_a, made["email"])
    assert "You and Mette Mentor have not logged a meeting yet." in html
    assert "No meetings logged yet." in html


def test_nothing_due_says_so_kindly(client_for, city_a, in_city):
    from tests.factories import ParticipantFactory

    with in_city(city_a):
        email = ParticipantFactory(user__role="mentor").user.email
    html = home(client_for, city_a, email)
    todo = html[html.index("To do") : html.index("Your next events")]
    assert "Nothing waits for you right now." in todo
    assert 'class="button"' not in todo
    assert "No events coming up for you right now." in html
    assert "You have not been matched yet" in html


def test_the_home_speaks_danish(client_for, city_a, in_city):
    made = a_mentee_with_a_programme(city_a, in_city)
    html = home(client_for, city_a, made["email"], lang="da")
    assert '<html lang="da">' in html
    assert "Dine næste arrangementer" in html
    assert "Midway meeting (da)" in html
    assert format_date(STARTS_ON, "d. MMMM y", "da") in html  # e.g. 1. september 2026


def test_the_home_runs_a_fixed_number_of_queries(
    client_for, city_a, in_city, count_queries
):
    from mentoring.accounts.models import User
    from tests.factories import PairFactory

    made = a_mentee_with_a_programme(city_a, in_city)
    client = client_for(city_a)
    login(client, made["email"])

    def queries() -> int:
        client.get("/me/")
        with count_queries() as counter:
            assert client.get("/me/").status_code == 200
        return counter.count

    few = queries()
    with in_city(city_a):
        user = db.session.scalar(db.select(User).where(User.email == made["email"]))
        for n in range(4):
            pair = PairFactory(mentee__user=user, created_at=PAIRED_ON)
            for days in (-10, 2, 4, 6, 8):
                invite(event(pair.cohort, f"Event {n}.{days}", days), pair.mentee)
            for days in (1, 2, 3):
                meeting(pair, days)
    html = client.get("/me/?lang=en").get_data(as_text=True)
    assert html.count('class="timeline"') == 5
    assert html.count('name="next"') == 1  # the next event's answer; later ones a line
    assert html.count('class="event-later"') == 1
    assert queries() == few
