"""The one test world: every test builds its users, athletes, exercises and
history here (pytest fixtures in tests/conftest.py delegate to it).

Plain functions whose defaults make a valid row, so a test names only what
it is about:

    carmen = factories.coach()
    ana = factories.athlete(coach=carmen, user=factories.user("ana"))
    drill = factories.exercise("Hinge drill", load_note="in the hand opposite the standing leg")
    plan = factories.assignment(ana, drill, level=2)
    factories.done(plan, factories.MONDAY, left=9, right=8, pain=2)

The library content (the Single Leg Deadlift and the rest) and the role groups
come from the migrations; world() is the two-coach cast the security tests share."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.text import slugify

from athletes import groups as squads  # not auth's Group
from athletes import services as athlete_services
from athletes.auth import COACHES, CONTENT_EDITORS
from athletes.models import AssessmentTest, Athlete
from coaching.models import Assignment, Run, SessionEntry, TrainingSession
from coaching.notes import Note
from coaching.programmes import Programme, ProgrammeItem
from coaching.services.assignments import assign_exercise
from coaching.services.sessions import plan_sessions
from exercises.models import CommonMistake, Exercise, Focus, ProgressionLevel, TechniqueStep

PASSWORD = "flamingo-test-pw"
# A fixed Wednesday, so weekday placement is predictable.
WEDNESDAY = datetime.date(2026, 3, 11)
MONDAY = WEDNESDAY - datetime.timedelta(days=2)
START = datetime.date(2026, 1, 5)  # a Monday, before the history tests build by hand


def user(username: str, *, groups=(), **extra):
    """A user with PASSWORD, in the named groups: user("ana"), user("x", groups=[COACHES])."""
    made = get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)
    for name in groups:
        made.groups.add(Group.objects.get_or_create(name=name)[0])
    return made


def coach(username: str = "carmen", **extra):
    """A coach; the first name is the capitalised username unless given."""
    extra.setdefault("first_name", username.capitalize())
    return user(username, groups=[COACHES], **extra)


def editor(username: str = "editor", **extra):
    """A content editor with access to the admin."""
    extra.setdefault("is_staff", True)
    return user(username, groups=[CONTENT_EDITORS], **extra)


def athlete(*, coach, name: str = "Ana Ruiz", user=None, archived=False, **extra) -> Athlete:
    """An athlete of `coach`; `user` is their login (none: not invited yet)."""
    return Athlete.objects.create(
        coach=coach,
        name=name,
        user=user,
        archived_at=timezone.now() if archived else None,
        **extra,
    )


def exercise(
    name: str = "Test Deadlift",
    *,
    levels: int = 3,
    published: bool = True,
    focus: str = Focus.POSTERIOR_CHAIN,
    load_note: str = "",
    **extra,
) -> Exercise:
    """An exercise with one technique step, two common mistakes and `levels`
    levels "Step 1"...: level n prescribes 2 + n sets of 8 each leg, no load
    at level 1 then 4 kg a level (8 kg at level 2) with `load_note`, and
    advances at 10 reps."""
    made = Exercise.objects.create(
        name=name,
        slug=slugify(name),
        summary=f"{name} for runners.",
        key_cue=f"{name}: hips stay square to the floor.",
        focus=focus,
        published=published,
        **extra,
    )
    TechniqueStep.objects.create(exercise=made, order=1, title="Stand", instruction="Go.")
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
        loaded = order > 1
        ProgressionLevel.objects.create(
            exercise=made,
            order=order,
            name=f"Step {order}",
            description=f"Level {order} of {name}.",
            default_sets=2 + order,
            default_reps_per_leg=8,
            default_load_kg=Decimal(4 * order) if loaded else None,
            load_note=load_note if loaded else "",
            advance_reps_per_leg=10,
        )
    return made


def assignment(athlete: Athlete, exercise: Exercise, *, level: int = 1, **fields) -> Assignment:
    """A row written directly (no planning), for tests that build history by
    hand or plan it themselves; the level's default prescription unless given."""
    at_level = exercise.levels.get(order=level)
    values = {
        **at_level.default_prescription,
        "sessions_per_week": 2,
        "weekdays": [],
        "start_date": START,
        "created_by": athlete.coach,
        **fields,
    }
    return Assignment.objects.create(athlete=athlete, exercise=exercise, level=at_level, **values)


def group(*, coach, name: str = "Tuesday club", members=()) -> squads.Group:
    """A group of `coach` with `members` (athletes), written directly."""
    made = squads.Group.objects.create(coach=coach, name=name)
    squads.Membership.objects.bulk_create(squads.Membership(group=made, athlete=a) for a in members)
    return made


