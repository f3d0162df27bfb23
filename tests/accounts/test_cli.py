"""`flask accounts invite`: an operator creates a city's first coordinator."""

from mentoring.accounts.models import NetworkUser, User
from mentoring.core.scoping import tenant_scope
from mentoring.extensions import db
from tests.conftest import PASSWORD, body_text, link_in


def _invite(app, *args):
    return app.test_cli_runner().invoke(args=["accounts", *args])


def test_invite_creates_a_coordinator_who_sets_a_password(
    app, city_a, client_for, outbox
):
    result = _invite(app, "invite", "lyngby-taarbaek", "Ny@Example.org", "Nina Ny")
    assert result.exit_code == 0, result.output
    with app.app_context(), tenant_scope(db.session, city_a.id):
        user = db.session.scalar(db.select(User).where(User.email == "ny@example.org"))
        assert user.role == "coordinator" and user.password_hash is None
    [mail] = outbox()
    assert mail["To"] == "ny@example.org"
    link = link_in(mail)
    assert link.startswith("http://lyngby-taarbaek.localhost/invitation/")
    assert "Lyngby-Taarb" in body_text(mail)
    client = client_for(city_a)
    path = link.split("localhost", 1)[1]
    page = client.get(path)
    assert page.status_code == 200
    token = page.get_data(as_text=True).split(
        'name="csrf_token" type="hidden" value="'
    )[1]
    token = token.split('"')[0]
    done = client.post(
        path, data={"password": PASSWORD, "confirm": PASSWORD, "csrf_token": token}
    )
    assert done.status_code == 302 and done.headers["Location"].endswith(
        "/coordinator/"
    )


def test_invite_refuses_an_unknown_city_and_a_taken_address(app, city_a, make_user):
    assert _invite(app, "invite", "atlantis", "a@example.org", "A").exit_code != 0
    make_user(city_a, email="taken@example.org")
    taken = _invite(app, "invite", "lyngby-taarbaek", "taken@example.org", "T")
    assert taken.exit_code != 0 and "already" in taken.output


def test_invite_network_account(app, outbox):
    result = _invite(
        app, "invite-network", "ops@example.org", "Olga Ops", "--role", "operator"
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        account = db.session.scalar(
            db.select(NetworkUser).where(NetworkUser.email == "ops@example.org")
        )
        assert account.role == "operator"
    [mail] = outbox()
    assert link_in(mail).startswith("http://localhost/invitation/")
    assert "Karrierementor-netværket" in body_text(mail)  # network default: Danish
