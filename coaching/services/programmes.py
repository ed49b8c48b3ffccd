"""Programmes: build one, save an athlete's current assignments as one, and
assign one to an athlete or a whole group in one step.

assign_programme locks every athlete first, in pk order, in one query (the
lock order: coaching/services/__init__.py), then writes the assignments and
plans their sessions with the planner every single assignment uses, in bulk:
a fixed number of queries per batch of athletes, however many."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from athletes.models import Athlete
from coaching.models import Assignment
from coaching.programmes import Programme, ProgrammeItem
from coaching.services import sessions
from exercises.models import ProgressionLevel

WEEKDAYS = range(1, 8)
BATCH = 100  # athletes written and planned per round of queries


def _taken(name: str) -> ValidationError:
    return ValidationError({"name": f"You already have a programme called “{name}”."})


def _save_new(programme: Programme) -> Programme:
    if (
        Programme.objects.for_coach(programme.coach)
        .active()
        .filter(name__iexact=programme.name)
        .exists()
    ):
        raise _taken(programme.name)
    try:
        with transaction.atomic():  # a savepoint: the unique name decides a race
            programme.save()
    except IntegrityError:
        raise _taken(programme.name) from None
    return programme


def create_programme(*, by, name: str) -> Programme:
    return _save_new(Programme(coach=by, name=name.strip()))


def _locked(programme: Programme, by) -> Programme:
    locked = Programme.objects.select_for_update().get(pk=programme.pk)
    if locked.coach_id != by.pk:
        raise PermissionDenied("Only the programme's coach can change it.")
    return locked


@transaction.atomic
def add_item(
    *,
    programme: Programme,
    by,
    level: ProgressionLevel,
    sets: int | None = None,
    reps_per_leg: int | None = None,
    load_kg=None,
    sessions_per_week: int,
    weekdays: Iterable[int] = (),
) -> ProgrammeItem:
    """One exercise at a level; the prescription the coach left empty comes
    from the level's defaults. One item per exercise in a programme."""
    programme = _locked(programme, by)
    days = sorted(set(weekdays))
    if any(day not in WEEKDAYS for day in days):
        raise ValidationError({"weekdays": "Weekdays go from 1 (Monday) to 7 (Sunday)."})
    exercise = level.exercise
    if programme.items.filter(level__exercise=exercise).exists():
        raise ValidationError(
            {"level": f"{exercise.name} is in this programme already: remove it first."}
        )
    defaults = level.default_prescription
    return ProgrammeItem.objects.create(
        programme=programme,
        level=level,
        sets=sets or defaults["sets"],
        reps_per_leg=reps_per_leg or defaults["reps_per_leg"],
        load_kg=load_kg if load_kg is not None else defaults["load_kg"],
        sessions_per_week=sessions_per_week,
        weekdays=days,
    )


@transaction.atomic
def remove_item(*, item: ProgrammeItem, by) -> None:
    """A programme is a template: assignments made from it keep their own rows."""
    _locked(item.programme, by)
    ProgrammeItem.objects.filter(pk=item.pk).delete()


@transaction.atomic
def save_as_programme(*, athlete: Athlete, by, name: str) -> Programme:
    """The athlete's active assignments, as they are now, as a new programme."""
    if athlete.coach_id != by.pk:
        raise PermissionDenied("Only the athlete's coach can do this.")
    current = list(Assignment.objects.active().filter(athlete=athlete).order_by("exercise__name"))
    if not current:
        raise ValidationError(
            {"name": f"{athlete.name} has no exercise assigned: nothing to save yet."}
        )
    programme = _save_new(Programme(coach=by, name=name.strip()))
    ProgrammeItem.objects.bulk_create(
        ProgrammeItem(
            programme=programme,
            level_id=a.level_id,
            sets=a.sets,
            reps_per_leg=a.reps_per_leg,
            load_kg=a.load_kg,
            sessions_per_week=a.sessions_per_week,
            weekdays=a.weekdays,
        )
        for a in current
    )
    return programme


@transaction.atomic
def archive_programme(*, programme: Programme, by) -> Programme:
    programme = _locked(programme, by)
    if programme.archived_at is None:
        programme.archived_at = timezone.now()
        programme.save(update_fields=["archived_at"])
    return programme


@dataclass(frozen=True)
class ProgrammeAssigned:
    """What assigning a programme did, for the confirmation."""

    athletes: int  # athletes the programme went to (archived ones are left out)
    assigned: int  # new assignments
    # Exercise name -> names of the athletes who already had it and kept theirs.
    kept: dict[str, list[str]] = field(default_factory=dict)


def assign_programme(
    *,
    programme: Programme,
    athletes: Iterable[Athlete],
    by,
    start_date: datetime.date,
    today: datetime.date | None = None,
) -> ProgrammeAssigned:
    """Assign every exercise of the programme to every athlete, in one
    transaction. An athlete with an active assignment of the same exercise
    keeps theirs (named in the result). Sending it twice changes nothing the
    second time: everyone has everything by then. Two at once: the second
    waits for the first's athlete locks, then finds everything assigned."""
    items = list(programme.items.select_related("level__exercise").order_by("pk"))
    if programme.coach_id != by.pk:
        raise PermissionDenied("Only the programme's coach can assign it.")
    if not items:
        raise ValidationError("This programme has no exercises yet: add one first.")
    ids = sorted({athlete.pk for athlete in athletes})
    if not ids:
        raise ValidationError({"target": "Nobody to assign to: this group has no members yet."})
    with transaction.atomic():
        locked = Athlete.objects.lock_many_for_write(ids)  # the athletes first, pk order
        if any(athlete.coach_id != by.pk for athlete in locked):
            raise PermissionDenied("Only your own athletes can be given your programmes.")
        kept: dict[str, list[str]] = {}
        assigned = 0
        for start in range(0, len(locked), BATCH):
            batch = locked[start : start + BATCH]
            assigned += _assign_batch(items, batch, by, start_date, kept)
            sessions.plan_locked(athletes=batch, **sessions.ahead(today))
    return ProgrammeAssigned(athletes=len(locked), assigned=assigned, kept=kept)


def _assign_batch(items, athletes: list[Athlete], by, start_date, kept) -> int:
    """The new assignments of a batch of locked athletes: 2 queries and a touch."""
    exercises = [item.level.exercise_id for item in items]
    had = set(
        Assignment.objects.active()
        .filter(athlete__in=athletes, exercise_id__in=exercises)
        .values_list("athlete_id", "exercise_id")
    )
    new = []
    for item in items:
        exercise = item.level.exercise
        for athlete in athletes:
            if (athlete.pk, exercise.pk) in had:
                kept.setdefault(exercise.name, []).append(athlete.name)
                continue
            new.append(
                Assignment(
                    athlete=athlete,
                    exercise=exercise,
                    level=item.level,
                    sets=item.sets,
                    reps_per_leg=item.reps_per_leg,
                    load_kg=item.load_kg,
                    sessions_per_week=item.sessions_per_week,
                    weekdays=item.weekdays,
                    start_date=start_date,
                    created_by=by,
                )
            )
    if new:
        Assignment.objects.bulk_create(new)
    return len(new)
