"""Builders shared by the athlete-side coaching tests (planning, check-off,
the week pages). Plain functions, so each test states what it needs."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model

from athletes.models import Athlete, Leg
from coaching.models import Assignment
from exercises.models import CommonMistake, Exercise, ProgressionLevel

# A fixed Wednesday, so weekday placement is predictable.
WEDNESDAY = datetime.date(2026, 3, 11)
MONDAY = WEDNESDAY - datetime.timedelta(days=2)


def user(username: str, *, groups=()):
    from django.contrib.auth.models import Group

    made = get_user_model().objects.create_user(username=username, password="pw-for-tests")
    for name in groups:
        made.groups.add(Group.objects.get_or_create(name=name)[0])
    return made


def exercise(name: str = "Hinge drill", *, levels: int = 3, load_note: str = "") -> Exercise:
    slug = name.lower().replace(" ", "-")
    made = Exercise.objects.create(
        name=name,
        slug=slug,
        summary=f"{name} for runners.",
        key_cue=f"{name}: hips stay square to the floor.",
        focus="posterior_chain",
        published=True,
    )
    CommonMistake.objects.create(
        exercise=made,
        order=1,
        title="Hip rotates open",
        what_happens="The free hip lifts and turns out.",
        how_to_fix="Point the toes of the free leg at the floor.",
    )
    CommonMistake.objects.create(
        exercise=made, order=2, title="Rounded back", what_happens="x", how_to_fix="y"
    )
    for order in range(1, levels + 1):
        ProgressionLevel.objects.create(
            exercise=made,
            order=order,
            name=f"Level {order} name",
            description="d",
            default_sets=3,
            default_reps_per_leg=8,
            default_load_kg=Decimal(8) if order == 3 else None,
            load_note=load_note if order == 3 else "",
            advance_reps_per_leg=10,
        )
    return made


def athlete(*, coach, user=None, name: str = "Ana Ruiz", dominant_leg=Leg.RIGHT) -> Athlete:
    return Athlete.objects.create(coach=coach, user=user, name=name, dominant_leg=dominant_leg)


def assign(athlete: Athlete, exercise: Exercise, *, level: int = 1, **fields) -> Assignment:
    level_obj = exercise.levels.get(order=level)
    values = {
        **level_obj.default_prescription,
        "sessions_per_week": 2,
        "weekdays": [],
        "start_date": MONDAY - datetime.timedelta(weeks=4),
        "created_by": athlete.coach,
        **fields,
    }
    return Assignment.objects.create(athlete=athlete, exercise=exercise, level=level_obj, **values)


def planned_today(athlete: Athlete, *exercises: Exercise, today: datetime.date, **fields):
    """Assign each exercise on today's weekday and plan today's session."""
    from coaching.models import TrainingSession
    from coaching.services.sessions import plan_sessions

    fields.setdefault("start_date", today - datetime.timedelta(weeks=8))
    for each in exercises:
        assign(athlete, each, sessions_per_week=1, weekdays=[today.isoweekday()], **fields)
    plan_sessions(athlete=athlete, start=today, end=today)
    return TrainingSession.objects.get(athlete=athlete, date=today)
