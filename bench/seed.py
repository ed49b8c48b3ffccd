"""Seed the benchmark database: a year of realistic training, fast.

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench seed [--size small]

Expects a freshly migrated, empty database (bench/run.sh drops and recreates
it when the seed stamp is stale). Rows go in with bulk_create, one coach at a
time, so a million-row year takes about a minute and bounded memory.

- 20 coaches x 50 athletes (coach01..coach20), and `bench-coach` with 100
  athletes (bench-athlete-001..100) for the dashboard;
- `bench-coach-200` with 200 athletes (bench-crowd-001..200) in three groups
  ("Tuesday club": every fourth, "Marathon 2027": every other one, "Whole
  squad": all): the dashboard at 200 with a search and a group filter, and
  `python -m bench programme` (a programme assigned to the whole squad);
- `bench-small`, a coach with one athlete and one week of two exercises: the
  "1 row" side of the constant-query-count check;
- every athlete: 2-3 assignments since a year ago, two sessions a week (one
  of them today, so this week always has something to check off), about 80 %
  done in the past, monthly assessments on two tests, a level change halfway.

The `small` size (BENCH_SEED=small make bench) seeds the same shapes in a
few seconds: CI runs the benchmark with it to prove the benchmark runs.

Every user's password is PASSWORD (one hash, computed once)."""

import argparse
import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from django.db import connection, transaction
from django.utils import timezone
from psycopg import sql

from athletes import groups as squads
from athletes.auth import COACHES
from athletes.models import AssessmentTest, Athlete, StrengthAssessment
from coaching.models import Assignment, LevelChange, SessionEntry, TrainingSession
from coaching.services.sessions import monday_of
from exercises.models import Exercise

SEED_VERSION = 3
PASSWORD = "flamingo-bench"
COACHES_COUNT = 20
ATHLETES_PER_COACH = 50
BIG_COACH = "bench-coach"
BIG_COACH_ATHLETES = 100
CROWD_COACH = "bench-coach-200"
CROWD_ATHLETES = 200
# Group name -> which of the crowd's athletes (by position) are in it.
CROWD_GROUPS = {
    "Tuesday club": lambda i: i % 4 == 0,
    "Marathon 2027": lambda i: i % 2 == 0,
    "Whole squad": lambda i: True,
}
SMALL_COACH = "bench-small"
WEEKS = 52
DONE_SHARE = 0.8
BATCH = 5000

FIRST_NAMES = ["Ana", "Marco", "Irene", "Lucía", "Tomás", "Sofia", "David", "Noa", "Jon", "Eva"]
LAST_NAMES = ["Ruiz", "Bellini", "Costa", "Fernández", "Herrera", "Lindqvist", "Moreau", "Sato"]
GOALS = ["10 km", "Half marathon", "Marathon", "Trail 50 km", "5 km", ""]
# Keyword arguments of seed(); `small` keeps 20 athletes on the big roster
# (and the whole 200 on the crowd's, a few seconds: the group assignment is timed there),
# enough for the 16 athletes `bench load` signs in.
SIZES = {
    "full": {},
    "small": {"coaches": 1, "per_coach": 5, "big": 20, "crowd": 200, "weeks": 8},
}


def stamp(today: datetime.date, size: str = "full") -> str:
    """What bench/run.sh compares with the database comment to decide on a reseed."""
    return f"flamingo bench seed v{SEED_VERSION} {size} {today.isoformat()}"


@dataclass
class Library:
    exercises: list[Exercise]
    tests: list[AssessmentTest]


def _library() -> Library:
    exercises = list(Exercise.objects.published().prefetch_related("levels").order_by("pk"))
    tests = list(AssessmentTest.objects.active().order_by("order", "pk")[:2])
    return Library(exercises, tests)


def _users(names: list[str], password_hash: str) -> list[User]:
    users = [User(username=name, password=password_hash) for name in names]
    return User.objects.bulk_create(users, batch_size=BATCH)


def _at_evening(day: datetime.date) -> datetime.datetime:
    tz = timezone.get_current_timezone()
    return datetime.datetime.combine(day, datetime.time(18, 0), tzinfo=tz)


def _weekdays(today: datetime.date, rng: random.Random) -> tuple[int, ...]:
    """Two training days a week, one of them today's weekday."""
    first = today.isoweekday()
    second = (first - 1 + rng.choice([2, 3, 4])) % 7 + 1
    return tuple(sorted({first, second}))


