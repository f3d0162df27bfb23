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
    assert _count(app, Cohort) == 2 * 3
    assert _count(app, Pair) == 2 * 3 * 4
    assert _count(app, Cohort, Cohort.status == "closed") == 2 * 2  # two past cohorts
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
