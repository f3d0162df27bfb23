"""`flask demo seed`: the contract's demo accounts and a believable history."""

from sqlalchemy import func

from mentoring.accounts.models import NetworkUser, User
from mentoring.core.scoping import cross_tenant
from mentoring.extensions import db
from mentoring.programmes.models import Cohort, Pair, Participant
from tests.conftest import login


def _seed(app, *args):
    return app.test_cli_runner().invoke(args=["demo", "seed", *args])


def _count(app, model, *where):
    with app.app_context(), cross_tenant(db.session, "test: count demo rows"):
        query = db.select(func.count()).select_from(model)
        return db.session.scalar(query.where(*where) if where else query)


def test_seed_creates_contract_accounts_and_history(app, client_for, city_a):
    result = _seed(app, "--cities", "2", "--participants", "4", "--cohorts", "3")
    assert result.exit_code == 0, result.output
    assert _count(app, Cohort) == 2 * (3 + 1)  # three held, one recruiting
    assert _count(app, Pair) == 2 * 3 * 4
    assert _count(app, Cohort, Cohort.status == "closed") == 2 * 2  # two past cohorts
    assert _count(app, Cohort, Cohort.status == "recruiting") == 2
    assert _count(app, NetworkUser) == 2
    # The contract's accounts log in with the demo password and land by role.
    client = client_for(city_a)
    response = login(client, "coordinator@lyngby-taarbaek.example.org", "demo-password")
    assert response.headers["Location"].endswith("/coordinator/")
    client = client_for(city_a)
    response = login(client, "mentee1@lyngby-taarbaek.example.org", "demo-password")
    assert response.headers["Location"].endswith("/me/")
    network = client_for(None)
    response = login(network, "analyst@network.example.org", "demo-password")
    assert response.headers["Location"].endswith("/network/")


def test_mentors_return_between_cohorts(app):
    _seed(app, "--cities", "1", "--participants", "6", "--cohorts", "3")
    mentor_places = _count(app, Participant, Participant.role == "mentor")
    mentors = _count(app, User, User.role == "mentor")
    assert mentor_places == 18
    assert mentors < mentor_places  # some mentors took part more than once


def test_seed_refuses_a_database_with_data_unless_if_empty(app):
    small = ("--cities", "1", "--participants", "2", "--cohorts", "2")
    assert _seed(app, *small).exit_code == 0
    again = _seed(app, *small)
    assert again.exit_code != 0 and "empty" in again.output
    skipped = _seed(app, "--if-empty")
    assert skipped.exit_code == 0 and "skipped" in skipped.output


def test_seed_scales_beyond_the_configured_cities(app):
    result = _seed(app, "--cities", "10", "--participants", "2", "--cohorts", "2")
    assert result.exit_code == 0, result.output
    assert "10 cities" in result.output


def test_seed_is_never_run_in_production(app, monkeypatch):
    monkeypatch.setitem(app.config, "ENV_NAME", "production")
    result = _seed(app)
    assert result.exit_code != 0 and "production" in result.output
    assert _count(app, User) == 0


def test_every_page_has_something_to_show(app):
    """Cohorts come from the city's template with events; past events were held."""
    from mentoring.applications.models import Application
    from mentoring.events.models import Event, EventInvitation
    from mentoring.meetings.models import Meeting

    _seed(app, "--cities", "1", "--participants", "4", "--cohorts", "2")
    assert _count(app, Event) == 3 * 7  # the template's seven steps per cohort
    assert _count(app, EventInvitation, EventInvitation.checked_in_at.is_not(None))
    assert _count(app, Meeting) > 0
    assert _count(app, Meeting, Meeting.notes != "") == 0  # notes stay private
    assert _count(app, Application, Application.status == "submitted") > 0


def test_demo_pages_answer_for_each_role(app, client_for, city_a):
    _seed(app, "--cities", "1", "--participants", "4", "--cohorts", "2")
    client = client_for(city_a)
    login(client, "coordinator@lyngby-taarbaek.example.org", "demo-password")
    for path in (
        "/coordinator/",
        "/coordinator/cohorts/",
        "/coordinator/applications/",
        "/coordinator/audit/",
        "/coordinator/template",
    ):
        assert client.get(path).status_code == 200, path
    mentee = client_for(city_a)
    login(mentee, "mentee5@lyngby-taarbaek.example.org", "demo-password")
    home = mentee.get("/me/")
    assert home.status_code == 200
    assert "Forløb 2" in home.get_data(as_text=True)


def test_lyngby_reproduces_the_reports_published_figures(app, city_a):
    """48 % in work, 10 % education, 7 % self-employed, 10 % clarified,
    24 % job-seeking, 85 % stronger network, all mentors recommending."""
    from mentoring.core.scoping import tenant_scope
    from mentoring.results.aggregation import SurveyRecord, aggregate
    from mentoring.surveys.models import SurveyInvitation

    assert _seed(app, "--cities", "1").exit_code == 0  # Lyngby-Taarbæk, defaults
    with app.app_context(), tenant_scope(db.session, city_a.id):
        records = [
            SurveyRecord(
                str(i.cohort_id),
                i.survey_key,
                {a.question.key: a.value for a in i.answers},
            )
            for i in db.session.scalars(db.select(SurveyInvitation))
        ]
    figures = {f.measure: f.percent for f in aggregate(records, {}).overall}
    assert figures == {
        "mentees_in_work_after_six_months": 48,
        "mentees_in_education": 10,
        "mentees_self_employed": 7,
        "mentees_clarified": 10,
        "mentees_job_seeking": 24,
        "mentees_network_grown": 85,
        "mentees_cv_improved": 100,
        "mentors_would_recommend": 100,
    }
