"""Archived means read-only history: an archived athlete cannot sign in, is
told why on the sign-in page (only once the password is right), and a
session already open ends at its next request. Restoring them undoes it."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import override_settings
from django.urls import reverse

from athletes import services as athlete_services
from athletes.auth import ARCHIVED, FlamingoBackend
from athletes.models import Athlete
from tests import factories

pytestmark = pytest.mark.django_db
WRONG_PASSWORD = "That username and password do not match."


@pytest.fixture
def world():
    return factories.world()


def sign_in(client, username, password=factories.PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


def archive(athlete):
    athlete_services.archive_athlete(athlete=athlete)


@pytest.mark.parametrize(
    ("who", "archived", "active", "allowed"),
    [
        ("coach", False, True, True),
        ("athlete", False, True, True),
        ("athlete", True, True, False),
        ("athlete", False, False, False),
        ("athlete", True, False, False),
        ("athlete without a record", False, True, True),
    ],
)
def test_who_may_be_signed_in(db, who, archived, active, allowed):
    coach = factories.coach("carmen")
    user = coach if who == "coach" else factories.user("ana", is_active=active)
    if who == "athlete":
        factories.athlete(coach=coach, user=user, name="Ana", archived=archived)
    backend = FlamingoBackend()
    assert backend.user_can_authenticate(user) is allowed
    assert (backend.get_user(user.pk) is not None) is allowed


def test_archived_athlete_is_told_why_and_stays_signed_out(client, world):
    archive(world.athlete_a)
    response = sign_in(client, "ana")
    html = response.content.decode()
    assert response.status_code == 200
    assert ARCHIVED in html and WRONG_PASSWORD not in html
    assert 'role="alert"' in html  # beside the form, where the wrong-password message goes
    assert SESSION_KEY not in client.session
    assert client.get(reverse("coaching:week")).status_code == 302  # to sign in


def test_a_wrong_password_says_nothing_about_the_archive(client, world):
    archive(world.athlete_a)
    html = sign_in(client, "ana", "not-her-password").content.decode()
    assert WRONG_PASSWORD in html and ARCHIVED not in html


def test_an_open_session_ends_at_its_next_request(client, world):
    client.force_login(world.users["athlete_a"])
    week = reverse("coaching:week")
    assert client.get(week).status_code == 200
    archive(world.athlete_a)
    response = client.get(week)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    entry_done = reverse("coaching:entry_done", args=[world.entry.pk])
    assert client.post(entry_done).status_code == 302  # refused: signed out
    world.entry.refresh_from_db()
    assert world.entry.completed_at is None


def test_restoring_the_athlete_lets_them_sign_in_again(client, world):
    archive(world.athlete_a)
    athlete_services.unarchive_athlete(athlete=Athlete.objects.get(pk=world.athlete_a.pk))
    assert sign_in(client, "ana").status_code == 302
    assert client.get(reverse("coaching:week")).status_code == 200


def test_the_admin_sign_in_refuses_them_too(client, world):
    world.users["athlete_a"].is_staff = True  # even with staff access
    world.users["athlete_a"].save()
    archive(world.athlete_a)
    response = client.post(
        reverse("admin:login"), {"username": "ana", "password": factories.PASSWORD}
    )
    assert response.status_code == 200 and ARCHIVED in response.content.decode()
    assert SESSION_KEY not in client.session


@override_settings(AXES_ENABLED=True)
def test_a_locked_out_pair_is_not_told_about_the_archive(client, world):
    """After the lockout no password is checked at all, so the page cannot
    confirm that one was right."""
    archive(world.athlete_a)
    for _ in range(5):
        sign_in(client, "ana", "not-her-password")
    response = sign_in(client, "ana")
    assert response.status_code == 429 and ARCHIVED not in response.content.decode()