def _session_dates(today, weekdays, weeks) -> list[datetime.date]:
    """Every training day from `weeks` ago to the end of next week (planned ahead)."""
    start = monday_of(today) - datetime.timedelta(weeks=weeks)
    end = monday_of(today) + datetime.timedelta(days=13)
    dates, monday = [], start
    while monday <= end:
        dates += [monday + datetime.timedelta(days=d - 1) for d in weekdays]
        monday += datetime.timedelta(weeks=1)
    return sorted(d for d in dates if start <= d <= end)


def _seed_athletes(coach, athletes, today, library, *, weeks, exercises_each, rng):
    """Assignments, sessions, entries, level changes and assessments for
    `athletes` (already saved), in a handful of bulk inserts."""
    start = monday_of(today) - datetime.timedelta(weeks=weeks)
    halfway = start + datetime.timedelta(weeks=weeks // 2)
    assignments, plans, weekdays_of = [], [], {}
    for athlete in athletes:
        count = exercises_each or rng.choice([2, 3])
        chosen = rng.sample(library.exercises, count)
        weekdays = weekdays_of[athlete.pk] = _weekdays(today, rng)
        for exercise in chosen:
            levels = sorted(exercise.levels.all(), key=lambda lv: lv.order)
            level = rng.choice(levels)
            assignments.append(
                Assignment(
                    athlete=athlete,
                    exercise=exercise,
                    level=level,
                    **level.default_prescription,
                    sessions_per_week=len(weekdays),
                    weekdays=list(weekdays),
                    start_date=start,
                    created_by=coach,
                )
            )
            earlier = [lv for lv in levels if lv.order < level.order]
            plans.append((athlete, weekdays, earlier[-1] if earlier else None))
    Assignment.objects.bulk_create(assignments, batch_size=BATCH)

    LevelChange.objects.bulk_create(
        [
            LevelChange(
                assignment=a,
                from_level=previous,
                to_level=a.level,
                direction=LevelChange.Direction.ADVANCE,
                changed_by=coach,
                reason="Two clean sessions in a row.",
                created_at=_at_evening(halfway),
            )
            for a, (_, _, previous) in zip(assignments, plans, strict=True)
            if previous is not None
        ],
        batch_size=BATCH,
    )

    # Sessions: one per athlete per training day; past ones mostly done.
    by_athlete: dict[int, list[Assignment]] = {}
    for assignment, (athlete, _, _) in zip(assignments, plans, strict=True):
        by_athlete.setdefault(athlete.pk, []).append(assignment)
    # A session is done when all its entries are (derived, not stored), so a
    # done session's entries are all completed that evening.
    sessions, done_at = [], []
    for athlete in athletes:
        for day in _session_dates(today, weekdays_of[athlete.pk], weeks):
            done = day < today and rng.random() < DONE_SHARE
            sessions.append(
                TrainingSession(athlete=athlete, date=day, rpe=rng.randint(4, 8) if done else None)
            )
            done_at.append(_at_evening(day) if done else None)
    TrainingSession.objects.bulk_create(sessions, batch_size=BATCH)

    previous_of = {a.pk: p[2] for a, p in zip(assignments, plans, strict=True)}
    entries = []
    for session, completed_at in zip(sessions, done_at, strict=True):
        for assignment in by_athlete[session.athlete_id]:
            level = assignment.level
            if session.date < halfway and previous_of[assignment.pk] is not None:
                level = previous_of[assignment.pk]
            entry = SessionEntry(
                session=session,
                assignment=assignment,
                level=level,
                **level.default_prescription,
            )
            if completed_at is not None:
                entry.completed_at = completed_at
                entry.reps_left = level.default_reps_per_leg - rng.choice([0, 0, 0, 1])
                entry.reps_right = level.default_reps_per_leg - rng.choice([0, 0, 1, 2])
                entry.load_done_kg = level.default_load_kg
                entry.pain = rng.choice([0, 0, 0, 1, 2, 3, 4, 6])
            entries.append(entry)
    SessionEntry.objects.bulk_create(entries, batch_size=BATCH)

    assessments = []
    for athlete in athletes:
        weaker = rng.uniform(0.8, 1.0)
        for month in range(0, weeks + 1, 4):
            day = start + datetime.timedelta(weeks=month, days=1)
            for test in library.tests:
                base = Decimal(rng.randint(10, 25))
                assessments.append(
                    StrengthAssessment(
                        athlete=athlete,
                        test=test,
                        date=day,
                        left_value=base,
                        right_value=(base * Decimal(weaker)).quantize(Decimal("0.01")),
                        recorded_by=coach,
                    )
                )
    StrengthAssessment.objects.bulk_create(assessments, batch_size=BATCH)
    return len(sessions), len(entries)


def _athlete_names(rng, count) -> list[str]:
    return [
        f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} {i:03}" for i in range(1, count + 1)
    ]


