"""Every URL of the athletes app for anonymous, athlete A, athlete B, coach A,
coach B and an editor. Athlete A is coached by coach A; B by coach B.

Object URLs: another coach's athlete is a 404 (never a 403 that confirms it
exists); a wrong role on a coach or athlete page is a 403; anonymous users
are sent to sign in."""

import pytest
from django.urls import reverse

from athletes.models import Athlete, StrengthAssessment

pytestmark = pytest.mark.django_db

OBJECT_URLS = [
    ("athletes:detail", "get"),
    ("athletes:edit", "get"),
    ("athletes:edit", "post"),
    ("athletes:archive", "get"),
    ("athletes:archive", "post"),
    ("athletes:unarchive", "post"),
    ("athletes:record_assessment", "get"),
    ("athletes:record_assessment", "post"),
    ("athletes:invite", "post"),
]
LIST_URLS = [
    ("athletes:roster", "get"),
    ("athletes:archived", "get"),
    ("athletes:create", "get"),
    ("athletes:create", "post"),
]
USERS = ["anonymous", "athlete_a", "athlete_b", "coach_a", "coach_b", "editor"]


@pytest.fixture
def people(coach, other_coach, editor, athlete, other_athlete):
    return {
        "anonymous": None,
        "athlete_a": athlete.user,
        "athlete_b": other_athlete.user,
        "coach_a": coach,
        "coach_b": other_coach,
        "editor": editor,
    }


def call(client, user, name, method, args=()):
    if user is not None:
        client.force_login(user)
    url = reverse(name, args=args)
    return getattr(client, method)(url, {"q": ""} if method == "get" else {})


def assert_sent_to_sign_in(response):
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


EXPECTED_OBJECT = {"athlete_a": 403, "athlete_b": 403, "coach_b": 404, "editor": 403}


@pytest.mark.parametrize(("name", "method"), OBJECT_URLS)
@pytest.mark.parametrize("who", USERS)
def test_object_urls(client, people, athlete, name, method, who):
    response = call(client, people[who], name, method, args=[athlete.pk])
    if who == "anonymous":
        assert_sent_to_sign_in(response)
    elif who == "coach_a":
        assert response.status_code in (200, 302)
        if response.status_code == 302:
            assert not response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == EXPECTED_OBJECT[who]
    if who != "coach_a":
        athlete.refresh_from_db()
        assert not athlete.is_archived and athlete.invites.count() == 0


@pytest.mark.parametrize(("name", "method"), LIST_URLS)
@pytest.mark.parametrize("who", USERS)
def test_coach_pages(client, people, name, method, who):
    response = call(client, people[who], name, method)
    if who == "anonymous":
        assert_sent_to_sign_in(response)
    elif who.startswith("coach"):
        assert response.status_code == 200
    else:
        assert response.status_code == 403


def test_coach_b_does_not_see_coach_as_athletes_anywhere(client, other_coach, athlete):
    client.force_login(other_coach)
    for name in ("athletes:roster", "athletes:archived"):
        assert athlete.name not in client.get(reverse(name)).content.decode()
    assert Athlete.objects.for_coach(other_coach).filter(pk=athlete.pk).count() == 0


@pytest.mark.parametrize("who", USERS)
def test_my_results(client, people, athlete, other_athlete, heel_raise, record, who):
    record(athlete, heel_raise, 17, 23)
    response = call(client, people[who], "athletes:my_results", "get")
    if who == "anonymous":
        assert_sent_to_sign_in(response)
    elif who == "athlete_a":
        assert "Left <strong>17</strong>" in response.content.decode()
    elif who == "athlete_b":
        assert response.status_code == 200
        assert "Left <strong>17</strong>" not in response.content.decode()  # only her own
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("who", USERS)
def test_invite_acceptance_is_public_but_only_for_its_token(client, people, who):
    response = call(client, people[who], "athletes:accept_invite", "get", args=["unknown"])
    assert response.status_code == 404


def test_htmx_request_with_expired_session_redirects_the_whole_page(client, athlete):
    response = client.get(athlete.get_absolute_url(), headers={"HX-Request": "true"})
    assert response["HX-Redirect"].startswith(reverse("login"))


def test_coach_b_cannot_record_for_coach_as_athlete(client, other_coach, athlete, heel_raise):
    client.force_login(other_coach)
    response = client.post(
        reverse("athletes:record_assessment", args=[athlete.pk]),
        {"test": heel_raise.pk, "date": "2026-01-01", "left_value": "1", "right_value": "1"},
    )
    assert response.status_code == 404 and not StrengthAssessment.objects.exists()
