from tests.conftest import login


def test_city_home_and_login(client_for, city_a, make_user):
    user = make_user(city_a, role="coordinator", email="c@example.org")
    client = client_for(city_a)
    assert client.get("/").status_code == 200
    response = login(client, user.email)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/coordinator/")
    assert client.get("/coordinator/").status_code == 200
