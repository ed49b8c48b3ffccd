"""The library content the data migrations put on every new database."""

import pytest
from django.contrib.auth.models import Group, Permission

from athletes.auth import CONTENT_EDITORS
from exercises.content import LIBRARY, load_content
from exercises.models import CommonMistake, Exercise, ProgressionLevel, TechniqueStep

pytestmark = pytest.mark.django_db


def test_single_leg_deadlift_is_complete():
    sld = Exercise.objects.get(slug="single-leg-deadlift")
    assert sld.published
    assert sld.focus == "posterior_chain"
    assert (sld.sessions_per_week_min, sld.sessions_per_week_max) == (1, 2)
    assert "headlights" in sld.key_cue
    assert len(sld.key_point_list) >= 3
    assert sld.steps.count() == 5
    assert list(sld.steps.values_list("order", flat=True)) == [1, 2, 3, 4, 5]

    hip = sld.mistakes.get(title__icontains="hip")
    assert "toes" in hip.how_to_fix and "floor" in hip.how_to_fix
    assert "stretch" in hip.sign_of_success

    levels = list(sld.levels.all())
    assert [level.order for level in levels] == [1, 2, 3]
    assert "wall" in levels[0].support.lower()
    assert levels[1].default_reps_per_leg >= 8 and levels[1].advance_reps_per_leg <= 10
    assert "touch" in levels[1].description
    assert "opposite" in levels[2].load_note
    assert levels[2].default_load_kg > 0


def test_at_least_six_published_exercises_each_complete():
    exercises = Exercise.objects.published().prefetch_related("steps", "mistakes", "levels")
    assert exercises.count() >= 6
    assert len({e.focus for e in exercises}) >= 4
    for exercise in exercises:
        assert exercise.unilateral, exercise
        assert len(exercise.steps.all()) >= 3, exercise
        assert len(exercise.mistakes.all()) >= 1, exercise
        assert all(m.how_to_fix for m in exercise.mistakes.all()), exercise
        levels = exercise.levels.all()
        assert len(levels) >= 2, exercise
        assert all(lv.advance_reps_per_leg >= lv.default_reps_per_leg for lv in levels), exercise


def test_loader_is_idempotent_and_restores_edited_text():
    counts = [m.objects.count() for m in (Exercise, TechniqueStep, CommonMistake, ProgressionLevel)]
    Exercise.objects.filter(slug="single-leg-deadlift").update(key_cue="edited")

    assert load_content() == len(LIBRARY)
    assert load_content() == len(LIBRARY)

    after = [m.objects.count() for m in (Exercise, TechniqueStep, CommonMistake, ProgressionLevel)]
    assert after == counts
    assert "headlights" in Exercise.objects.get(slug="single-leg-deadlift").key_cue


def test_loader_fills_an_empty_library():
    Exercise.objects.all().delete()
    load_content()
    assert Exercise.objects.published().count() == len(LIBRARY)
    assert TechniqueStep.objects.filter(exercise__slug="single-leg-deadlift").count() == 5


def test_content_editors_have_exactly_the_exercise_permissions():
    group = Group.objects.get(name=CONTENT_EDITORS)
    exercise_perms = set(
        group.permissions.filter(content_type__app_label="exercises").values_list(
            "codename", flat=True
        )
    )
    expected = {
        f"{action}_{model}"
        for model in ("exercise", "techniquestep", "commonmistake", "progressionlevel")
        for action in ("add", "change", "delete", "view")
    }
    assert exercise_perms == expected
    # Other apps may add their own catalogue permissions (assessment tests),
    # but editors must never manage users, groups or sessions.
    assert not group.permissions.filter(
        content_type__app_label__in=["auth", "admin", "contenttypes", "sessions"]
    ).exists()
    assert Permission.objects.filter(content_type__app_label="exercises").count() == 16
