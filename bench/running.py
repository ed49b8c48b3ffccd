"""Issue 14's figure: importing a year of runs (about 300 events) and
re-planning an athlete, on PostgreSQL, timed. Leaves nothing behind (every
round runs in a transaction that is rolled back).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/flamingo_bench_running \\
        .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/flamingo_bench_running \\
        .venv/bin/python -m bench running [--rounds 5]

Prints the median and the worst of each step, in milliseconds, and the
queries each step took."""

import argparse
import datetime
import statistics
import time

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from athletes.models import Athlete
from coaching.models import Assignment
from coaching.running.parsers import parse
from coaching.services import running, sessions
from exercises.models import Exercise

BUDGET_MS = 1000  # the issue's: import a year and re-plan, under a second
WEEK = (  # (weekday, title): six runs a week
    (1, "Easy run 40 min"), (2, "Intervals 6 x 800 m"), (3, "Rodaje suave"),
    (4, "Tempo 3 x 10 min"), (5, "Easy jog"), (7, "Long run 24 km"),
)  # fmt: skip


def year_plan(today: datetime.date, *, shift: int = 0) -> bytes:
    """52 weeks x 6 runs (312 events) and a goal race; `shift` moves every
    quality run one day on (a changed plan: same UIDs, new days) and drops
    Friday's jog (52 runs gone from the plan: archived)."""
    monday = today - datetime.timedelta(days=today.weekday())
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Flamingo bench//EN"]
    for week in range(52):
        for weekday, title in WEEK:
            if shift and weekday == 5:
                continue
            moved = shift if "x" in title else 0
            day = monday + datetime.timedelta(weeks=week, days=weekday - 1 + moved)
            lines += ["BEGIN:VEVENT", f"UID:bench-{week}-{weekday}@flamingo",
                      "DTSTAMP:20260101T000000Z", f"DTSTART:{day:%Y%m%d}T170000Z",
                      "DURATION:PT50M", f"SUMMARY:{title}", "END:VEVENT"]  # fmt: skip
    race = monday + datetime.timedelta(weeks=52, days=6)
    lines += ["BEGIN:VEVENT", "UID:bench-race@flamingo", "DTSTAMP:20260101T000000Z",
              f"DTSTART;VALUE=DATE:{race:%Y%m%d}", "SUMMARY:Valencia Marathon", "END:VEVENT",
              "END:VCALENDAR"]  # fmt: skip
    return "\r\n".join(lines).encode()


def _athlete() -> Athlete:
    coach = get_user_model().objects.create_user("bench-running-coach")
    athlete = Athlete.objects.create(coach=coach, name="Bench Runner")
    for exercise, per_week in zip(Exercise.objects.order_by("pk")[:3], (2, 2, 3), strict=False):
        level = exercise.levels.order_by("order").first()
        Assignment.objects.create(
            athlete=athlete, exercise=exercise, level=level, sets=3, reps_per_leg=8,
            sessions_per_week=per_week, start_date=timezone.localdate(), created_by=coach,
        )  # fmt: skip
    return athlete


def _timed(step, results: dict, name: str):
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        value = step()
        elapsed = (time.perf_counter() - start) * 1000
    results.setdefault(name, []).append((elapsed, len(queries)))
    return value


def one_round(results: dict) -> None:
    today = timezone.localdate()
    plan, changed = year_plan(today), year_plan(today, shift=1)
    with transaction.atomic():
        athlete = _athlete()

        def first_import():
            return running.import_runs(athlete=athlete, runs=parse("y.ics", plan), today=today)

        def import_again():
            return running.import_runs(athlete=athlete, runs=parse("y.ics", plan), today=today)

        def changed_import():
            return running.import_runs(athlete=athlete, runs=parse("y.ics", changed), today=today)

        _timed(lambda: parse("year.ics", plan), results, "parse 313 events")
        done = _timed(first_import, results, "first import + re-plan")
        assert done.created == 313, done
        _timed(import_again, results, "same file again")
        changed_result = _timed(changed_import, results, "changed plan + re-plan")
        assert (changed_result.updated, changed_result.removed) == (104, 52), changed_result
        _timed(lambda: running.replan_open_sessions(athlete=athlete, today=today), results,
               "re-plan alone")  # fmt: skip
        assignment = athlete.assignments.order_by("pk").first()
        _timed(lambda: sessions.refresh_future_entries(assignment=assignment, today=today),
               results, "level change's re-plan")  # fmt: skip
        transaction.set_rollback(True)


def main(argv) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench running")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    results: dict[str, list] = {}
    for _ in range(args.rounds):
        one_round(results)
    print(f"{connection.vendor}, {args.rounds} rounds (ms: median / worst; queries)")
    for name, rows in results.items():
        times = [t for t, _ in rows]
        print(f"  {name:<26} {statistics.median(times):7.0f} / {max(times):5.0f}   {rows[-1][1]}")
    worst = max(max(t for t, _ in rows) for name, rows in results.items() if "parse" not in name)
    verdict = "within" if worst < BUDGET_MS else "OVER"
    print(f"worst import or re-plan: {worst:.0f} ms, {verdict} the {BUDGET_MS} ms budget")
