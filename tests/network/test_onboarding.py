"""Onboarding a city from the web: validated like tenant.toml, one transaction,
and a coordinator who can log in from the invitation."""

from __future__ import annotations

import io
import re
import shutil
from html import unescape
from pathlib import Path

import pytest

from mentoring.accounts.models import User
from mentoring.core.scoping import cross_tenant
from mentoring.extensions import db
from mentoring.mail.models import CityEmail
from mentoring.network.models import TrackedCity
from mentoring.programmes.models import CohortTemplate
from mentoring.tenancy.config import clean_logo
from mentoring.tenancy.models import Tenant
from mentoring.tenancy.services import sync_tenants
from tests.conftest import PASSWORD, csrf_token, link_in
from tests.network.helpers import network_client, post_form
from tests.tenancy.conftest import edit

LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" role="img">'
    '<rect width="64" height="64" fill="#1A5276"/></svg>'
)
GOOD = {
    "name_da": "Vejle Kommune – Karrierementor",
    "name_en": "Vejle Municipality – Career Mentoring",
    "subdomain": "vejle",
    "custom_domains": "",
    "primary_color": "#1A5276",
    "accent_color": "#F4D03F",
    "logo_text": LOGO,
    "default_language": "da",
    "timezone": "Europe/Copenhagen",
    "criterion_mentees_in_work_after_six_months": "35",
    "criterion_mentees_network_grown": "80",
    "criterion_mentors_would_recommend": "90",
    "contact_organisation": "Vejle Kommune, Jobcenter",
    "contact_email": "kontakt@vejle.example.org",
    "coordinator_name": "Vera Vejle",
    "coordinator_email": "Vera@Vejle.example.org",
    "tracked": "",
}


@pytest.fixture
def operator(app, client_for):
    return network_client(app, client_for, "operator")


def onboard(client, lang: str = "da", **changes):
    data = {**GOOD, **changes}
    return post_form(
        client,
        f"/operations/onboard?lang={lang}",
        data,
        content_type="multipart/form-data",
    )


def everything(app) -> dict[str, int]:
    """Row counts of what onboarding writes, across every city."""
    with app.app_context(), cross_tenant(db.session, "test: counting rows"):
        return {
            model.__name__: len(db.session.scalars(db.select(model)).unique().all())
            for model in (Tenant, User, CohortTemplate, CityEmail, TrackedCity)
        }


def errors(response) -> str:
    html = unescape(response.get_data(as_text=True))
    return " ".join(re.findall(r'<p class="field__error" id="[^"]+">([^<]*)</p>', html))


def test_the_criteria_fields_come_from_the_measures(operator):
    from mentoring.results.measures import WITH_CRITERION

    html = operator.get("/operations/onboard?lang=en").get_data(as_text=True)
    for measure in WITH_CRITERION:
        assert f'name="criterion_{measure.key}"' in html
        assert f'value="{round(measure.criterion * 100)}"' in html


BAD_INPUTS = [
    ({"primary_color": "#F4D03F"}, "White text on this colour has a contrast of"),
    ({"primary_color": "yellow"}, "Enter a colour as # and six hexadecimal digits"),
    ({"subdomain": "Vejle_By"}, "Use lower-case letters, digits and hyphens"),
    ({"subdomain": "-vejle"}, "Use lower-case letters, digits and hyphens"),
    ({"subdomain": "www"}, "reserved for the service itself"),
    ({"subdomain": "aarhus"}, "A city configured in files (tenants/) already uses"),
    ({"custom_domains": "not a host"}, "Enter host names such as mentor.city.dk"),
    (
        {"logo_text": LOGO.replace("<rect", "<script>alert(1)</script><rect")},
        "The logo may not contain scripts, links, event handlers",
    ),
    (
        {"logo_text": LOGO.replace("<rect", '<rect onload="alert(1)"')},
        "The logo may not contain scripts, links, event handlers",
    ),
    (
        {
            "logo_text": LOGO.replace(
                "<rect", '<use href="https://evil.example/x.svg#a"/><rect'
            )
        },
        "The logo may not contain",
    ),
    ({"logo_text": "<svg"}, "The logo must be an SVG image."),
    ({"logo_text": ""}, "Upload the city's logo or paste its SVG."),
    ({"coordinator_email": "vera at vejle"}, "Enter an e-mail address such as"),
    ({"contact_email": "kontakt@"}, "Enter an e-mail address such as"),
    ({"timezone": "Europe/Vejle"}, "Enter a time zone such as Europe/Copenhagen."),
    ({"criterion_mentees_network_grown": "120"}, "between 0 and 100 percent"),
    ({"default_language": "de"}, "Not a valid choice."),
    ({"name_da": "Vejle\nKommune"}, "Write this on one line"),
]


