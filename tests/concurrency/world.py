"""One athlete with three exercises planned every day of this week and next,
and the writing services that run against them, each with the check that its
effect survived. Shared by the concurrency tests (PostgreSQL only)."""

import datetime
import re
import threading
import time
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection

from athletes import services as athlete_services
from athletes.models import AssessmentTest, StrengthAssessment
from athletes.services import DuplicateAssessment
from coaching.models import (
    Assignment,
    LevelChange,
    PrescriptionChange,
    SessionEntry,
    TrainingSession,
)
from coaching.services import assignments, sessions
from tests import factories

TODAY = datetime.date(2026, 3, 4)  # a Wednesday: Tuesday is still open for check-off
MONDAY = TODAY - datetime.timedelta(days=2)
LAST = MONDAY + datetime.timedelta(days=13)  # what plan_ahead plans up to
TUESDAY = TODAY - datetime.timedelta(days=1)

# A pause after every statement that takes or writes a row lock, so two
# threads take their locks in lock-step, one of them half a step ahead (the
# test runs each pair both ways). A thread that takes a lock out of order then
# holds one lock while the other takes the next: a deadlock every time, not
# once in a while.
LOCKING = re.compile(r"FOR UPDATE|^\s*(UPDATE|INSERT|DELETE)\b", re.IGNORECASE)
PAUSE = 0.03