def _coach_with_roster(
    username,
    athlete_prefix,
    count,
    *,
    password_hash,
    group,
    today,
    library,
    weeks=WEEKS,
    exercises_each=0,
    seed=0,
):
    rng = random.Random(f"{username}-{seed}")
    with transaction.atomic():
        (coach,) = _users([username], password_hash)
        coach.groups.add(group)
        users = _users([f"{athlete_prefix}{i:03}" for i in range(1, count + 1)], password_hash)
        athletes = Athlete.objects.bulk_create(
            [
                Athlete(
                    user=user,
                    coach=coach,
                    name=name,
                    dominant_leg=rng.choice(["left", "right"]),
                    goal_event=rng.choice(GOALS),
                )
                for user, name in zip(users, _athlete_names(rng, count), strict=True)
            ]
        )
        if username == CROWD_COACH:
            _seed_groups(coach, athletes, CROWD_GROUPS)
        elif username == SMALL_COACH:  # the other side of the dashboard's group filter
            _seed_groups(coach, athletes, {"Tuesday club": lambda i: True})
        return _seed_athletes(
            coach, athletes, today, library, weeks=weeks, exercises_each=exercises_each, rng=rng
        )


def _seed_groups(coach, athletes, groups) -> None:
    for name, takes in groups.items():
        group = squads.Group.objects.create(coach=coach, name=name)
        squads.Membership.objects.bulk_create(
            squads.Membership(group=group, athlete=athlete)
            for i, athlete in enumerate(athletes)
            if takes(i)
        )


def seed(
    today: datetime.date | None = None,
    *,
    coaches: int = COACHES_COUNT,
    per_coach: int = ATHLETES_PER_COACH,
    big: int = BIG_COACH_ATHLETES,
    crowd: int = CROWD_ATHLETES,
    weeks: int = WEEKS,
) -> dict[str, int]:
    """Seed everything; returns row counts. Sizes are parameters so a test can
    run the same code on a small scale."""
    today = today or timezone.localdate()
    library = _library()
    group = Group.objects.get(name=COACHES)
    password_hash = make_password(PASSWORD)
    common = {"password_hash": password_hash, "group": group, "today": today, "library": library}
    sessions = entries = 0
    rosters = [
        (BIG_COACH, "bench-athlete-", big, {"weeks": weeks}),
        (CROWD_COACH, "bench-crowd-", crowd, {"weeks": weeks}),
    ]
    rosters += [
        (f"coach{c:02}", f"coach{c:02}-a", per_coach, {"weeks": weeks})
        for c in range(1, coaches + 1)
    ]
    # One athlete, two exercises (a first tap leaves the session open, as on
    # the big side), this week only: the small side of "constant".
    rosters.append((SMALL_COACH, "bench-small-a", 1, {"weeks": 0, "exercises_each": 2}))
    for username, prefix, count, options in rosters:
        s, e = _coach_with_roster(username, prefix, count, **common, **options)
        sessions, entries = sessions + s, entries + e
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh planner statistics for the bulk-loaded tables
    return {
        "athletes": Athlete.objects.count(),
        "sessions": sessions,
        "entries": entries,
        "assessments": StrengthAssessment.objects.count(),
    }


def mark_seeded(label: str) -> None:
    """Stamp the database, so the next `make bench` the same day skips seeding.

    COMMENT is a utility statement: PostgreSQL binds no parameters there, and
    with server-side binding a `%s` reaches it as `$1`. So the literal is
    quoted on the client, by psycopg."""
    query = sql.SQL("COMMENT ON DATABASE {} IS {}").format(
        sql.Identifier(connection.settings_dict["NAME"]), sql.Literal(label)
    )
    with connection.cursor() as cursor:
        cursor.execute(query.as_string(cursor.connection))


def main(argv: list[str] | None = None) -> None:
    import time

    parser = argparse.ArgumentParser(prog="python -m bench seed")
    parser.add_argument("--size", choices=SIZES, default="full")
    parser.add_argument("--stamp", action="store_true", help="print today's stamp, seed nothing")
    args = parser.parse_args(argv)
    today = timezone.localdate()
    label = stamp(today, args.size)
    if args.stamp:
        print(label)
        return
    started = time.monotonic()
    counts = seed(today, **SIZES[args.size])
    mark_seeded(label)
    summary = ", ".join(f"{value:,} {key}" for key, value in counts.items())
    print(f"Seeded {summary} in {time.monotonic() - started:.0f} s ({label}).")
