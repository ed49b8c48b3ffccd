"""python -m bench programme: a programme of two exercises assigned to the
200-athlete "Whole squad" (bench/seed.py) and to bench-small's one athlete,
each in a transaction that is rolled back, so the seed stays as it was.

Issue 12's target: under a second for 200 athletes on PostgreSQL, with the
same number of queries per batch of athletes (services/programmes.py BATCH)
at 1 athlete as at 200. Prints both; exits non-zero when a target is missed."""

import statistics
import sys
import time

from django.contrib.auth.models import User
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from athletes.groups import Group
from athletes.models import Athlete
from bench.seed import CROWD_COACH, SMALL_COACH
from coaching.programmes import Programme, ProgrammeItem
from coaching.services import programmes
from exercises.models import Exercise

TARGET_SECONDS = 1.0
RUNS = 3


def _once(coach, athletes) -> tuple[float, int, int]:
    """(seconds, queries, new assignments) of one assignment, rolled back."""
    with transaction.atomic():
        plan = Programme.objects.create(coach=coach, name=f"Bench {time.monotonic()}")
        for exercise in Exercise.objects.published().order_by("pk")[:2]:
            level = exercise.levels.order_by("order").first()
            ProgrammeItem.objects.create(
                programme=plan, level=level, **level.default_prescription,
                sessions_per_week=2, weekdays=[2, 5],
            )  # fmt: skip
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            done = programmes.assign_programme(
                programme=plan, athletes=athletes, by=coach, start_date=timezone.localdate()
            )
            seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    return seconds, len(queries), done.assigned


def main(argv: list[str]) -> None:
    crowd = User.objects.get(username=CROWD_COACH)
    squad = list(Group.objects.get(coach=crowd, name="Whole squad").members.all())
    small = User.objects.get(username=SMALL_COACH)
    one = list(Athlete.objects.filter(coach=small))
    problems = []
    results = {}
    for label, coach, athletes in (("many", crowd, squad), ("one", small, one)):
        runs = [_once(coach, athletes) for _ in range(RUNS)]
        results[label] = runs
        seconds = statistics.median(r[0] for r in runs)
        print(
            f"assign a programme to {len(athletes):>3} athlete(s): median {seconds * 1000:.0f} ms"
            f" of {RUNS}, {runs[0][1]} queries, {runs[0][2]} new assignments"
        )
    batches = -(-len(squad) // programmes.BATCH)
    per_batch = (results["many"][0][1], results["one"][0][1] * batches)
    if statistics.median(r[0] for r in results["many"]) > TARGET_SECONDS:
        problems.append(f"200 athletes took over {TARGET_SECONDS} s")
    if per_batch[0] > per_batch[1]:
        problems.append(f"queries grow with the group: {per_batch[0]} > {per_batch[1]}")
    for problem in problems:
        print(f"MISSED: {problem}")
    sys.exit(1 if problems else 0)
