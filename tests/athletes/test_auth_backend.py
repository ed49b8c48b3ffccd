"""athletes.auth.FlamingoBackend: the user, their permissions and athlete
record in one query; the same permissions as Django's ModelBackend, plus
`athletes.log_training` for users linked to an Athlete record."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from athletes.auth import COACHES, CONTENT_EDITORS, LOG_TRAINING, FlamingoBackend
from tests import factories

pytestmark = pytest.mark.django_db

COACH = "athletes.coach_athletes"
EDIT_LIBRARY = "exercises.change_exercise"


def test_user_permissions_and_athlete_come_in_one_query(db):
    coach = factories.coach("carmen")
    ana = factories.user("ana", groups=[CONTENT_EDITORS])
    record = factories.athlete(coach=coach, user=ana, name="Ana")
    with CaptureQueriesContext(connection) as captured:
        user = FlamingoBackend().get_user(ana.pk)
        answers = [user.has_perm(p) for p in (COACH, LOG_TRAINING, EDIT_LIBRARY)]
        perms = user.get_all_permissions()
        athlete = user.athlete
    assert len(captured) == 1
    assert answers == [False, True, True]
    assert athlete == record
    assert perms == ModelBackend().get_all_permissions(ana) | {LOG_TRAINING}


@pytest.mark.parametrize(
    ("groups", "extra", "athlete", "expected"),
    [
        ([], {}, False, set()),
        ([], {}, True, {LOG_TRAINING}),
        ([COACHES], {}, False, {COACH}),
        ([COACHES, CONTENT_EDITORS], {}, False, {COACH, EDIT_LIBRARY}),
        ([], {"is_superuser": True}, False, {COACH, LOG_TRAINING, EDIT_LIBRARY}),
    ],
)
def test_permissions_by_group_and_athlete_record(db, groups, extra, athlete, expected):
    user = factories.user("pat", groups=groups, **extra)
    if athlete:
        factories.athlete(coach=factories.user("carmen"), user=user, name="Pat")
    for loaded in (FlamingoBackend().get_user(user.pk), type(user).objects.get(pk=user.pk)):
        held = {p for p in (COACH, LOG_TRAINING, EDIT_LIBRARY) if loaded.has_perm(p)}
        assert held == expected


def test_a_permission_given_to_the_user_directly_counts(db):
    user = factories.user("pat")
    user.user_permissions.add(Permission.objects.get(codename="coach_athletes"))
    assert FlamingoBackend().get_user(user.pk).has_perm(COACH)


def test_unknown_and_inactive_users_are_nobody(db):
    gone = factories.user("gone", is_active=False)
    assert FlamingoBackend().get_user(gone.pk) is None
    assert FlamingoBackend().get_user(987654) is None


def test_a_removed_permission_takes_effect_on_the_next_request(client, db):
    """Permissions are read with the user on every request, never kept in the session."""
    coach = factories.coach("carmen")
    client.force_login(coach)
    assert client.get(reverse("coaching:dashboard")).status_code == 200
    coach.groups.remove(Group.objects.get(name=COACHES))
    assert client.get(reverse("coaching:dashboard")).status_code == 403


@override_settings(AUTHENTICATION_BACKENDS=["athletes.auth.FlamingoBackend"])
def test_signing_in_with_a_password_still_works(client, db, password):
    factories.coach("carmen")
    response = client.post(reverse("login"), {"username": "carmen", "password": password})
    assert response.status_code == 302
    assert client.get(reverse("coaching:dashboard")).status_code == 200


def test_a_superuser_passes_every_check_and_finds_no_one_elses_data(client, db):
    """Django gives superusers every permission: the coach's and athlete's
    pages open, and scoped querysets show them nothing (a 404, never a 500)."""
    client.force_login(factories.user("root", is_superuser=True, is_staff=True))
    assert client.get(reverse("home")).url == reverse("coaching:dashboard")
    assert client.get(reverse("coaching:dashboard")).status_code == 200
    assert client.get(reverse("coaching:week")).status_code == 404
    assert client.get(reverse("athletes:my_results")).status_code == 404
