"""Signing in and out: on the account's own host, with CSRF, fresh sessions."""

from __future__ import annotations

import re

import pytest
from werkzeug.routing import UUIDConverter

from mentoring.accounts.passwords import hash_password
from tests.accounts.helpers import load_account, make_network_user, session_of
from tests.conftest import PASSWORD, csrf_token, host_of, login

WRONG = "The e-mail or the password is not right."


def signed_in(client) -> bool:
    return "_user_id" in session_of(client)


@pytest.mark.parametrize(
    ("role", "landing"),
    [("coordinator", "/coordinator/"), ("mentor", "/me/"), ("mentee", "/me/")],
)
def test_a_city_user_lands_on_the_page_of_their_role(
    client_for, city_a, make_user, role, landing
):
    user = make_user(city_a, role=role)
    client = client_for(city_a)
    response = login(client, user.email)
    assert response.status_code == 302
    assert response.headers["Location"] == landing
    assert client.get(landing).status_code == 200


@pytest.mark.parametrize(
    ("role", "landing"), [("analyst", "/network/"), ("operator", "/operations/")]
)
def test_a_network_user_signs_in_on_the_apex(app, client_for, role, landing):
    user = make_network_user(app, role=role)
    client = client_for(None)
    response = login(client, user.email)
    assert response.status_code == 302
    assert response.headers["Location"] == landing
    assert client.get("/network/").status_code == 200
    assert client.get("/operations/").status_code == (
        200 if role == "operator" else 403
    )


def test_the_email_is_matched_without_regard_to_case(client_for, city_a, make_user):
    user = make_user(city_a, email="case@example.org", role="mentee")
    response = login(client_for(city_a), "  Case@Example.ORG ")
    assert response.status_code == 302, user


@pytest.mark.parametrize(("lang", "english"), [("en", True), ("da", False)])
def test_a_wrong_password_is_refused_in_the_page_language(
    client_for, city_a, make_user, lang, english
):
    user = make_user(city_a, role="coordinator")
    client = client_for(city_a)
    client.get(f"/login?lang={lang}")
    response = login(client, user.email, "not the password at all")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert f'<html lang="{lang}"' in html
    assert 'aria-invalid="true"' in html
    # Needs the Danish catalog for lang=da.
    assert (WRONG in html) is english
    assert not signed_in(client)
    assert client.get("/coordinator/").status_code == 302


def test_an_unknown_email_gets_the_same_answer(client_for, city_a):
    client = client_for(city_a)
    client.get("/login?lang=en")
    response = login(client, "nobody@example.org")
    assert response.status_code == 400
    assert WRONG in response.get_data(as_text=True)
    assert not signed_in(client)


def test_an_account_without_a_password_cannot_sign_in(client_for, city_a, make_user):
    user = make_user(city_a, password_hash=None)
    assert login(client_for(city_a), user.email, "").status_code == 400
    assert login(client_for(city_a), user.email, PASSWORD).status_code == 400


def test_an_inactive_account_cannot_sign_in(client_for, city_a, make_user):
    user = make_user(city_a, active=False)
    assert login(client_for(city_a), user.email).status_code == 400


def test_the_same_email_at_another_city_is_another_account(
    client_for, city_a, city_b, make_user
):
    user = make_user(city_a, email="same@example.org", role="coordinator")
    assert login(client_for(city_b), user.email).status_code == 400
    make_user(
        city_b, email=user.email, password_hash=hash_password("city b password 2")
    )
    assert login(client_for(city_b), user.email).status_code == 400
    client = client_for(city_b)
    assert login(client, user.email, "city b password 2").status_code == 302
    assert client.get("/me/").status_code == 200
    assert login(client_for(city_a), user.email).status_code == 302


def test_a_city_user_cannot_sign_in_on_the_apex(client_for, city_a, make_user):
    user = make_user(city_a, role="coordinator")
    client = client_for(None)
    assert login(client, user.email).status_code == 400
    assert not signed_in(client)


