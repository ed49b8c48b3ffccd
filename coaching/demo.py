"""Demo assignments and training history for `manage.py demo_data`.

Uses the athletes `athletes.demo` created for the coach. Everything counts back
from today, through the same services the app uses (assign, plan, change level,
check off), so the history is what real use would have produced:

- Ana: Single Leg Deadlift, advanced to level 2 three weeks ago and now ready
  for level 3; calf raises holding steady; one session missed, about two weeks ago.
- Marco: ready to advance on the deadlift. Irene: top level reached.
- Lucía: pain alert (4 and 5/10 on the step-down in the last two weeks).
- Tomás: poor adherence (3 of his last 10 sessions done).
- Sofia: holding; her right leg falls short on calf raises.
- David: nothing assigned yet, for trying the assign form.

Idempotent and deterministic: an athlete who already has an assignment is left
alone, so running it twice changes nothing. Each run also plans ahead (what the
daily `plan_sessions` job does), so a demo database started last week still
shows this week."""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from athletes.models import Athlete
from coaching.models import Assignment, LevelChange, SessionEntry
from coaching.services import assignments
from coaching.services.sessions import (
    check_off_as_prescribed,
    monday_of,
    plan_ahead,
    plan_sessions,
    record_result,
)
from exercises.models import Exercise

WEEK = datetime.timedelta(weeks=1)
DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Plan:
    athlete: str
    exercise: str  # slug
    weeks: int  # started this many Mondays ago
    pattern: str  # how the past went, see RESULTS
    level: int = 1
    per_week: int = 2
    weekdays: tuple[int, ...] = (2, 5)
    notes: str = ""
    # (weeks ago, to level, reason): level changes the coach made on that Monday
    changes: tuple[tuple[int, int, str], ...] = field(default=())


PLANS = [
    Plan(
        "Ana Ruiz",
        "single-leg-deadlift",
        weeks=6,
        pattern="ready",
        changes=((3, 2, "Two clean sessions at 10 reps with the wall; time to let go."),),
        notes="Left leg first; rest a minute between sides.",
    ),
    Plan("Ana Ruiz", "single-leg-calf-raise", weeks=5, pattern="steady"),
    Plan("Marco Bellini", "single-leg-deadlift", weeks=4, pattern="ready", weekdays=(1, 4)),
    Plan("Marco Bellini", "single-leg-glute-bridge", weeks=4, pattern="steady", weekdays=(1, 4)),
    Plan(
        "Lucía Fernández",
        "step-down",
        weeks=5,
        pattern="pain",
        level=2,
        weekdays=(3, 6),
        notes="Stop the set if the knee hurts more than 3/10.",
    ),
    Plan("Lucía Fernández", "single-leg-deadlift", weeks=5, pattern="steady", weekdays=(3, 6)),
    Plan("Tomás Herrera", "single-leg-deadlift", weeks=5, pattern="poor"),
    Plan("Tomás Herrera", "split-squat", weeks=5, pattern="poor", per_week=1, weekdays=(2,)),
    Plan("Sofia Lindqvist", "single-leg-calf-raise", weeks=4, pattern="short_right", per_week=3),
    Plan(
        "Irene Castillo",
        "single-leg-deadlift",
        weeks=8,
        pattern="ready",
        weekdays=(1, 4),
        changes=(
            (5, 2, "Solid balance; ready to train without support."),
            (2, 3, "10 clean reps each side twice: add the kettlebell."),
        ),
    ),
    Plan("Nuria Gil", "hip-hike", weeks=3, pattern="steady", per_week=2, weekdays=(1, 4)),
    Plan("Pablo Navarro", "single-leg-balance-and-hop", weeks=2, pattern="steady"),
]

# What athletes write, by exercise: (sessions ago -> note), most sessions without one.
NOTES = {
    "single-leg-deadlift": {2: "touched down once", 4: "wobbly on the left", 6: "felt strong"},
    "single-leg-calf-raise": {2: "last reps slow on the left"},
    "step-down": {0: "knee ached on the way down", 1: "knee a bit sore after"},
}


def result(pattern: str, back: int, *, reps: int, target: int):
    """How the session `back` sessions ago went (0 = the most recent).
    None: missed. "prescribed": the one-tap check-off. Else (left, right, pain)."""
    if pattern == "ready":  # reached the level's target twice in a row, little pain
        if back < 2:
            return (target, target, 1)
        return None if back == 3 else (reps + (back % 2), reps, 2)
    if pattern == "pain":  # fine, until the knee started to hurt in the last two weeks
        if back < 3:
            return (reps - 1, reps - 2, 5 - back) if back < 2 else (reps, reps - 1, 3)
        return "prescribed"
    if pattern == "poor":  # three of the last ten
        return (reps, reps - 1, 2) if back in (3, 6, 9) else None
    if pattern == "short_right":  # the right leg keeps falling short
        return None if back == 4 else (reps, reps - 3, 1)
    # steady: mostly as prescribed, the odd miss
    return None if back in (3, 9) else ("prescribed" if back % 2 else (reps, reps, 1))


