import pytest
from django.db import IntegrityError, transaction

from exercises.models import CommonMistake, Exercise, ProgressionLevel, TechniqueStep
from tests import factories

pytestmark = pytest.mark.django_db


def constraint_fails(create) -> bool:
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


def test_duplicate_step_order_is_rejected(db):
    exercise = factories.exercise("Wobble")  # has step 1
    with pytest.raises(IntegrityError), transaction.atomic():
        TechniqueStep.objects.create(exercise=exercise, order=1, title="Again", instruction="x")
    TechniqueStep.objects.create(exercise=exercise, order=2, title="Next", instruction="x")
    assert list(exercise.steps.values_list("order", flat=True)) == [1, 2]


def test_same_order_is_fine_in_another_exercise(db):
    factories.exercise("Wobble")
    other = factories.exercise("Hop")
    assert other.steps.get().order == 1


@pytest.mark.parametrize(
    "fields",
    [
        {"order": 0},
        {"default_sets": 0},
        {"default_reps_per_leg": 0},
        {"advance_reps_per_leg": 0},
        {"advance_max_pain": 11},
        {"advance_sessions_in_row": 0},
        {"default_load_kg": "-1"},
    ],
)
def test_level_constraints(db, fields):
    exercise = factories.exercise("Wobble", levels=0)
    base = {"name": "L", "description": "d", "order": 1, "advance_reps_per_leg": 8}

    def create():
        ProgressionLevel.objects.create(exercise=exercise, **{**base, **fields})

    assert constraint_fails(create)
    assert not exercise.levels.exists()


def test_duplicate_level_and_mistake_orders_are_rejected(db):
    exercise = factories.exercise("Wobble", levels=1)
    assert constraint_fails(
        lambda: ProgressionLevel.objects.create(
            exercise=exercise, order=1, name="Dup", description="d", advance_reps_per_leg=8
        )
    )
    assert constraint_fails(  # the factory made mistakes 1 and 2
        lambda: CommonMistake.objects.create(
            exercise=exercise, order=1, title="B", what_happens="a", how_to_fix="b"
        )
    )


@pytest.mark.parametrize("low,high", [(0, 2), (3, 2), (1, 8)])
def test_sessions_per_week_range(db, low, high):
    exercise = factories.exercise("Wobble")
    exercise.sessions_per_week_min, exercise.sessions_per_week_max = low, high
    assert constraint_fails(exercise.save)


def test_labels(db):
    exercise = factories.exercise("Wobble", key_points="First\n\n  Second  \n")
    assert exercise.key_point_list == ["First", "Second"]
    assert exercise.sessions_per_week_label == "1-2 × a week"
    exercise.sessions_per_week_max = 1
    assert exercise.sessions_per_week_label == "1 × a week"
    assert exercise.get_absolute_url() == "/library/wobble/"


def test_search_and_focus_querysets(db):
    Exercise.objects.all().delete()
    factories.exercise("Wobble board", focus="balance", equipment="Cushion")
    factories.exercise("Heel drop", focus="calf")
    assert [e.name for e in Exercise.objects.search("CUSHION")] == ["Wobble board"]
    assert [e.name for e in Exercise.objects.with_focus("calf")] == ["Heel drop"]
    assert Exercise.objects.search("  ").count() == 2
    listed = Exercise.objects.for_library(text="heel", focus="calf").get()
    assert listed.level_count == 3
