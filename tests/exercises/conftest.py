import pytest

from athletes.auth import CONTENT_EDITORS
from exercises.models import Exercise, Focus, ProgressionLevel, TechniqueStep


@pytest.fixture
def editor(make_user):
    return make_user("eddie", groups=[CONTENT_EDITORS], is_staff=True)


@pytest.fixture
def runner(make_user):
    return make_user("rita")


@pytest.fixture
def runner_client(client, runner):
    client.force_login(runner)
    return client


@pytest.fixture
def make_exercise(db):
    """make_exercise("Name", published=True, levels=2): an exercise with one step
    and some levels."""

    def make(name, *, published=True, focus=Focus.BALANCE, levels=2, **extra):
        from django.utils.text import slugify

        exercise = Exercise.objects.create(
            name=name,
            slug=slugify(name),
            summary=f"{name} summary.",
            key_cue="Stay tall.",
            focus=focus,
            published=published,
            **extra,
        )
        TechniqueStep.objects.create(exercise=exercise, order=1, title="Stand", instruction="Go.")
        for order in range(1, levels + 1):
            ProgressionLevel.objects.create(
                exercise=exercise,
                order=order,
                name=f"Level {order}",
                description="Do it.",
                advance_reps_per_leg=10,
            )
        return exercise

    return make
