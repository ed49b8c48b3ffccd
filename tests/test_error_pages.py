from django.test import RequestFactory
from django.views import defaults

from tests import factories


def test_404_page_is_styled_and_sends_no_one_away_confused(client, db, password):
    factories.user("carmen")
    client.login(username="carmen", password=password)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "We couldn't find that page" in body
    assert "css/app.css" in body


def test_403_page_explains_the_role(client, db, password):
    factories.user("carmen")  # no role: coach pages are forbidden
    client.login(username="carmen", password=password)
    response = client.get("/dashboard/")
    assert response.status_code == 403
    assert "isn't for your account" in response.content.decode()


def test_500_page_renders_without_a_request_context(db):
    response = defaults.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Nothing you entered was lost" in response.content.decode()