def programme(*, coach, name: str = "Base phase", items=(), **fields) -> Programme:
    """A programme of `coach`; `items`: (exercise, level order) pairs, each at
    the level's default prescription, twice a week unless `fields` say otherwise."""
    made = Programme.objects.create(coach=coach, name=name)
    for each, order in items:
        level = each.levels.get(order=order)
        values = {**level.default_prescription, "sessions_per_week": 2, "weekdays": [], **fields}
        ProgrammeItem.objects.create(programme=made, level=level, **values)
    return made


def note(athlete: Athlete, text: str, *, by=None, session=None, week=None) -> Note:
    """A note in the athlete's thread, by the athlete (their login) unless `by`."""
    day = session.date if session is not None else (week or timezone.localdate())
    return Note.objects.create(
        athlete=athlete, author=by or athlete.user, session=session,
        week=day - datetime.timedelta(days=day.isoweekday() - 1), text=text,
    )  # fmt: skip


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
    return entry


def run(
    athlete: Athlete, date: datetime.date, kind: str = "easy", title: str = "", **fields
) -> Run:
    """A run in the athlete's plan, of `kind` (as if imported and classified)."""
    fields.setdefault("source", "file")
    fields.setdefault("source_key", f"test-{date.isoformat()}-{kind}-{title}")
    return Run.objects.create(
        athlete=athlete, date=date, title=title or kind.capitalize(), detected_kind=kind, **fields
    )


def planned_today(athlete: Athlete, *exercises: Exercise, today: datetime.date, **fields):
    """Assign each exercise on today's weekday and plan today's session."""
    fields.setdefault("start_date", today - datetime.timedelta(weeks=8))
    for each in exercises:
        assignment(athlete, each, sessions_per_week=1, weekdays=[today.isoweekday()], **fields)
    plan_sessions(athlete=athlete, start=today, end=today)
    return TrainingSession.objects.get(athlete=athlete, date=today)


@dataclass
class World:
    """Coach A coaches athlete A (login "ana", the Single Leg Deadlift assigned,
    today's session planned) and athlete C (no login yet, an open invite).
    Coach B coaches athlete B (login "bea"). The editor has admin access."""

    users: dict
    athlete_a: Athlete
    athlete_b: Athlete
    athlete_c: Athlete
    exercise: Exercise  # assigned to athlete A
    other_exercise: Exercise  # not assigned yet
    assignment: Assignment
    session: TrainingSession  # today's, athlete A
    entry: SessionEntry
    invite_token: str  # athlete C's open invite
    test: AssessmentTest
    today: datetime.date
    group: squads.Group  # coach A's, athlete A in it
    programme: Programme  # coach A's: the split squat at level 1
    run: Run  # athlete A's, tomorrow
    note: Note  # athlete A's, on today's session, unread


def world() -> World:
    today = timezone.localdate()
    coach_a, coach_b = coach("coach_a"), coach("coach_b")
    athlete_a = athlete(coach=coach_a, user=user("ana"))
    athlete_b = athlete(coach=coach_b, name="Bea Soto", user=user("bea"))
    athlete_c = athlete(coach=coach_a, name="Cleo Diaz", email="cleo@example.com")
    deadlift = Exercise.objects.get(slug="single-leg-deadlift")
    level = deadlift.levels.get(order=1)
    assigned = assign_exercise(
        athlete=athlete_a,
        exercise=deadlift,
        level=level,
        **level.default_prescription,
        sessions_per_week=1,
        weekdays=[today.isoweekday()],
        start_date=today,
        notes="",
        by=coach_a,
        today=today,
    )
    session = TrainingSession.objects.get(athlete=athlete_a, date=today)
    issued = athlete_services.create_invite(
        athlete=athlete_c, by=coach_a, link_for=lambda token: token
    )
    split_squat = Exercise.objects.get(slug="split-squat")
    return World(
        users={
            "athlete_a": athlete_a.user,
            "athlete_b": athlete_b.user,
            "coach_a": coach_a,
            "coach_b": coach_b,
            "editor": editor(),
        },
        athlete_a=athlete_a,
        athlete_b=athlete_b,
        athlete_c=athlete_c,
        exercise=deadlift,
        other_exercise=split_squat,
        assignment=assigned,
        session=session,
        entry=session.entries.get(),
        invite_token=issued.url,
        test=AssessmentTest.objects.get(slug="single-leg-heel-raise"),
        today=today,
        group=group(coach=coach_a, members=[athlete_a]),
        programme=programme(coach=coach_a, items=[(split_squat, 1)]),
        run=run(athlete_a, today + datetime.timedelta(days=1), "quality", "Intervals 6 x 800 m"),
        note=note(athlete_a, "Left calf tight after Sunday's long run.", session=session),
    )
