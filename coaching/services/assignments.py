"""Assigning exercises, changing levels, commenting on sessions.

Each function is one coach action, atomic, keyword-only. Problems the coach can
fix come back as `ValidationError`s keyed by form field, so a view can show them
beside the field (`form.add_error(None, error)`)."""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from athletes.models import Athlete
from coaching import prescription
from coaching.models import Assignment, LevelChange, PrescriptionChange, TrainingSession
from coaching.services import sessions
from exercises.models import Exercise, ProgressionLevel

WEEKDAYS = range(1, 8)  # ISO: 1 = Monday ... 7 = Sunday


def _lock_athlete(athlete_id: int, by) -> Athlete:
    """The first lock (coaching/services/__init__.py), refusing an archived
    athlete. Views already scope by coach; this keeps a wrong caller from writing."""
    athlete = Athlete.objects.lock_for_write(athlete_id)
    if athlete.coach_id != by.pk:
        raise PermissionDenied("Only the athlete's coach can do this.")
    return athlete


def _lock_fresh(assignment: Assignment, by) -> None:
    """Lock the athlete, then the assignment, and reload what a concurrent
    request may have changed, so two tabs (or a double click) cannot both move
    the same level."""
    assignment.athlete = _lock_athlete(assignment.athlete_id, by)
    fresh = Assignment.objects.select_for_update().get(pk=assignment.pk)
    assignment.level = fresh.level
    assignment.ended_at = fresh.ended_at
    for field in PrescriptionChange.FIELDS:
        setattr(assignment, field, getattr(fresh, field))


def assign_exercise(
    *,
    athlete: Athlete,
    exercise: Exercise,
    level: ProgressionLevel,
    sets: int,
    reps_per_leg: int,
    load_kg: Decimal | None,
    sessions_per_week: int,
    weekdays: Iterable[int],
    start_date: datetime.date,
    notes: str,
    by,
    today: datetime.date | None = None,
) -> Assignment:
    """Assign an exercise at a level and plan the athlete's coming sessions."""
    if level.exercise_id != exercise.pk:
        raise ValidationError({"level": f"Choose one of the levels of {exercise.name}."})
    days = sorted(set(weekdays))
    if any(day not in WEEKDAYS for day in days):
        raise ValidationError({"weekdays": "Weekdays go from 1 (Monday) to 7 (Sunday)."})

    with transaction.atomic():
        athlete = _lock_athlete(athlete.pk, by)
        assignment = Assignment(
            athlete=athlete,
            exercise=exercise,
            level=level,
            sets=sets,
            reps_per_leg=reps_per_leg,
            load_kg=load_kg,
            sessions_per_week=sessions_per_week,
            weekdays=days,
            start_date=start_date,
            notes=notes,
            created_by=by,
        )
        try:
            # A savepoint, so the transaction is still usable after a violation.
            with transaction.atomic():
                assignment.save()
        except IntegrityError:
            if Assignment.objects.active().filter(athlete=athlete, exercise=exercise).exists():
                raise ValidationError(
                    {
                        "exercise": f"{athlete.name} already has {exercise.name} assigned. "
                        "Change its level on the training page, or end it first."
                    }
                ) from None
            raise
        sessions.plan_ahead(athlete=athlete, today=today)
    return assignment