@pytest.mark.parametrize(("changes", "message"), BAD_INPUTS)
def test_bad_onboarding_input_is_refused_and_creates_nothing(
    app, operator, changes, message
):
    before = everything(app)
    response = onboard(operator, lang="en", **changes)
    assert response.status_code == 400
    assert message in errors(response)
    assert everything(app) == before


def test_the_messages_are_danish_in_danish(app, operator):
    response = onboard(operator, lang="da", primary_color="#F4D03F", subdomain="www")
    text = errors(response)
    assert "Hvid tekst på denne farve har en kontrast på" in text
    assert "reserveret" in text


def test_a_subdomain_taken_by_a_web_city_is_refused(app, operator):
    assert onboard(operator).status_code == 302
    before = everything(app)
    again = onboard(operator, lang="en", coordinator_email="other@vejle.example.org")
    assert "Another city already uses this address." in errors(again)
    assert everything(app) == before


def test_an_uploaded_logo_is_checked_like_a_pasted_one(app, operator):
    bad = LOGO.replace("<rect", '<rect onclick="x()"').encode()
    before = everything(app)
    response = onboard(
        operator, lang="en", logo_text="", logo_file=(io.BytesIO(bad), "logo.svg")
    )
    assert "The logo may not contain" in errors(response)
    assert everything(app) == before
    good = onboard(
        operator, logo_text="", logo_file=(io.BytesIO(LOGO.encode()), "l.svg")
    )
    assert good.status_code == 302


def vejle(app) -> Tenant:
    with app.app_context():
        tenant = db.session.scalar(db.select(Tenant).where(Tenant.slug == "vejle"))
        db.session.expunge(tenant)
        return tenant


def test_onboarding_creates_a_working_city_whose_coordinator_can_log_in(
    app, operator, client_for, outbox
):
    before = everything(app)
    response = onboard(operator)
    assert response.status_code == 302
    assert re.fullmatch(
        r"/operations/cities/[0-9a-f-]{36}", response.headers["Location"]
    )
    after = everything(app)
    assert {k: after[k] - before[k] for k in after} == {
        "Tenant": 1,
        "User": 1,
        "CohortTemplate": 1,
        "CityEmail": 1,
        "TrackedCity": 1,
    }
    tenant = vejle(app)
    assert tenant.configured_in == "web"
    assert tenant.subdomain == "vejle" and tenant.primary_color == "#1A5276"
    assert tenant.success_criteria["mentees_in_work_after_six_months"] == 0.35
    assert tenant.contact["email"] == "kontakt@vejle.example.org"

    page = operator.get(response.headers["Location"] + "?lang=en")
    html = unescape(page.get_data(as_text=True))
    assert "Onboarding" in html
    assert 'href="http://vejle.localhost/coordinator/#checklist-title"' in html

    [mail] = outbox()
    assert mail["To"] == "vera@vejle.example.org"
    link = link_in(mail)
    assert link.startswith("http://vejle.localhost/invitation/")

    coordinator = client_for(tenant)
    path = link.split("localhost", 1)[1]
    assert coordinator.get(path).status_code == 200
    token = csrf_token(coordinator, path)
    done = coordinator.post(
        path, data={"password": PASSWORD, "confirm": PASSWORD, "csrf_token": token}
    )
    assert done.status_code == 302
    assert done.headers["Location"].endswith("/coordinator/")
    home = coordinator.get("/coordinator/")
    assert home.status_code == 200
    html = home.get_data(as_text=True)
    assert 'id="checklist-title"' in html and "Vejle Kommune" in html
    assert 'id="checklist-success_criteria"' in html

    # A fresh client logs in with the chosen password.
    fresh = client_for(tenant)
    from tests.conftest import login

    assert login(fresh, "vera@vejle.example.org").status_code == 302
    assert fresh.get("/coordinator/").status_code == 200
    # The template was made from the programme's defaults.
    assert coordinator.get("/coordinator/template").status_code == 200


