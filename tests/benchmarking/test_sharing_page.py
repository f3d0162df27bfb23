"""The city's choice of sharing: coordinators only, on their own city's host,
audited; bad input changes nothing."""

from __future__ import annotations

import re

import pytest

from tests.conftest import csrf_token, login

PAGE = "/coordinator/network-sharing"


@pytest.fixture
def coordinator(client_for, city_a, make_user):
    client = client_for(city_a)
    login(client, make_user(city_a, role="coordinator", full_name="Cora").email)
    return client


def stored(app, tenant):
    from mentoring.audit.models import AuditEntry
    from mentoring.benchmarking.models import CitySharing
    from mentoring.core.scoping import set_tenant
    from mentoring.extensions import db

    with app.app_context():
        set_tenant(db.session, tenant.id)
        row = db.session.execute(db.select(CitySharing)).scalar_one_or_none()
        audit = db.session.execute(
            db.select(AuditEntry.action).where(AuditEntry.action == "network.sharing")
        ).scalars()
        choice = None if row is None else (row.shares, row.named, row.pseudonym)
        return choice, list(audit)


def save(client, **data):
    data["csrf_token"] = csrf_token(client, PAGE)
    return client.post(f"{PAGE}?lang=en", data=data)


def test_the_page_explains_and_shows_a_stable_pseudonym(app, coordinator, city_a):
    html = coordinator.get(f"{PAGE}?lang=en").get_data(as_text=True)
    assert "counts only" in html
    (shares, named, pseudonym), _ = stored(app, city_a)
    assert (shares, named) == (True, True)
    assert re.fullmatch(r"By [A-ZÆØ]-\d\d", pseudonym)
    assert pseudonym in html
    coordinator.get(PAGE)
    assert stored(app, city_a)[0][2] == pseudonym  # made once, kept


def test_the_page_is_in_danish(coordinator):
    html = coordinator.get(f"{PAGE}?lang=da").get_data(as_text=True)
    assert "Deling med netværket" in html


def test_a_coordinator_changes_the_choice_and_it_is_audited(app, coordinator, city_a):
    response = save(coordinator, shares="no", named="pseudonym")
    assert response.status_code == 302
    choice, audit = stored(app, city_a)
    assert choice[:2] == (False, False)
    assert audit == ["network.sharing"]


@pytest.mark.parametrize(
    "data",
    [{"shares": "maybe", "named": "named"}, {"named": "named"}, {"shares": "no\x00"}],
)
def test_bad_input_changes_nothing(app, coordinator, city_a, data):
    coordinator.get(PAGE)
    before = stored(app, city_a)
    response = save(coordinator, **data)
    assert response.status_code == 400
    assert "Nothing was saved" in response.get_data(as_text=True)
    assert stored(app, city_a) == before


@pytest.mark.parametrize("role", ["mentor", "mentee"])
def test_participants_may_not(app, client_for, city_a, make_user, role):
    client = client_for(city_a)
    login(client, make_user(city_a, role=role).email)
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, data={"shares": "no"}).status_code in (400, 403)
    assert stored(app, city_a)[0] is None


def test_signed_out_goes_to_login(client_for, city_a):
    response = client_for(city_a).get(PAGE)
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_not_on_the_network_host(client_for):
    assert client_for(None).get(PAGE).status_code == 404


def test_another_citys_coordinator_changes_only_their_own(
    app, client_for, city_a, city_b, make_user, coordinator
):
    coordinator.get(PAGE)
    before = stored(app, city_a)
    other = client_for(city_b)
    login(other, make_user(city_b, role="coordinator").email)
    assert save(other, shares="no", named="named").status_code == 302
    assert stored(app, city_a) == before
    assert stored(app, city_b)[0][:2] == (False, True)
    # A's coordinator's login is no login on B's host.
    stranger = client_for(city_b)
    login(stranger, make_user(city_a, role="coordinator").email)
    assert stranger.get(PAGE).status_code == 302
    assert stored(app, city_a) == before


def test_pseudonyms_differ_between_cities(app, client_for, city_a, city_b, make_user):
    for tenant in (city_a, city_b):
        client = client_for(tenant)
        login(client, make_user(tenant, role="coordinator").email)
        client.get(PAGE)
    assert stored(app, city_a)[0][2] != stored(app, city_b)[0][2]


def test_a_taken_pseudonym_is_drawn_again(app, in_city, city_a, city_b, monkeypatch):
    from mentoring.benchmarking import services

    drawn = iter(["By A-11", "By A-11", "By B-22"])
    monkeypatch.setattr(services, "new_pseudonym", lambda: next(drawn))
    with in_city(city_a):
        assert services.sharing_for_city().pseudonym == "By A-11"
    with in_city(city_b):
        assert services.sharing_for_city().pseudonym == "By B-22"


def test_the_navigation_links_the_page(coordinator):
    html = coordinator.get("/coordinator/?lang=en").get_data(as_text=True)
    assert f'href="{PAGE}"' in html
