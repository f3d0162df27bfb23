"""Messages to a cohort: the audience, each person's language, the city's
Reply-To, sent once by the queue, and the message page's count."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from mentoring.messages.models import CohortMessage, CohortMessageRecipient
from tests.conftest import body_text, csrf_token
from tests.events.conftest import build_programme, load

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)
TEXT = {
    "subject_da": "Husk midtvejsmødet",
    "body_da": "Kære alle,\nvi ses torsdag.",
    "subject_en": "Remember the midway meeting",
    "body_en": "Dear all,\nsee you on Thursday.",
}


@pytest.fixture
def programme(city_a, in_city):
    """Two pairs (mentees read English, mentors Danish), a survey the first
    mentee answered, and an event the first mentor said yes to."""
    from mentoring.events.models import EventInvitation
    from mentoring.extensions import db
    from mentoring.surveys.models import SurveyInvitation
    from mentoring.surveys.services import ensure_standard_surveys

    made = build_programme(city_a, in_city)
    with in_city(city_a):
        definition = next(iter(ensure_standard_surveys().values()))
        for person in (*made.mentee_ids, *made.mentor_ids):
            db.session.add(
                SurveyInvitation(
                    definition_id=definition.id,
                    survey_key=definition.key,
                    cohort_id=made.cohort_id,
                    participant_id=person,
                    sent_at=NOW,
                    completed_at=NOW if person == made.mentee_ids[0] else None,
                )
            )
            db.session.add(
                EventInvitation(
                    event_id=made.event_id,
                    participant_id=person,
                    rsvp="yes" if person == made.mentor_ids[0] else "no",
                )
            )
        made.extra["survey"] = f"survey:{definition.id}"
    made.extra["event"] = f"event:{made.event_id}"
    return made


def new_path(programme) -> str:
    return f"/coordinator/cohorts/{programme.cohort_id}/messages/new"


def compose(client, programme, audience, **text):
    """Write and preview: the confirmation page (nothing sent yet)."""
    path = new_path(programme)
    data = {
        **TEXT,
        **text,
        "audience": audience,
        "csrf_token": csrf_token(client, path),
    }
    return client.post(f"{path}?lang=en", data=data)


def send(client, programme, audience, **text):
    """Write, preview and confirm, as the two forms do."""
    html = compose(client, programme, audience, **text).get_data(as_text=True)
    assert "This goes to" in html
    fields = dict(
        re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"', html)
    )
    fields["csrf_token"] = csrf_token(client, new_path(programme))
    return client.post(new_path(programme), data=fields)


def recipients(messages) -> set[str]:
    return {m["To"].addresses[0].addr_spec for m in messages}


@pytest.fixture
def coordinator(programme, city_a, signed_in):
    return signed_in(city_a, programme.coordinator)


@pytest.mark.parametrize(
    ("audience", "who"),
    [
        ("all", lambda p: {*p.mentees, *p.mentors}),
        ("mentees", lambda p: set(p.mentees)),
        ("mentors", lambda p: set(p.mentors)),
        ("survey", lambda p: {p.mentees[1], *p.mentors}),
        ("event", lambda p: {p.mentors[0]}),
    ],
)
def test_each_audience_picks_the_right_people(
    programme, coordinator, outbox, audience, who
):
    key = programme.extra.get(audience, audience)
    preview = compose(coordinator, programme, key).get_data(as_text=True)
    expected = who(programme)
    count = len(expected)
    assert f"This goes to {count} {'person' if count == 1 else 'people'}" in preview
    assert outbox() == []  # the preview sends nothing
    assert send(coordinator, programme, key).status_code == 302
    assert recipients(outbox()) == expected


def test_each_person_gets_their_language_from_the_city_with_its_reply_to(
    programme, coordinator, city_a, outbox
):
    send(coordinator, programme, "all")
    mails = {m["To"].addresses[0].addr_spec: m for m in outbox()}
    english, danish = mails[programme.mentees[0]], mails[programme.mentors[0]]
    assert english["Subject"] == TEXT["subject_en"]
    assert "see you on Thursday." in body_text(english)
    assert english["Content-Language"] == "en"
    assert danish["Subject"] == TEXT["subject_da"]
    assert "vi ses torsdag." in body_text(danish)
    assert "Besvar denne e-mail" in body_text(danish)
    for mail, lang in ((english, "en"), (danish, "da")):
        assert mail["From"].addresses[0].display_name == city_a.name(lang)
        [reply_to] = mail["Reply-To"].addresses
        assert reply_to.addr_spec == city_a.contact["email"]


def test_the_job_run_twice_sends_nothing_twice(
    app, programme, coordinator, city_a, outbox
):
    from mentoring.messages.jobs import send_cohort_message

    send(coordinator, programme, "mentees")
    assert len(outbox()) == 2
    (message,) = load(app, city_a, CohortMessage, cohort_id=programme.cohort_id)
    with app.app_context():
        assert send_cohort_message(str(city_a.id), str(message.id)) == 0
    assert len(outbox()) == 2
    rows = load(app, city_a, CohortMessageRecipient, message_id=message.id)
    assert {(r.status, r.locale) for r in rows} == {("sent", "en")}


def test_the_message_page_counts_what_was_sent_and_to_whom(
    app, programme, coordinator, city_a, outbox
):
    response = send(coordinator, programme, programme.extra["survey"])
    outbox()
    page = coordinator.get(f"{response.headers['Location']}?lang=en")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Sent to 3 of 3 people" in html
    assert "Mentee 2 Person" in html and "Mentor 1 Person" in html
    assert "Mentee 1 Person" not in html  # answered the survey
    listing = coordinator.get(
        f"/coordinator/cohorts/{programme.cohort_id}/messages/?lang=en"
    ).get_data(as_text=True)
    assert "3 of 3" in listing and TEXT["subject_en"] in listing


def test_both_languages_are_required_and_subjects_are_one_line(
    app, programme, coordinator, city_a, outbox
):
    response = compose(coordinator, programme, "all", subject_en="", body_da="")
    html = response.get_data(as_text=True)
    assert "Write a subject in English." in html
    assert "Write the message in Danish." in html
    broken = compose(coordinator, programme, "all", subject_da="Linje\nto")
    assert "This goes to" not in broken.get_data(as_text=True)
    assert load(app, city_a, CohortMessage) == []
    assert outbox() == []


def test_an_audience_of_another_cohort_is_refused(
    app, programme, coordinator, city_a, in_city, outbox
):
    other = build_programme(city_a, in_city)
    response = compose(coordinator, programme, f"event:{other.event_id}")
    assert "This goes to" not in response.get_data(as_text=True)
    assert load(app, city_a, CohortMessage) == []


def test_only_the_citys_coordinators(
    app, programme, city_a, city_b, make_user, signed_in
):
    other = signed_in(city_b, make_user(city_b, role="coordinator").email)
    assert other.get(new_path(programme)).status_code == 404
    base = f"/coordinator/cohorts/{programme.cohort_id}/messages/"
    assert other.get(base).status_code == 404
    token = csrf_token(other, "/coordinator/")
    data = {**TEXT, "audience": "all", "confirmed": "yes", "csrf_token": token}
    assert other.post(new_path(programme), data=data).status_code == 404
    mentee = signed_in(city_a, programme.mentees[0])
    assert mentee.get(new_path(programme)).status_code == 403
    assert load(app, city_a, CohortMessage) == []


def test_another_citys_message_page_is_404(
    app, programme, coordinator, city_a, city_b, make_user, signed_in, outbox
):
    response = send(coordinator, programme, "all")
    path = response.headers["Location"]
    other = signed_in(city_b, make_user(city_b, role="coordinator").email)
    assert other.get(path).status_code == 404
