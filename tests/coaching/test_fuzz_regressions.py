"""Regressions found by fuzzing (tests/security/test_fuzz.py)."""

import datetime
import re

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db

TOO_LONG = "🦩" * 300  # longer than any username, and than axes' varchar(255)


@pytest.mark.parametrize("url_name", ["login", "admin:login"])
def test_a_username_longer_than_any_user_is_a_form_error_not_a_500(client, url_name):
    with override_settings(AXES_ENABLED=True):  # axes records the failed attempt
        response = client.post(reverse(url_name), {"username": TOO_LONG, "password": "x"})
    assert response.status_code == 200
    assert "at most 150 characters" in response.content.decode()


WEEK = datetime.timedelta(weeks=1)


def _monday_from_today(weeks: int) -> str:
    today = timezone.localdate()
    return (today - datetime.timedelta(days=today.weekday()) + weeks * WEEK).isoformat()


@pytest.mark.parametrize(
    ("day", "status", "links"),
    [
        ("0001-01-01", 404, None),
        ("1999-12-31", 404, None),
        ("2000-01-02", 404, None),  # a Sunday: its week starts in 1999
        ("2000-01-03", 200, {"Next"}),  # the first week: nothing before it
        ("2000-01-09", 200, {"Next"}),
        ("2000-01-10", 200, {"Previous", "Next"}),
        (_monday_from_today(0), 200, {"Previous", "Next"}),
        (_monday_from_today(103), 200, {"Previous", "Next"}),
        (_monday_from_today(104), 200, {"Previous"}),  # two years ahead: the last
        (_monday_from_today(105), 404, None),
        ("9999-12-31", 404, None),
    ],
)
def test_weeks_are_bounded_and_never_link_outside(client, day, status, links):
    """Years 1 to 9999 let one athlete fill the page cache with thousands of
    weeks: from 2000 to two years ahead, a 404 outside, and no link leads there."""
    ana = factories.user("ana")
    factories.athlete(coach=factories.coach("carmen"), user=ana)
    client.force_login(ana)
    response = client.get(reverse("coaching:week_of", args=[day]))
    assert response.status_code == status
    if links is None:
        return
    html = response.content.decode()
    assert {name for name in ("Previous", "Next") if f"{name}<span" in html} == links
    for url in re.findall(r'href="(/week/[\d-]+/)"', html):
        assert client.get(url).status_code == 200