def _pause_after_locks(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if LOCKING.search(sql):
        time.sleep(PAUSE)
    return result


@dataclass
class World:
    coach: object
    athlete: object
    x: Assignment  # level change, refresh, check-off of today's entry
    y: Assignment  # logged today
    z: Assignment  # ended
    w_exercise: object  # assigned during the test
    test: AssessmentTest

    def entry(self, assignment: Assignment, day: datetime.date) -> SessionEntry:
        return SessionEntry.objects.select_related("session").get(
            assignment=assignment, session__date=day
        )

    def session(self, day: datetime.date) -> TrainingSession:
        return TrainingSession.objects.get(athlete=self.athlete, date=day)


def make_world() -> World:
    coach = factories.coach()
    athlete = factories.athlete(coach=coach)
    x, y, z = (
        factories.assignment(
            athlete,
            factories.exercise(name),
            sessions_per_week=7,
            weekdays=list(range(1, 8)),
            start_date=MONDAY,
        )
        for name in ("Hinge", "Squat", "Bridge")
    )
    sessions.plan_sessions(athlete=athlete, start=MONDAY, end=LAST)
    world = World(coach, athlete, x, y, z, factories.exercise("Lunge"), _assessment_test())
    sessions.check_off_as_prescribed(entry=world.entry(x, TUESDAY), today=TODAY)
    # Planning has something to create: the last day of next week.
    TrainingSession.objects.filter(athlete=athlete, date=LAST).delete()
    return world


def _assessment_test() -> AssessmentTest:
    return AssessmentTest.objects.create(
        name="Concurrency hop",
        slug="concurrency-hop",
        short_name="hop",
        unit="cm",
        instructions="Hop.",
    )


# -- The services, and what each must have left behind ------------------------
# `run(world)` is one call of the service; `check(world)` asserts its effect.


def check_off(w):
    sessions.check_off_as_prescribed(entry=w.entry(w.x, TODAY), today=TODAY)


def check_check_off(w):
    assert w.entry(w.x, TODAY).completed_at is not None


def undo(w):
    sessions.undo_check_off(entry=w.entry(w.x, TUESDAY), today=TODAY)


def check_undo(w):
    assert w.entry(w.x, TUESDAY).completed_at is None


def log(w):
    sessions.record_result(
        entry=w.entry(w.y, TODAY), reps_left=7, reps_right=6, load_kg=None, pain=2, rpe=6,
        today=TODAY,
    )  # fmt: skip


def check_log(w):
    entry = w.entry(w.y, TODAY)
    assert (entry.reps_left, entry.reps_right, entry.pain) == (7, 6, 2)
    assert w.session(TODAY).rpe == 6


def level_change(w):
    to_level = w.x.exercise.levels.get(order=2)
    assignments.change_level(
        assignment=Assignment.objects.get(pk=w.x.pk), to_level=to_level, by=w.coach,
        reason="Ready", today=TODAY,
    )  # fmt: skip


def check_level_change(w):
    assert Assignment.objects.get(pk=w.x.pk).level.order == 2
    assert LevelChange.objects.filter(assignment=w.x).count() == 1


def prescription_change(w):
    assignments.change_prescription(
        assignment=Assignment.objects.get(pk=w.x.pk), sets=3, reps_per_leg=10, load_kg=None,
        extra_sets=1, extra_sets_leg="left", by=w.coach, reason="Weaker left", today=TODAY,
    )  # fmt: skip


def check_prescription_change(w):
    """Recorded once, and today's open entry (the check-off's, unless done) took it."""
    x = Assignment.objects.get(pk=w.x.pk)
    assert (x.extra_sets, x.extra_sets_leg) == (1, "left")
    if not LevelChange.objects.filter(assignment=w.x).exists():  # which resets sets and reps
        assert x.reps_per_leg == 10
    assert PrescriptionChange.objects.filter(assignment=w.x).count() == 1
    tuesday = w.entry(w.x, TUESDAY)  # done before: its snapshot stays
    assert (tuesday.reps_per_leg, tuesday.extra_sets) == (8, 0)


def end(w):
    assignments.end_assignment(
        assignment=Assignment.objects.get(pk=w.z.pk), by=w.coach, today=TODAY
    )


def check_end(w):
    assert not Assignment.objects.active().filter(pk=w.z.pk).exists()
    assert not SessionEntry.objects.filter(assignment=w.z, session__date__gte=TODAY).exists()


def assign(w):
    level = w.w_exercise.levels.get(order=1)
    assignments.assign_exercise(
        athlete=w.athlete, exercise=w.w_exercise, level=level, sets=3, reps_per_leg=8,
        load_kg=None, sessions_per_week=7, weekdays=range(1, 8), start_date=TODAY,
        notes="", by=w.coach, today=TODAY,
    )  # fmt: skip


def check_assign(w):
    assignment = Assignment.objects.active().get(athlete=w.athlete, exercise=w.w_exercise)
    assert SessionEntry.objects.filter(assignment=assignment, session__date=LAST).exists()


def comment(w):
    assignments.comment_on_session(session=w.session(TODAY), by=w.coach, text="Nice one")


def check_comment(w):
    assert w.session(TODAY).coach_comment == "Nice one"


def assessment(w):
    athlete_services.record_assessment(
        athlete=w.athlete, test=w.test, date=TODAY, left_value=Decimal(40),
        right_value=Decimal(38), by=w.coach,
    )  # fmt: skip


def check_assessment(w):
    assert StrengthAssessment.objects.filter(athlete=w.athlete).count() == 1


def plan_sessions(w):
    sessions.plan_sessions(athlete=w.athlete, start=TODAY, end=LAST)


def plan_ahead(w):
    sessions.plan_ahead(athlete=w.athlete, today=TODAY)


def refresh(w):
    sessions.refresh_future_entries(assignment=w.x, today=TODAY)


def check_planned(w):
    planned = set(SessionEntry.objects.filter(session__date=LAST).values_list("assignment_id"))
    assert {(w.x.pk,), (w.y.pk,)} <= planned


@dataclass(frozen=True)
class Service:
    name: str
    run: object
    check: object
    # What refuses a second identical call (one at a time or at once), if anything.
    once: tuple[type[Exception], ...] = ()


SERVICES = [
    Service("check_off", check_off, check_check_off),
    Service("undo", undo, check_undo),
    Service("log", log, check_log),
    Service("level_change", level_change, check_level_change, once=(ValidationError,)),
    Service("end", end, check_end),
    Service("assign", assign, check_assign, once=(ValidationError,)),
    Service("comment", comment, check_comment),
    Service("assessment", assessment, check_assessment, once=(DuplicateAssessment,)),
    Service("plan_sessions", plan_sessions, check_planned),
    Service("plan_ahead", plan_ahead, check_planned),
    Service("refresh", refresh, check_planned),
]


def effort(w):
    sessions.record_effort(session=w.session(TUESDAY), rpe=7, today=TODAY)


def check_effort(w):
    assert w.session(TUESDAY).rpe == 7


def next_morning(w):
    sessions.record_next_morning_pain(session=w.session(TUESDAY), pain=2, today=TODAY)


def check_next_morning(w):
    assert w.session(TUESDAY).next_morning_pain == 2


# Not in SERVICES (every pair would add minutes to the suite): their own test
# (test_progress_at_once.py) runs them against the services that write the
# same assignment, sessions and entries.
PRESCRIPTION_CHANGE = Service(
    "prescription_change", prescription_change, check_prescription_change, once=(ValidationError,)
)
EFFORT = Service("effort", effort, check_effort)
NEXT_MORNING = Service("next_morning", next_morning, check_next_morning)


def run_at_once(*calls, lead: int = 0, pause: bool = True) -> list[BaseException | None]:
    """Run each call in its own thread and connection, released together by a
    barrier, call number `lead` half a pause ahead of the others; returns what
    each raised (None when it did not)."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[BaseException | None] = [None] * len(calls)

    def worker(index, call):
        try:
            barrier.wait()
            if index != lead:
                time.sleep(PAUSE / 2)
            if pause:
                with connection.execute_wrapper(_pause_after_locks):
                    call()
            else:
                call()
        except BaseException as error:  # reported to the test
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    close_old_connections()
    return outcomes


def check_consistent(w: World) -> None:
    """What must hold after any pair: a session is done exactly when all its
    entries are; every open entry from today on carries its assignment's
    current prescription (no snapshot lost to a concurrent level change);
    no ended assignment has sessions ahead."""
    sessions = TrainingSession.objects.with_completion().filter(athlete=w.athlete)
    for session in sessions.prefetch_related("entries"):
        states = [e.completed_at for e in session.entries.all()]
        done = max(states) if states and all(states) else None
        assert session.completed_at == done, session  # the SQL derivation agrees
    pending = SessionEntry.objects.filter(
        session__athlete=w.athlete, session__date__gte=TODAY, completed_at__isnull=True
    ).select_related("assignment")
    for entry in pending:
        a = entry.assignment
        assert a.ended_at is None, entry
        fields = ("level_id", "sets", "reps_per_leg", "load_kg", "extra_sets", "extra_sets_leg")
        snapshot = tuple(getattr(entry, f) for f in fields)
        assert snapshot == tuple(getattr(a, f) for f in fields), entry
