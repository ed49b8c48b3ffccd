"""Who may open each coach-side URL: anonymous, athlete A, athlete B, coach A,
coach B and a content editor. Coach A owns the athlete; anyone else gets a
sign-in redirect (anonymous), a 403 (wrong role) or a 404 (another coach)."""

import datetime

import pytest
from django.urls import reverse

from coaching.models import LevelChange, TrainingSession
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    coach_a, coach_b = factories.coach("coach_a"), factories.coach("coach_b")
    ana_user, ben_user = factories.user("ana"), factories.user("ben")
    ana = factories.athlete(coach=coach_a, name="Ana", user=ana_user)
    factories.athlete(coach=coach_b, name="Ben", user=ben_user)
    exercise = factories.exercise()
    assignment = factories.assignment(ana, exercise)
    session = factories.done(assignment, datetime.date(2026, 1, 12)).session
    return {
        "users": {
            "athlete_a": ana_user,
            "athlete_b": ben_user,
            "coach_a": coach_a,
            "coach_b": coach_b,
            "editor": factories.editor(),
        },
        "ana": ana,
        "exercise": exercise,
        "assignment": assignment,
        "session": session,
    }


def requests(world):
    """(name, method, url, data) for every coach-side URL."""
    ana, assignment, session = world["ana"], world["assignment"], world["session"]
    ex = world["exercise"]
    return [
        ("dashboard", "get", reverse("coaching:dashboard"), {}),
        ("assign", "get", reverse("coaching:assign", args=[ana.pk]), {}),
        ("assign-post", "post", reverse("coaching:assign", args=[ana.pk]), {"sets": "3"}),
        ("levels", "get", reverse("coaching:assign_levels", args=[ana.pk]), {"exercise": ex.pk}),
        (
            "prescription",
            "get",
            reverse("coaching:assign_prescription", args=[ana.pk]),
            {"exercise": ex.pk},
        ),
        ("training", "get", reverse("coaching:athlete_training", args=[ana.pk]), {}),
        (
            "change-level",
            "post",
            reverse("coaching:change_level", args=[assignment.pk]),
            {"to_level": ex.levels.get(order=2).pk, "reason": "x"},
        ),
        (
            "comment",
            "post",
            reverse("coaching:session_comment", args=[session.pk]),
            {"comment": "x"},
        ),
        ("end", "post", reverse("coaching:end_assignment", args=[assignment.pk]), {}),
    ]


# The dashboard is not an object URL: coach B sees their own (empty) one.
EXPECTED = {
    "athlete_a": 403,
    "athlete_b": 403,
    "editor": 403,
    "coach_b": 404,
    "coach_a": "ok",
}


@pytest.mark.parametrize("actor", [*EXPECTED, "anonymous"])
def test_every_url_for_every_actor(client, world, actor):
    if actor != "anonymous":
        client.force_login(world["users"][actor])
    for name, method, url, data in requests(world):
        response = getattr(client, method)(url, data)
        if actor == "anonymous":
            assert response.status_code == 302, name
            assert response["Location"].startswith(reverse("login")), name
        elif EXPECTED[actor] == "ok" or (name == "dashboard" and actor == "coach_b"):
            assert response.status_code in (200, 302), name
            if response.status_code == 302:
                assert not response["Location"].startswith(reverse("login")), name
        else:
            assert response.status_code == EXPECTED[actor], (name, response.status_code)
    if actor != "coach_a":
        # Nothing was written by anyone else.
        assert not LevelChange.objects.exists()
        assert TrainingSession.objects.get(pk=world["session"].pk).coach_comment == ""
        world["assignment"].refresh_from_db()
        assert world["assignment"].active


def test_coach_b_dashboard_does_not_show_coach_a_athletes(client, world):
    client.force_login(world["users"]["coach_b"])
    html = client.get(reverse("coaching:dashboard")).content.decode()
    assert ">Ben</a>" in html and ">Ana</a>" not in html


def test_wrong_methods_are_refused(client, world):
    client.force_login(world["users"]["coach_a"])
    for name, method, url, _ in requests(world):
        if name == "assign-post":
            continue  # the assign page answers GET and POST
        other = "get" if method == "post" else "delete"
        assert getattr(client, other)(url).status_code == 405, name


def test_anonymous_htmx_request_is_sent_to_sign_in(client, world):
    response = client.get(reverse("coaching:dashboard"), HTTP_HX_REQUEST="true")
    assert reverse("login") in response.get("HX-Redirect", "")


def test_admin_lists_are_read_only_and_constant_in_queries(client, django_user_model, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    admin_user = django_user_model.objects.create_superuser("root", password="pw-admin-1")
    client.force_login(admin_user)
    pages = ["assignment", "trainingsession", "levelchange"]

    def counts():
        result = {}
        for model in pages:
            with CaptureQueriesContext(connection) as queries:
                response = client.get(reverse(f"admin:coaching_{model}_changelist"))
            assert response.status_code == 200
            assert client.get(reverse(f"admin:coaching_{model}_add")).status_code == 403
            result[model] = len(queries)
        return result

    before = counts()
    exercise = world["exercise"]
    for i in range(5):
        made = factories.assignment(
            factories.athlete(coach=world["users"]["coach_a"], name=f"R{i}"), exercise
        )
        factories.done(made, datetime.date(2026, 1, 13))
        LevelChange.objects.create(
            assignment=made,
            from_level=made.level,
            to_level=exercise.levels.get(order=2),
            direction="advance",
            changed_by=world["users"]["coach_a"],
        )
    assert counts() == before
    detail = reverse("admin:coaching_assignment_change", args=[world["assignment"].pk])
    assert client.get(detail).status_code == 200
    assert client.post(detail, {}).status_code == 403
