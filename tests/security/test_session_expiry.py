"""A session that expires while a page is open: the next htmx request must
send the whole browser to sign in (HX-Redirect), not swap the sign-in page
into a fragment, and nothing may be written. After signing in the user comes
back to the page they were on (HX-Current-URL), not to the fragment or
POST-only URL that htmx called. (coaching/site/middleware.py)"""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from tests import factories
from tests.security import probes

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return factories.world()


def expire_sessions():
    Session.objects.all().delete()  # what the session's expiry does, server side


def htmx(page_url):
    return {"HX-Request": "true", "HX-Current-URL": f"http://testserver{page_url}"}


def sign_in_target(response):
    location = urlsplit(response["HX-Redirect"])
    assert location.path == reverse("login")
    return parse_qs(location.query)["next"][0]


def test_check_off_after_expiry_sends_the_browser_to_sign_in(client, world):
    client.force_login(world.users["athlete_a"])
    week = reverse("coaching:week")
    assert client.get(week).status_code == 200
    expire_sessions()
    with probes.writes() as written:
        response = client.post(
            reverse("coaching:entry_done", args=[world.entry.pk]), headers=htmx(week)
        )
    assert response.status_code == 200  # htmx only follows HX-Redirect on a 2xx
    assert response.content == b""  # nothing to swap in
    assert sign_in_target(response) == week  # back to the week, not to the POST URL
    assert not written
    world.entry.refresh_from_db()
    assert world.entry.completed_at is None


def test_search_fragment_after_expiry_sends_the_browser_to_sign_in(client, world):
    client.force_login(world.users["coach_a"])
    library = reverse("exercises:list") + "?q=deadlift"
    expire_sessions()
    response = client.get(reverse("exercises:list"), {"q": "deadl"}, headers=htmx(library))
    assert response.status_code == 200 and response.content == b""
    assert sign_in_target(response) == library


def test_without_a_current_url_the_request_path_is_kept(client, world):
    response = client.get(reverse("athletes:roster"), {"q": "ana"}, headers={"HX-Request": "true"})
    assert sign_in_target(response) == reverse("athletes:roster") + "?q=ana"


def test_another_origin_in_hx_current_url_is_ignored(client, world):
    headers = {"HX-Request": "true", "HX-Current-URL": "https://evil.example/phish"}
    response = client.get(reverse("coaching:dashboard"), headers=headers)
    assert sign_in_target(response) == reverse("coaching:dashboard")


def test_a_plain_request_after_expiry_gets_the_normal_redirect(client, world):
    client.force_login(world.users["athlete_a"])
    expire_sessions()
    response = client.post(reverse("coaching:entry_done", args=[world.entry.pk]))
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == reverse("login")
    assert "HX-Redirect" not in response
