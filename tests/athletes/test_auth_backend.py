"""athletes.auth.FlamingoBackend: the user, roles and athlete in one query."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from athletes.auth import FlamingoBackend
from athletes.models import Athlete
from athletes.roles import COACHES, CONTENT_EDITORS, Roles, roles_of

pytestmark = pytest.mark.django_db


def test_user_roles_and_athlete_come_in_one_query(make_user):
    coach = make_user("carmen", groups=[COACHES])
    ana = make_user("ana", groups=[CONTENT_EDITORS])
    record = Athlete.objects.create(coach=coach, user=ana, name="Ana")
    with CaptureQueriesContext(connection) as captured:
        user = FlamingoBackend().get_user(ana.pk)
        roles = roles_of(user)
        athlete = user.athlete
    assert len(captured) == 1
    assert roles == Roles(is_coach=False, is_athlete=True, is_editor=True)
    assert athlete == record


def test_roles_of_users_without_groups_or_athlete(make_user):
    coach = make_user("carmen", groups=[COACHES, CONTENT_EDITORS])
    plain = make_user("pat")
    admin = make_user("root", is_superuser=True)
    backend = FlamingoBackend()
    assert roles_of(backend.get_user(coach.pk)) == Roles(is_coach=True, is_editor=True)
    assert roles_of(backend.get_user(plain.pk)) == Roles()
    assert roles_of(backend.get_user(admin.pk)) == Roles(is_editor=True)
    assert not hasattr(backend.get_user(plain.pk), "athlete")


def test_unknown_and_inactive_users_are_nobody(make_user):
    gone = make_user("gone", is_active=False)
    assert FlamingoBackend().get_user(gone.pk) is None
    assert FlamingoBackend().get_user(987654) is None


def test_a_removed_role_takes_effect_on_the_next_request(client, make_user):
    """Roles are read with the user on every request, never kept in the session."""
    coach = make_user("carmen", groups=[COACHES])
    client.force_login(coach)
    assert client.get(reverse("coaching:dashboard")).status_code == 200
    coach.groups.remove(Group.objects.get(name=COACHES))
    assert client.get(reverse("coaching:dashboard")).status_code == 403


@override_settings(AUTHENTICATION_BACKENDS=["athletes.auth.FlamingoBackend"])
def test_signing_in_with_a_password_still_works(client, make_user, password):
    make_user("carmen", groups=[COACHES])
    response = client.post(reverse("login"), {"username": "carmen", "password": password})
    assert response.status_code == 302
    assert client.get(reverse("coaching:dashboard")).status_code == 200
