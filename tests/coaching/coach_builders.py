"""Builders for the coach-side coaching tests (assigning, readiness, dashboard,
training page). Plain functions, so each test states what it needs."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from athletes.auth import COACHES, CONTENT_EDITORS
from athletes.models import Athlete
from coaching.models import Assignment, SessionEntry, TrainingSession
from exercises.models import Exercise, ProgressionLevel

PASSWORD = "pw-for-coach-tests"


def user(username: str, *, groups=()):
    made = get_user_model().objects.create_user(
        username=username, password=PASSWORD, first_name=username.capitalize()
    )
    for name in groups:
        made.groups.add(Group.objects.get_or_create(name=name)[0])
    return made


def coach(username: str = "carmen"):
    return user(username, groups=[COACHES])


def editor(username: str = "eddie"):
    return user(username, groups=[CONTENT_EDITORS])


def exercise(name: str = "Test Deadlift", *, levels: int = 3, published: bool = True) -> Exercise:
    """An exercise with `levels` levels: 3 sets of 8 by default, advance at 10 reps."""
    made = Exercise.objects.create(
        name=name,
        slug=name.lower().replace(" ", "-"),
        summary=f"{name} for runners.",
        key_cue="Hips square.",
        focus="posterior_chain",
        sessions_per_week_min=1,
        sessions_per_week_max=2,
        published=published,
    )
    for order in range(1, levels + 1):
        ProgressionLevel.objects.create(
            exercise=made,
            order=order,
            name=f"Step {order}",
            description=f"Level {order} of {name}.",
            default_sets=2 + order,
            default_reps_per_leg=8,
            default_load_kg=Decimal(4 * order) if order > 1 else None,
            advance_reps_per_leg=10,
        )
    return made


def athlete(*, coach, name: str = "Ana Ruiz", user=None, archived: bool = False) -> Athlete:
    return Athlete.objects.create(
        coach=coach,
        name=name,
        user=user,
        archived_at=timezone.now() if archived else None,
    )


def assignment(athlete: Athlete, exercise: Exercise, *, level: int = 1, **fields) -> Assignment:
    """A row written directly (no planning), for tests that build history by hand."""
    lv = exercise.levels.get(order=level)
    values = {
        "sets": lv.default_sets,
        "reps_per_leg": lv.default_reps_per_leg,
        "load_kg": lv.default_load_kg,
        "sessions_per_week": 2,
        "start_date": datetime.date(2026, 1, 5),
        "created_by": athlete.coach,
        **fields,
    }
    return Assignment.objects.create(athlete=athlete, exercise=exercise, level=lv, **values)


def done(
    assignment: Assignment,
    date: datetime.date,
    *,
    left: int | None = 10,
    right: int | None = 10,
    pain: int | None = 1,
    completed: bool = True,
) -> SessionEntry:
    """A session on `date` with one entry for the assignment (done by default)."""
    session, _ = TrainingSession.objects.get_or_create(athlete=assignment.athlete, date=date)
    when = timezone.now() if completed else None
    entry = SessionEntry.objects.create(
        session=session,
        assignment=assignment,
        level=assignment.level,
        sets=assignment.sets,
        reps_per_leg=assignment.reps_per_leg,
        load_kg=assignment.load_kg,
        completed_at=when,
        reps_left=left if completed else None,
        reps_right=right if completed else None,
        pain=pain if completed else None,
    )
    if completed:
        session.completed_at = when
        session.save(update_fields=["completed_at"])
    return entry
