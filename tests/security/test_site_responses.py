"""Site-wide response rules (coaching/site): signed-in pages are never kept
by a browser cache, HTML is compressed, a 403 logs one line."""

import gzip
import logging

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return factories.world()


SIGNED_IN_PAGES = [
    ("athlete_a", "coaching:week"),
    ("athlete_a", "athletes:my_results"),
    ("coach_a", "coaching:dashboard"),
    ("coach_a", "athletes:roster"),
    ("editor", "exercises:list"),
]


@pytest.mark.parametrize(("actor", "url"), SIGNED_IN_PAGES)
def test_signed_in_pages_are_not_stored_by_the_browser(client, world, actor, url):
    client.force_login(world.users[actor])
    response = client.get(reverse(url))
    assert response.status_code == 200
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives


def test_fragments_redirects_and_refusals_are_not_stored_either(client, world):
    client.force_login(world.users["athlete_a"])
    fragment = client.get(reverse("coaching:week"), headers={"HX-Request": "true"})
    refused = client.get(reverse("coaching:dashboard"))
    home = client.get(reverse("home"))
    assert (fragment.status_code, refused.status_code, home.status_code) == (200, 403, 302)
    for response in (fragment, refused, home):
        assert "no-store" in response["Cache-Control"]


def test_anonymous_pages_say_nothing_about_caching(client, world):
    response = client.get(reverse("password_reset"))  # (the sign-in page is never_cache)
    assert response.status_code == 200
    assert not response.has_header("Cache-Control")


def test_the_week_is_sent_compressed(client, world):
    client.force_login(world.users["athlete_a"])
    plain = client.get(reverse("coaching:week"))
    packed = client.get(reverse("coaching:week"), headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    html = gzip.decompress(packed.content)
    assert b"<html" in html
    assert len(packed.content) < len(plain.content) / 2


def test_static_files_are_left_to_whitenoise(client, world, settings):
    """No signed-in cache rule and no second compression on static files."""
    settings.WHITENOISE_USE_FINDERS = True  # as under runserver; read when the client starts
    assert finders.find("css/app.css")
    client.force_login(world.users["athlete_a"])
    response = client.get("/static/css/app.css", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert "Content-Encoding" not in response  # whitenoise serves .gz copies only when collected


def test_a_403_logs_one_line_without_a_traceback(client, world, caplog):
    client.force_login(world.users["athlete_a"])
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(reverse("coaching:dashboard"))
    assert response.status_code == 403
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert record.getMessage() == "Forbidden (Permission denied): /dashboard/"
    assert record.exc_info is None
    assert "Traceback" not in caplog.text


def test_other_errors_keep_their_traceback(world):
    """The filter only strips 403s: a 500's traceback is what one needs to fix it."""
    from coaching.site.log_filters import ForbiddenWithoutTraceback

    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        exc_info = sys.exc_info()
    record = logging.LogRecord("django.request", logging.ERROR, "", 0, "x", (), exc_info)
    record.status_code = 500
    assert ForbiddenWithoutTraceback().filter(record)
    assert record.exc_info == exc_info