def test_a_network_user_cannot_sign_in_on_a_city_host(app, client_for, city_a):
    user = make_network_user(app, role="operator")
    client = client_for(city_a)
    assert login(client, user.email).status_code == 400
    assert not signed_in(client)


def test_a_login_at_one_city_is_no_login_at_another(
    client_for, city_a, city_b, make_user
):
    user = make_user(city_a, role="coordinator")
    client = client_for(city_a)
    login(client, user.email)
    other = f"http://{host_of(city_b)}"
    # The browser does not send the cookie to another host...
    assert client.get("/coordinator/", base_url=other).status_code == 302
    # ...and a copied cookie is still no login there: the user loader is scoped.
    cookie = client.get_cookie("session", domain=host_of(city_a))
    thief = client_for(city_b)
    thief.set_cookie("session", cookie.value, domain=host_of(city_b))
    response = thief.get("/coordinator/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_a_city_cookie_is_no_login_on_the_apex(app, client_for, city_a, make_user):
    user = make_user(city_a, role="coordinator")
    client = client_for(city_a)
    login(client, user.email)
    cookie = client.get_cookie("session", domain=host_of(city_a))
    apex = client_for(None)
    apex.set_cookie("session", cookie.value, domain="localhost")
    assert apex.get("/network/").status_code == 302


def test_login_starts_a_fresh_session(client_for, city_a, make_user):
    user = make_user(city_a, role="coordinator")
    client = client_for(city_a)
    host = host_of(city_a)
    client.get("/login?lang=en")
    with client.session_transaction(base_url=f"http://{host}") as session:
        session["planted"] = "by someone before the login"
    before_token = csrf_token(client)
    before = client.get_cookie("session", domain=host).value
    assert login(client, user.email).status_code == 302
    after = session_of(client)
    assert client.get_cookie("session", domain=host).value != before
    assert "planted" not in after
    assert after["_user_id"].startswith(str(user.id))
    assert after["lang"] == "en"  # the language choice survives
    # The pre-login CSRF token belongs to the old session: refused now.
    response = client.post("/logout", data={"csrf_token": before_token})
    assert response.status_code == 400
    assert signed_in(client)


def test_login_records_the_time(app, client_for, city_a, make_user):
    user = make_user(city_a, role="mentee")
    assert user.last_login_at is None
    login(client_for(city_a), user.email)
    assert load_account(app, city_a, user.email).last_login_at is not None


def test_a_signed_in_user_visiting_login_goes_to_their_page(
    client_for, city_a, make_user
):
    user = make_user(city_a, role="mentor")
    client = client_for(city_a)
    login(client, user.email)
    response = client.get("/login")
    assert response.status_code == 302
    assert response.headers["Location"] == "/me/"


# -- logout and CSRF ------------------------------------------------------------------


def test_logout_is_post_only(client_for, city_a, make_user):
    user = make_user(city_a, role="coordinator")
    client = client_for(city_a)
    login(client, user.email)
    assert client.get("/logout").status_code == 405
    assert signed_in(client)


def test_logout_with_the_form_token_signs_out(client_for, city_a, make_user):
    user = make_user(city_a, role="coordinator")
    client = client_for(city_a)
    login(client, user.email)
    token = csrf_token(client, "/coordinator/")
    response = client.post("/logout", data={"csrf_token": token})
    assert response.status_code == 302
    assert response.headers["Location"] == "/login"
    assert not signed_in(client)
    assert client.get("/coordinator/").status_code == 302


def test_logout_without_a_token_is_refused(client_for, city_a, make_user):
    user = make_user(city_a, role="coordinator")
    client = client_for(city_a)
    login(client, user.email)
    response = client.post("/logout")
    assert response.status_code == 400
    assert signed_in(client)


def test_an_htmx_post_sends_the_token_in_a_header(client_for, city_a, make_user):
    user = make_user(city_a, role="coordinator")
    client = client_for(city_a)
    login(client, user.email)
    html = client.get("/coordinator/").get_data(as_text=True)
    header_token = re.search(r'"X-CSRFToken": "([^"]+)"', html).group(1)
    response = client.post(
        "/logout", headers={"X-CSRFToken": header_token, "HX-Request": "true"}
    )
    assert response.status_code == 302
    assert not signed_in(client)


def _post_paths(app) -> list[str]:
    paths = []
    for rule in app.url_map.iter_rules():
        if "POST" in (rule.methods or ()):
            converters = rule._converters.items()  # noqa: SLF001
            args = {name: _sample(conv) for name, conv in converters}
            paths.append(rule.build(args)[1])
    return paths


def _sample(converter) -> str:
    """A value the route's converter accepts, so the POST reaches the CSRF check."""
    if isinstance(converter, UUIDConverter):
        return "00000000-0000-4000-8000-000000000000"
    return sorted(getattr(converter, "items", None) or ["x"])[0]


def test_every_post_without_a_csrf_token_is_refused(app, client_for, city_a):
    paths = _post_paths(app)
    assert {"/login", "/logout", "/password/forgot"} <= set(paths)
    client = client_for(city_a)
    for path in paths:
        response = client.post(
            f"{path}?lang=en", data={"email": "a@example.org", "password": "x" * 20}
        )
        assert response.status_code == 400, path
        assert "The form has expired" in response.get_data(as_text=True), path


def test_a_csrf_error_page_keeps_the_city_and_its_language(app, client_for):
    from mentoring.tenancy.models import Tenant

    billund = next(t for t in _all(app, Tenant) if t.slug == "billund")
    response = client_for(billund).post("/login")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert '<html lang="en"' in html  # Billund's default language
    assert billund.name_en in html.replace("&amp;", "&")


def _all(app, model):
    from mentoring.extensions import db

    with app.app_context():
        rows = db.session.scalars(db.select(model)).all()
        db.session.expunge_all()
        return rows


# -- the session cookie -------------------------------------------------------------


def test_the_session_cookie_is_host_only_httponly_and_lax(
    client_for, city_a, make_user
):
    user = make_user(city_a, role="coordinator")
    response = login(client_for(city_a), user.email)
    cookies = [c for c in response.headers.getlist("Set-Cookie") if "session=" in c]
    assert cookies
    for cookie in cookies:
        attributes = [part.strip().lower() for part in cookie.split(";")]
        assert not any(a.startswith("domain") for a in attributes)
        assert "httponly" in attributes
        assert "samesite=lax" in attributes


# -- where to go after signing in ---------------------------------------------


def test_next_leads_back_to_a_local_page(client_for, city_a, make_user):
    user = make_user(city_a, role="coordinator")
    client = client_for(city_a)
    target = "/coordinator/people?role=mentor"
    response = client.get(target)
    assert response.status_code == 302
    login_url = response.headers["Location"]
    assert login_url.startswith("/login?next=")
    token = csrf_token(client, login_url)
    response = client.post(
        login_url,
        data={"email": user.email, "password": PASSWORD, "csrf_token": token},
    )
    assert response.headers["Location"] == target


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "/\\/evil.example/",
        "\\\\evil.example",
        "javascript:alert(1)",
        "http:/evil.example",
        "/\r\nSet-Cookie:x=y",
        "/\t/evil.example",
        "/\n/evil.example",
        "\n/coordinator/people",
        "/coordinator/\x0b",
    ],
)
def test_next_never_leads_to_another_site(client_for, city_a, make_user, target):
    user = make_user(city_a, role="coordinator")
    client = client_for(city_a)
    token = csrf_token(client)
    response = client.post(
        "/login",
        query_string={"next": target},
        data={"email": user.email, "password": PASSWORD, "csrf_token": token},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/coordinator/"
