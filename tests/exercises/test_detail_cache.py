"""The exercise page is cached per saved version of the exercise and per role."""

import pytest
from django.contrib.admin.sites import site
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from athletes.auth import CONTENT_EDITORS
from exercises.admin import ExerciseAdmin
from exercises.models import Exercise
from tests import factories

pytestmark = pytest.mark.django_db

DEADLIFT = "single-leg-deadlift"


@pytest.fixture
def url():
    return reverse("exercises:detail", args=[DEADLIFT])


def get(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_second_view_reads_only_the_exercise_row(client, db, url):
    client.force_login(factories.coach("carmen"))
    cold, _ = get(client, url)
    warm, second = get(client, url)
    assert warm == 3 < cold  # session, user, the exercise's version
    assert "Single Leg Deadlift" in second and "Common mistakes" in second


def test_the_editors_page_never_reaches_others(client, db, url):
    client.force_login(factories.user("eddie", groups=[CONTENT_EDITORS]))
    assert "Edit in admin" in get(client, url)[1]
    client.force_login(factories.coach("carmen"))
    assert "Edit in admin" not in get(client, url)[1]


def test_a_level_saved_on_its_own_shows_at_once(client, db, url):
    """No exercise save is needed: the level moves its exercise's version on."""
    client.force_login(factories.coach("carmen"))
    get(client, url)
    level = Exercise.objects.get(slug=DEADLIFT).levels.order_by("order").first()
    level.name = "Kickstand, fingertips on a wall"
    level.save()
    assert "Kickstand, fingertips on a wall" in get(client, url)[1]


def test_publishing_from_the_admin_list_moves_the_version_on(client, db, url):
    editor = factories.editor("eddie")
    client.force_login(editor)
    assert "Draft:" not in get(client, url)[1]
    request = RequestFactory().post("/")
    request.user = editor
    admin = ExerciseAdmin(Exercise, site)
    admin.message_user = lambda *args, **kwargs: None
    admin.unpublish(request, Exercise.objects.filter(slug=DEADLIFT))
    assert "Draft:" in get(client, url)[1]


def test_a_step_saved_on_its_own_shows_at_once(client, db, url):
    client.force_login(factories.coach("carmen"))
    get(client, url)
    step = Exercise.objects.get(slug=DEADLIFT).steps.order_by("order").first()
    step.instruction = "Stand tall on the working leg, knee soft."
    step.save()
    assert "Stand tall on the working leg, knee soft." in get(client, url)[1]


def test_a_mistake_updated_in_bulk_or_deleted_shows_at_once(client, db, url):
    client.force_login(factories.coach("carmen"))
    mistakes = Exercise.objects.get(slug=DEADLIFT).mistakes.order_by("order")
    first = mistakes.first()
    assert first.title in get(client, url)[1]
    mistakes.filter(pk=first.pk).update(title="Hips open like a door")
    assert "Hips open like a door" in get(client, url)[1]
    mistakes.filter(pk=first.pk).delete()
    assert "Hips open like a door" not in get(client, url)[1]