def test_onboarding_links_the_tracked_row_and_moves_it(app, operator, clock):
    post_form(
        operator, "/operations/cities/new", {"name": "Vejle", "stage": "interested"}
    )
    with app.app_context():
        row_id = str(db.session.scalar(db.select(TrackedCity.id)))
    form = operator.get(f"/operations/onboard?tracked={row_id}").get_data(as_text=True)
    assert f'<option selected value="{row_id}">' in form or (
        f'value="{row_id}" selected' in form
    )
    assert onboard(operator, tracked=row_id).status_code == 302
    with app.app_context():
        [row] = db.session.scalars(db.select(TrackedCity)).unique().all()
        assert row.stage == "onboarding" and row.onboarding_on == clock.today()
        assert row.interested_on == clock.today() and row.tenant.slug == "vejle"


def test_tenants_sync_leaves_a_web_city_alone(app, operator, tenants_copy):
    assert onboard(operator).status_code == 302
    before = vejle(app)
    with app.app_context():
        results = dict(sync_tenants(tenants_copy))
        db.session.commit()
    assert "vejle" not in results and set(results.values()) == {"unchanged"}
    after = vejle(app)
    assert (after.name_da, after.synced_at, after.configured_in) == (
        before.name_da,
        before.synced_at,
        "web",
    )


def test_tenants_sync_refuses_a_folder_that_takes_over_a_web_city(
    app, operator, tenants_copy
):
    from mentoring.tenancy.config import TenantConfigError

    assert onboard(operator).status_code == 302
    shutil.copytree(tenants_copy / "odense", tenants_copy / "vejle")
    toml = tenants_copy / "vejle" / "tenant.toml"
    edit(toml, 'slug = "odense"', 'slug = "vejle"')
    edit(toml, 'subdomain = "odense"', 'subdomain = "vejle"')
    with app.app_context():
        with pytest.raises(TenantConfigError, match="configured from the web"):
            sync_tenants(tenants_copy)
        db.session.rollback()
    assert vejle(app).name_da == GOOD["name_da"]
    # A folder with another slug but the web city's subdomain is refused too.
    Path(tenants_copy / "vejle").rename(tenants_copy / "vejle-by")
    edit(
        tenants_copy / "vejle-by" / "tenant.toml", 'slug = "vejle"', 'slug = "vejle-by"'
    )
    with app.app_context():
        with pytest.raises(TenantConfigError, match="web-configured city 'vejle'"):
            sync_tenants(tenants_copy)
        db.session.rollback()
        assert (
            db.session.scalar(db.select(Tenant).where(Tenant.slug == "vejle-by"))
            is None
        )


def test_the_cli_sync_says_why_and_changes_nothing(app, operator, tenants_copy):
    assert onboard(operator).status_code == 302
    shutil.copytree(tenants_copy / "odense", tenants_copy / "vejle")
    toml = tenants_copy / "vejle" / "tenant.toml"
    edit(toml, 'slug = "odense"', 'slug = "vejle"')
    edit(toml, 'subdomain = "odense"', 'subdomain = "vejle"')
    app.config["TENANTS_DIR"], saved = str(tenants_copy), app.config["TENANTS_DIR"]
    try:
        result = app.test_cli_runner().invoke(args=["tenants", "sync"])
    finally:
        app.config["TENANTS_DIR"] = saved
    assert result.exit_code != 0
    assert "configured from the web" in result.output
    assert vejle(app).name_da == GOOD["name_da"]


def test_export_moves_a_web_city_to_files_and_sync_keeps_it_in_step(
    app, operator, tenants_copy
):
    assert onboard(operator).status_code == 302
    app.config["TENANTS_DIR"], saved = str(tenants_copy), app.config["TENANTS_DIR"]
    try:
        runner = app.test_cli_runner()
        result = runner.invoke(args=["tenants", "export", "vejle"])
        assert result.exit_code == 0, result.output
        assert (tenants_copy / "vejle" / "logo.svg").read_text() == clean_logo(LOGO)
        assert vejle(app).configured_in == "files"
        again = runner.invoke(args=["tenants", "export", "vejle"])
        assert again.exit_code != 0 and "already configured in files" in again.output
        synced = runner.invoke(args=["tenants", "sync"])
        assert synced.exit_code == 0, synced.output
        assert "vejle: unchanged" in synced.output
    finally:
        app.config["TENANTS_DIR"] = saved
