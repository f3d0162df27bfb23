"""The personal link: answers without logging in, kept as you go, one person,
one city, signed and expiring."""

from __future__ import annotations

from datetime import timedelta

import pytest

from mentoring.core.models import utcnow
from tests.conftest import csrf_token
from tests.surveys.conftest import by_recipient, invitations, path_of, tick


@pytest.fixture
def links(app, closed, outbox) -> dict[str, str]:
    """The survey path from each person's e-mail."""
    tick(app)
    sent = by_recipient(outbox())
    return {
        who: path_of(sent[email][0])
        for who, email in (("mentee", closed.mentee), ("mentor", closed.mentor))
    }


def answers(app, tenant, participant_id) -> dict[str, object]:
    from mentoring.core.scoping import set_tenant
    from mentoring.extensions import db
    from mentoring.surveys.models import SurveyAnswer, SurveyInvitation, SurveyQuestion

    with app.app_context():
        set_tenant(db.session, tenant.id)
        rows = db.session.execute(
            db.select(SurveyQuestion.key, SurveyAnswer.value)
            .join(SurveyAnswer.question)
            .join(SurveyInvitation, SurveyInvitation.id == SurveyAnswer.invitation_id)
            .where(SurveyInvitation.participant_id == participant_id)
        ).all()
        return dict(rows)


def post(client, path, **data):
    data["csrf_token"] = csrf_token(client, path)
    return client.post(path, data=data)


def test_the_mentee_answers_in_english_without_logging_in(client_for, city_a, links):
    page = client_for(city_a).get(links["mentee"])
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert '<html lang="en"' in html
    assert "Evaluation of the mentoring programme" in html
    assert "Has your professional network in Denmark been strengthened?" in html
    assert 'name="q_satisfaction"' in html and "Mia Mentee" in html


def test_the_mentor_gets_the_questions_in_danish(client_for, city_a, links):
    html = client_for(city_a).get(links["mentor"]).get_data(as_text=True)
    assert '<html lang="da"' in html
    assert "Hvad motiverede dig til at være mentor?" in html
    assert "Det internationale aspekt" in html
    english = (
        client_for(city_a).get(links["mentor"] + "?lang=en").get_data(as_text=True)
    )
    assert "What motivated you to be a mentor?" in english


def test_partial_answers_are_kept_and_shown_again(
    app, client_for, city_a, closed, links
):
    client = client_for(city_a)
    saved = post(
        client,
        links["mentee"],
        action="save",
        q_network_strengthened="yes",
        q_satisfaction="9",  # not on the scale: ignored
        q_comments="Good so far",
    )
    assert saved.status_code == 303
    assert answers(app, city_a, closed.mentee_id) == {
        "network_strengthened": "yes",
        "comments": "Good so far",
    }
    html = client.get(links["mentee"]).get_data(as_text=True)
    assert 'value="yes" checked' in html and "Good so far" in html
    assert "Your answers are saved" in html
    (row,) = invitations(app, city_a, participant_id=closed.mentee_id)
    assert row.completed_at is None


def test_submitting_completes_and_the_link_turns_read_only(
    app, client_for, city_a, closed, links
):
    client = client_for(city_a)
    post(client, links["mentor"] + "?lang=en", action="save", q_would_again="yes")
    done = post(
        client,
        links["mentor"] + "?lang=en",
        action="submit",
        q_would_again="yes",
        q_would_recommend="yes",
        q_motivation=["difference", "international"],
    )
    assert done.status_code == 303
    html = client.get(links["mentor"] + "?lang=en").get_data(as_text=True)
    assert "Thank you!" in html and "<form" not in html.split("<main")[-1]
    assert "Making a difference, The international aspect" in html
    late = post(client, links["mentee"], action="save")  # a form token to reuse
    assert late.status_code == 303
    again = client.post(
        links["mentor"],
        data={
            "action": "save",
            "q_would_again": "no",
            "csrf_token": csrf_token(client, links["mentee"]),
        },
    )
    assert again.status_code == 200
    assert answers(app, city_a, closed.mentor_id)["would_again"] == "yes"
    (row,) = invitations(app, city_a, participant_id=closed.mentor_id)
    assert row.completed_at is not None


def test_each_link_serves_only_its_own_person(app, client_for, city_a, closed, links):
    client = client_for(city_a)
    post(client, links["mentee"], action="save", q_comments="mentee's words")
    mentor_page = client.get(links["mentor"]).get_data(as_text=True)
    assert "mentee's words" not in mentor_page and "Mia Mentee" not in mentor_page
    assert "Mads Mentor" in mentor_page


def _is_kind_error(response) -> None:
    """A bad link reaches nobody's answers: the page speaks the city's language."""
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert '<html lang="da">' in html  # Lyngby-Taarbæk's default; no person known
    assert "Linket til spørgeskemaet virker ikke" in html


def test_a_tampered_link_is_refused_kindly(client_for, city_a, links):
    path = links["mentee"]
    tampered = path[:-3] + ("AAA" if not path.endswith("AAA") else "BBB")
    _is_kind_error(client_for(city_a).get(tampered))
    _is_kind_error(client_for(city_a).get("/s/not-a-token"))


def test_a_link_does_not_work_in_another_city(client_for, city_b, links):
    _is_kind_error(client_for(city_b).get(links["mentee"]))


def test_an_expired_link_is_refused(app, client_for, city_a, closed, links):
    from mentoring.surveys.tokens import LINK_VALID_FOR, make_link_token

    (row,) = invitations(app, city_a, participant_id=closed.mentee_id)
    secret = app.config["SECRET_KEY"]

    def link(age: timedelta) -> str:
        issued = utcnow() - age
        return "/s/" + make_link_token(secret, str(row.id), str(city_a.id), issued)

    assert (
        client_for(city_a).get(link(LINK_VALID_FOR - timedelta(hours=1))).status_code
        == 200
    )
    _is_kind_error(client_for(city_a).get(link(LINK_VALID_FOR + timedelta(hours=1))))


def test_a_link_signed_for_another_purpose_is_refused(
    app, client_for, city_a, closed, links
):
    from itsdangerous import URLSafeTimedSerializer

    (row,) = invitations(app, city_a, participant_id=closed.mentee_id)
    other = URLSafeTimedSerializer(
        app.config["SECRET_KEY"], salt="mentoring-account-reset"
    )
    token = other.dumps({"i": str(row.id), "s": str(city_a.id)})
    _is_kind_error(client_for(city_a).get(f"/s/{token}"))


def test_control_characters_in_a_text_answer_are_dropped(
    app, client_for, city_a, closed, links
):
    """The answer page is not a WTForms form: its free text is cleaned on saving
    (a NUL byte would otherwise be refused by PostgreSQL, a 500)."""
    client = client_for(city_a)
    saved = post(
        client,
        links["mentee"],
        action="save",
        q_comments="Good\x00 so\x1b far\r\nThanks\tall",
    )
    assert saved.status_code == 303
    assert answers(app, city_a, closed.mentee_id) == {
        "comments": "Good so far\r\nThanks\tall"
    }