def _at_evening(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(18, 30)))


def _log(entry: SessionEntry, outcome, index: int) -> None:
    day = entry.session.date
    if outcome == "prescribed":
        check_off_as_prescribed(entry=entry, today=day)
    else:
        left, right, pain = outcome
        record_result(
            entry=entry,
            reps_left=left,
            reps_right=right,
            load_kg=entry.load_kg,
            pain=pain,
            rpe=5 + pain // 2 + index % 2,
            form_note=NOTES.get(entry.assignment.exercise.slug, {}).get(index, ""),
            today=day,
        )
    # Done that evening, not when the demo ran.
    SessionEntry.objects.filter(pk=entry.pk).update(completed_at=_at_evening(day))


def _history(plan: Plan, *, athlete: Athlete, exercise: Exercise, coach, today) -> Assignment:
    """Assign at the start date, make the level changes on their days, plan the past."""
    this_monday = monday_of(today)
    start = this_monday - plan.weeks * WEEK
    level = exercise.levels.get(order=plan.level)
    assignment = assignments.assign_exercise(
        athlete=athlete,
        exercise=exercise,
        level=level,
        **level.default_prescription,
        sessions_per_week=plan.per_week,
        weekdays=plan.weekdays,
        start_date=start,
        notes=plan.notes,
        by=coach,
        today=start,
    )
    for weeks_ago, to_order, reason in plan.changes:
        day = this_monday - weeks_ago * WEEK
        plan_sessions(athlete=athlete, start=start, end=day - DAY)
        change = assignments.change_level(
            assignment=assignment,
            to_level=exercise.levels.get(order=to_order),
            by=coach,
            reason=reason,
            today=day,
        )
        LevelChange.objects.filter(pk=change.pk).update(
            created_at=_at_evening(day - DAY)  # decided the evening before
        )
        assignment.refresh_from_db()
    plan_sessions(athlete=athlete, start=start, end=today - DAY)
    return assignment


def _results(plan: Plan, *, assignment: Assignment, today) -> None:
    past = (
        assignment.entries.filter(session__date__lt=today)
        .select_related("session", "level", "assignment__exercise")
        .order_by("-session__date")
    )
    for back, entry in enumerate(past):
        outcome = result(
            plan.pattern, back, reps=entry.reps_per_leg, target=entry.level.advance_reps_per_leg
        )
        if outcome is not None:
            _log(entry, outcome, back)


def _comments(*, coach, today) -> None:
    ana = Athlete.objects.filter(coach=coach, user__username="ana").first()
    if ana is None or ana.sessions.exclude(coach_comment="").exists():
        return  # once only, whatever day the demo runs again
    done = ana.sessions.done().order_by("-date").first()
    upcoming = ana.sessions.filter(date__gte=today).order_by("date").first()
    for session, text in [
        (done, "Lovely control on the left side. Keep the hips square, like headlights."),
        (upcoming, "If the first set feels clean, try 10 reps on the next two."),
    ]:
        if session is not None and not session.coach_comment:
            assignments.comment_on_session(session=session, by=coach, text=text)


@transaction.atomic
def populate(*, coach) -> None:
    today = timezone.localdate()
    exercises = Exercise.objects.in_bulk(field_name="slug")
    roster = {a.name: a for a in Athlete.objects.for_coach(coach).active()}
    fresh = {
        name
        for name, athlete in roster.items()
        if not Assignment.objects.filter(athlete=athlete).exists()
    }
    planned = [
        (
            plan,
            _history(
                plan,
                athlete=roster[plan.athlete],
                exercise=exercises[plan.exercise],
                coach=coach,
                today=today,
            ),
        )
        for plan in PLANS
        if plan.athlete in fresh and plan.exercise in exercises
    ]
    # Results only once everything is planned: planning adds nothing to a
    # session that is already complete, so logging first would starve the
    # athlete's second exercise of its history.
    for plan, assignment in planned:
        _results(plan, assignment=assignment, today=today)
    for athlete in roster.values():
        plan_ahead(athlete=athlete, today=today)
    _comments(coach=coach, today=today)
