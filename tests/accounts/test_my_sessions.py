"""'Your sessions': one's own open sessions, ending one, everywhere else, everywhere."""

from __future__ import annotations

import re

from mentoring.accounts.devices import summarise
from tests.accounts.helpers import make_network_user
from tests.conftest import csrf_token, login

FIREFOX = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
)
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15"
    " (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)


def test_a_user_agent_is_summarised_for_people():
    assert summarise(FIREFOX) == ("Firefox", "Windows")
    assert summarise(IPHONE) == ("Safari", "iPhone")
    assert summarise("") == (None, None)


def signed_in(client_for, tenant, email, agent):
    client = client_for(tenant)
    client.environ_base["HTTP_USER_AGENT"] = agent
    client.get("/login?lang=en")
    login(client, email)
    return client


def test_the_list_shows_each_device_and_ends_the_others(client_for, city_a, make_user):
    user = make_user(city_a, role="coordinator")
    laptop = signed_in(client_for, city_a, user.email, FIREFOX)
    phone = signed_in(client_for, city_a, user.email, IPHONE)
    page = laptop.get("/account/sessions").get_data(as_text=True)
    assert "Firefox on Windows" in page and "Safari on iPhone" in page
    assert page.count("This device") == 1
    assert "127.0.0.1" in page
    ends = re.findall(r'action="(/account/sessions/[0-9a-f-]+/end)"', page)
    assert len(ends) == 1  # only the other device has an "end" button
    token = csrf_token(laptop, "/account/sessions")
    assert laptop.post(ends[0], data={"csrf_token": token}).status_code == 302
    assert phone.get("/coordinator/").status_code == 302
    assert laptop.get("/coordinator/").status_code == 200
    # Ending it again: a message, no change; a made-up id is not found.
    again = laptop.post(ends[0], data={"csrf_token": token}, follow_redirects=True)
    assert "That session has already ended." in again.get_data(as_text=True)
    bad = laptop.post("/account/sessions/nope/end", data={"csrf_token": token})
    assert bad.status_code == 404


def test_another_users_session_cannot_be_ended(client_for, city_a, make_user):
    mine = make_user(city_a, role="coordinator")
    theirs = make_user(city_a, role="coordinator")
    me = signed_in(client_for, city_a, mine.email, FIREFOX)
    them = signed_in(client_for, city_a, theirs.email, IPHONE)
    page = them.get("/account/sessions").get_data(as_text=True)
    assert "/end" not in re.sub(r"end-(others|all)", "", page)
    own = signed_in(client_for, city_a, theirs.email, FIREFOX)
    page = own.get("/account/sessions").get_data(as_text=True)
    (their_end,) = re.findall(r'action="(/account/sessions/[0-9a-f-]+/end)"', page)
    token = csrf_token(me, "/account/sessions")
    me.post(their_end, data={"csrf_token": token})
    assert them.get("/coordinator/").status_code == 200


def test_sign_out_everywhere_else_and_everywhere(client_for, city_a, make_user):
    user = make_user(city_a, role="mentee")
    one = signed_in(client_for, city_a, user.email, FIREFOX)
    two = signed_in(client_for, city_a, user.email, IPHONE)
    three = signed_in(client_for, city_a, user.email, IPHONE)
    token = csrf_token(one, "/account/sessions")
    assert one.post("/account/sessions/end-others", data={"csrf_token": token})
    assert two.get("/me/").status_code == 302
    assert one.get("/me/").status_code == 200
    token = csrf_token(three, "/login")  # three is signed out: sign in again
    login(three, user.email)
    token = csrf_token(one, "/account/sessions")
    one.post("/account/sessions/end-all", data={"csrf_token": token})
    assert one.get("/me/").status_code == 302
    assert three.get("/me/").status_code == 302


def test_network_users_have_the_page_too(app, client_for):
    user = make_network_user(app, role="analyst")
    client = signed_in(client_for, None, user.email, FIREFOX)
    page = client.get("/account/sessions").get_data(as_text=True)
    assert "Firefox on Windows" in page and "This device" in page


def test_the_page_needs_a_sign_in(client_for, city_a):
    response = client_for(city_a).get("/account/sessions")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
