"""Issue 9: archived means read-only history. Every write that reaches an
archived athlete's data is refused (AthleteArchived, from the first lock:
Athlete.objects.lock_for_write) and changes nothing; views say so in words."""

import pytest
from django.urls import reverse
from django.utils import timezone

from athletes.models import Athlete, AthleteArchived
from coaching.models import Assignment, LevelChange, SessionEntry, TrainingSession
from coaching.services import sessions
from tests.concurrency.world import SERVICES, TODAY, make_world

pytestmark = pytest.mark.django_db


def _archive(world):
    Athlete.objects.filter(pk=world.athlete.pk).update(archived_at=timezone.now())
    world.athlete.refresh_from_db()


def _snapshot(world) -> list:
    """Everything a write could change, as plain values."""
    return [
        list(Assignment.objects.values_list("pk", "level_id", "ended_at").order_by("pk")),
        list(SessionEntry.objects.values_list("pk", "completed_at", "level_id").order_by("pk")),
        list(TrainingSession.objects.values_list("pk", "coach_comment", "rpe").order_by("pk")),
        LevelChange.objects.count(),
        world.athlete.assessments.count(),
    ]


# Planning is asked for archived athletes too (the daily run, a sign-in):
# it plans nothing rather than refusing (below).
WRITES = [s for s in SERVICES if s.name not in ("plan_sessions", "plan_ahead")]


@pytest.mark.parametrize("service", WRITES, ids=[s.name for s in WRITES])
def test_a_write_to_an_archived_athlete_is_refused_and_changes_nothing(service):
    world = make_world()
    _archive(world)
    before = _snapshot(world)

    with pytest.raises(AthleteArchived):
        service.run(world)

    assert _snapshot(world) == before


def test_planning_an_archived_athlete_plans_nothing():
    world = make_world()
    _archive(world)
    before = _snapshot(world)

    assert sessions.plan_ahead(athlete=world.athlete, today=TODAY) == 0
    assert _snapshot(world) == before


def test_the_athlete_s_check_off_of_an_archived_record_changes_nothing(client):
    """The sign-in refuses an archived athlete (tests/security/); a request
    that gets past it anyway (archived mid-session) is refused by the service."""
    world = make_world()
    user = world.athlete.user = build_user()
    world.athlete.save(update_fields=["user"])
    _archive(world)
    entry = world.entry(world.x, TODAY)
    client.force_login(user)

    response = client.post(reverse("coaching:entry_done", args=[entry.pk]), follow=True)

    assert response.status_code == 200  # a page saying why, never a 500
    assert SessionEntry.objects.get(pk=entry.pk).completed_at is None


def test_the_coach_s_level_change_for_an_archived_athlete_says_why(client):
    world = make_world()
    _archive(world)
    client.force_login(world.coach)
    url = reverse("coaching:change_level", args=[world.x.pk])
    level = world.x.exercise.levels.get(order=2)

    response = client.post(url, {"to_level": level.pk}, headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert "archived" in response.content.decode()
    assert Assignment.objects.get(pk=world.x.pk).level.order == 1


@pytest.mark.parametrize("htmx", [True, False])
def test_the_coach_s_comment_and_end_for_an_archived_athlete_say_why(client, htmx):
    world = make_world()
    _archive(world)
    client.force_login(world.coach)
    headers = {"HX-Request": "true"} if htmx else {}
    session = world.session(TODAY)

    commented = client.post(
        reverse("coaching:session_comment", args=[session.pk]), {"comment": "Hi"},
        headers=headers, follow=True,
    )  # fmt: skip
    ended = client.post(
        reverse("coaching:end_assignment", args=[world.z.pk]), headers=headers, follow=True
    )

    for response in (commented, ended):
        assert response.status_code in (200, 404), response  # never a 500
    assert world.session(TODAY).coach_comment == ""
    assert Assignment.objects.get(pk=world.z.pk).ended_at is None


def build_user():
    from tests import factories

    return factories.user("ana")