def change_level(
    *,
    assignment: Assignment,
    to_level: ProgressionLevel,
    by,
    reason: str,
    today: datetime.date | None = None,
) -> LevelChange:
    """Move an assignment one level up or down; future sessions follow.
    (`today` is for tests: which sessions count as future.)

    The prescription resets to the new level's defaults (extra sets on one
    leg kept, that leg's own reps and a rep range dropped). Past and completed
    sessions keep their snapshot. Sending the same change twice (a double
    click) fails the second time with "already at this level"."""
    with transaction.atomic():
        _lock_fresh(assignment, by)
        if not assignment.active:
            raise ValidationError("This assignment has ended; its level can no longer change.")
        if to_level.exercise_id != assignment.exercise_id:
            raise ValidationError({"to_level": "That level belongs to another exercise."})
        from_level = assignment.level
        if to_level.pk == from_level.pk:
            raise ValidationError({"to_level": f"Already at level {to_level.order}."})
        levels = ProgressionLevel.objects.filter(exercise_id=assignment.exercise_id)
        if to_level.order > from_level.order:
            direction = LevelChange.Direction.ADVANCE
            neighbour = levels.filter(order__gt=from_level.order).order_by("order").first()
        else:
            direction = LevelChange.Direction.REGRESS
            neighbour = levels.filter(order__lt=from_level.order).order_by("-order").first()
        if neighbour != to_level:
            raise ValidationError(
                {"to_level": "Move one level at a time, to the next or the previous level."}
            )
        change = LevelChange.objects.create(
            assignment=assignment,
            from_level=from_level,
            to_level=to_level,
            direction=direction,
            changed_by=by,
            reason=reason.strip(),
        )
        assignment.level = to_level
        # The new level's sets, reps and load; the extra sets on the weaker leg
        # stay (they are about the athlete), reps shaped for the old level go.
        shape = prescription.shaped_prescription(
            **to_level.default_prescription,
            extra_sets=assignment.extra_sets,
            extra_sets_leg=assignment.extra_sets_leg,
        )
        for field, value in shape.items():
            setattr(assignment, field, value)
        assignment.save(update_fields=["level", *PrescriptionChange.FIELDS])
        sessions.refresh_future_entries(assignment=assignment, today=today)
    return change


def change_prescription(
    *,
    assignment: Assignment,
    sets: int,
    reps_per_leg: int,
    load_kg: Decimal | None,
    extra_sets: int = 0,
    extra_sets_leg: str = "",
    leg_reps: int | None = None,
    reps_max: int | None = None,
    by,
    reason: str = "",
    today: datetime.date | None = None,
) -> PrescriptionChange:
    """Shape the prescription within the level (sets, reps or a rep range,
    load; one leg apart with extra sets and/or its own reps), recorded like a
    level change. Future planned sessions take it; past and completed ones keep
    their snapshot. Sending the same prescription again (a double click) fails
    with "already the prescription". The database's constraints stand behind
    every check here (coaching.models.extra_sets_constraints)."""
    wanted = prescription.shaped_prescription(
        sets=sets,
        reps_per_leg=reps_per_leg,
        load_kg=load_kg,
        extra_sets=extra_sets,
        extra_sets_leg=extra_sets_leg,
        leg_reps=leg_reps,
        reps_max=reps_max,
    )
    with transaction.atomic():
        _lock_fresh(assignment, by)
        if not assignment.active:
            raise ValidationError(
                "This assignment has ended; its prescription can no longer change."
            )
        before = {field: getattr(assignment, field) for field in PrescriptionChange.FIELDS}
        if before == wanted:
            raise ValidationError("This is already the prescription: nothing changed.")
        change = PrescriptionChange.objects.create(
            assignment=assignment,
            **{f"from_{field}": value for field, value in before.items()},
            **{f"to_{field}": value for field, value in wanted.items()},
            changed_by=by,
            reason=reason.strip(),
        )
        for field, value in wanted.items():
            setattr(assignment, field, value)
        assignment.save(update_fields=list(PrescriptionChange.FIELDS))
        sessions.refresh_future_entries(assignment=assignment, today=today)
    return change


def end_assignment(
    *, assignment: Assignment, by, reason: str = "", today: datetime.date | None = None
) -> Assignment:
    """Stop an assignment, with the coach's reason if any. It is archived
    (history keeps pointing at it), never deleted; its future planned entries
    are dropped by the planner."""
    with transaction.atomic():
        _lock_fresh(assignment, by)
        if not assignment.active:
            return assignment  # ending twice is harmless
        assignment.ended_at = timezone.now()
        assignment.end_reason = reason.strip()
        assignment.save(update_fields=["ended_at", "end_reason"])
        sessions.refresh_future_entries(assignment=assignment, today=today)
    return assignment


def comment_on_session(*, session: TrainingSession, by, text: str) -> TrainingSession:
    """Set (or, with empty text, clear) the coach's comment the athlete sees."""
    text = text.strip()
    with transaction.atomic():
        _lock_athlete(session.athlete_id, by)
        session.coach_comment = text
        session.coach_comment_at = timezone.now() if text else None
        session.save(update_fields=["coach_comment", "coach_comment_at"])
    return session
