"""Regressions found by fuzzing (tests/security/test_fuzz.py)."""

import pytest
from django.test import override_settings
from django.urls import reverse

from athletes.roles import COACHES

from . import week_fixtures as f

pytestmark = pytest.mark.django_db

TOO_LONG = "🦩" * 300  # longer than any username, and than axes' varchar(255)


@pytest.mark.parametrize("url_name", ["login", "admin:login"])
def test_a_username_longer_than_any_user_is_a_form_error_not_a_500(client, url_name):
    with override_settings(AXES_ENABLED=True):  # axes records the failed attempt
        response = client.post(reverse(url_name), {"username": TOO_LONG, "password": "x"})
    assert response.status_code == 200
    assert "at most 150 characters" in response.content.decode()


@pytest.mark.parametrize(
    ("day", "status"),
    [
        ("0001-01-01", 404),
        ("0001-01-14", 404),
        ("0001-01-15", 200),  # its previous week still exists
        ("9999-12-17", 200),  # its next week still exists
        ("9999-12-27", 404),
        ("9999-12-31", 404),
    ],
)
def test_weeks_at_the_edge_of_the_calendar_are_a_404_not_a_500(client, day, status):
    ana = f.user("ana")
    f.athlete(coach=f.user("carmen", groups=[COACHES]), user=ana)
    client.force_login(ana)
    assert client.get(reverse("coaching:week_of", args=[day])).status_code == status
