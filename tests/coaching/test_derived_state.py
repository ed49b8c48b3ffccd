"""Issue 9: stored state that can be derived. `Assignment.active` is derived
from ended_at; `Assignment.exercise` is stored (a unique constraint needs it)
and the database refuses a row where it disagrees with level.exercise."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from coaching.models import Assignment
from exercises.models import ProgressionLevel
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def made():
    coach = factories.coach()
    athlete = factories.athlete(coach=coach)
    return factories.assignment(athlete, factories.exercise("Hinge")), factories.exercise("Squat")


def test_active_is_not_ended(made):
    assignment, _ = made
    assert assignment.active and Assignment.objects.active().filter(pk=assignment.pk).exists()
    Assignment.objects.filter(pk=assignment.pk).update(ended_at=timezone.now())
    assignment.refresh_from_db()
    assert not assignment.active and not Assignment.objects.active().exists()


def _other_level(made):
    return made[1].levels.get(order=1)


INCONSISTENT = {
    "a level of another exercise": lambda a, m: Assignment.objects.filter(pk=a.pk).update(
        level=_other_level(m)
    ),
    "another exercise than the level's": lambda a, m: Assignment.objects.filter(pk=a.pk).update(
        exercise=m[1]
    ),
    "a new row naming another exercise": lambda a, m: Assignment.objects.create(
        athlete=a.athlete,
        exercise=m[1],
        level=a.level,
        sets=3,
        reps_per_leg=8,
        created_by=a.created_by,
    ),
    "the level moved to another exercise": lambda a, m: ProgressionLevel.objects.filter(
        pk=a.level_id
    ).update(exercise=m[1]),
}


@pytest.mark.parametrize("write", INCONSISTENT.values(), ids=INCONSISTENT.keys())
def test_the_database_refuses_an_assignment_whose_exercise_is_not_its_level_s(made, write):
    assignment, _ = made
    with pytest.raises(IntegrityError), transaction.atomic():
        write(assignment, made)
        # PostgreSQL checks the deferred foreign key at commit: check it now.
        with transaction.get_connection().cursor() as cursor:
            if cursor.db.vendor == "postgresql":
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    assignment.refresh_from_db()
    assert assignment.exercise_id == assignment.level.exercise_id
