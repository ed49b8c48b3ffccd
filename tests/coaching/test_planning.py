import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from coaching.models import SessionEntry, TrainingSession
from coaching.services.sessions import (
    check_off_as_prescribed,
    plan_ahead,
    plan_sessions,
    planned_weekdays,
    refresh_future_entries,
)
from tests import factories
from tests.factories import MONDAY, WEDNESDAY

DAY = datetime.timedelta(days=1)
SUNDAY = MONDAY + 6 * DAY


@pytest.fixture
def ana(db):
    return factories.athlete(coach=factories.user("carmen"), user=factories.user("ana"))


@pytest.mark.parametrize(
    ("per_week", "weekdays", "expected"),
    [
        (1, [], (2,)),
        (2, [], (2, 5)),
        (3, [], (1, 3, 5)),
        (2, [6, 1], (1, 6)),
        (1, [4, 2], (2,)),  # more days than sessions: the first ones in the week
        (3, [7], (1, 3, 7)),  # fewer days than sessions: topped up from the spread
        (2, [0, 8, "x", 3], (2, 3)),  # junk ignored
        (7, [], (1, 2, 3, 4, 5, 6, 7)),
    ],
)
def test_planned_weekdays(per_week, weekdays, expected):
    assert planned_weekdays(sessions_per_week=per_week, weekdays=weekdays) == expected


def test_places_sessions_on_preferred_weekdays_each_week(ana):
    factories.assignment(ana, factories.exercise(), sessions_per_week=2, weekdays=[1, 4])
    created = plan_sessions(athlete=ana, start=MONDAY, end=MONDAY + 13 * DAY)
    dates = list(TrainingSession.objects.values_list("date", flat=True))
    assert dates == [MONDAY, MONDAY + 3 * DAY, MONDAY + 7 * DAY, MONDAY + 10 * DAY]
    assert created == 4 == SessionEntry.objects.count()


def test_spreads_evenly_without_preferred_days(ana):
    factories.assignment(ana, factories.exercise(), sessions_per_week=2, weekdays=[])
    plan_sessions(athlete=ana, start=MONDAY, end=SUNDAY)
    weekdays = [d.isoweekday() for d in TrainingSession.objects.values_list("date", flat=True)]
    assert weekdays == [2, 5]


def test_rerunning_creates_no_duplicates(ana):
    factories.assignment(
        ana, factories.exercise("Hinge drill"), sessions_per_week=2, weekdays=[2, 5]
    )
    factories.assignment(ana, factories.exercise("Squat drill"), sessions_per_week=1, weekdays=[2])
    first = plan_sessions(athlete=ana, start=MONDAY, end=SUNDAY)
    second = plan_sessions(athlete=ana, start=MONDAY, end=SUNDAY)
    assert (first, second) == (3, 0)
    # Tuesday holds both exercises in one session.
    assert TrainingSession.objects.count() == 2
    tuesday = TrainingSession.objects.get(date=MONDAY + DAY)
    assert tuesday.entries.count() == 2


def test_entry_snapshots_the_prescription(ana):
    slr = factories.exercise(load_note="in the hand opposite the standing leg")
    assignment = factories.assignment(
        ana, slr, level=3, sets=4, reps_per_leg=6, load_kg=Decimal("12.5")
    )
    plan_sessions(athlete=ana, start=MONDAY, end=SUNDAY)
    entry = SessionEntry.objects.first()
    assert (entry.level, entry.sets, entry.reps_per_leg, entry.load_kg) == (
        assignment.level,
        4,
        6,
        Decimal("12.5"),
    )


def test_nothing_before_start_date_and_nothing_for_inactive_or_archived(ana):
    factories.assignment(
        ana, factories.exercise("Hinge drill"), start_date=WEDNESDAY, weekdays=[1, 5]
    )
    factories.assignment(ana, factories.exercise("Squat drill"), ended_at=timezone.now())
    assert plan_sessions(athlete=ana, start=MONDAY, end=SUNDAY) == 1
    assert list(TrainingSession.objects.values_list("date", flat=True)) == [MONDAY + 4 * DAY]

    ana.archived_at = timezone.now()
    ana.save()
    TrainingSession.objects.all().delete()
    assert plan_sessions(athlete=ana, start=MONDAY, end=SUNDAY) == 0


def test_completed_session_gets_no_new_entries_and_completed_entries_untouched(ana):
    deadlift = factories.assignment(
        ana, factories.exercise("Hinge drill"), weekdays=[3], sessions_per_week=1
    )
    plan_sessions(athlete=ana, start=MONDAY, end=SUNDAY)
    entry = SessionEntry.objects.get()
    done = check_off_as_prescribed(entry=entry, today=WEDNESDAY).entry
    # The coach then adds an exercise on the same weekday and changes the level.
    factories.assignment(ana, factories.exercise("Squat drill"), weekdays=[3], sessions_per_week=1)
    deadlift.level = deadlift.exercise.levels.get(order=2)
    deadlift.save()
    assert plan_sessions(athlete=ana, start=MONDAY, end=SUNDAY) == 0
    refresh_future_entries(assignment=deadlift, today=WEDNESDAY)
    entry.refresh_from_db()
    assert entry.level.order == 1
    assert (entry.completed_at, entry.reps_left) == (done.completed_at, done.reps_left)


def test_plan_ahead_covers_rest_of_this_week_and_next_week(ana):
    factories.assignment(
        ana, factories.exercise(), sessions_per_week=3, weekdays=[]
    )  # Mon, Wed, Fri
    plan_ahead(athlete=ana, today=WEDNESDAY)
    dates = list(TrainingSession.objects.values_list("date", flat=True))
    # Monday has passed: not planned after the fact (it would read as missed).
    assert dates == [
        WEDNESDAY,
        WEDNESDAY + 2 * DAY,
        MONDAY + 7 * DAY,
        WEDNESDAY + 7 * DAY,
        WEDNESDAY + 9 * DAY,
    ]


def test_level_change_updates_future_snapshots_and_keeps_history(ana):
    slr = factories.exercise()
    assignment = factories.assignment(ana, slr, level=1, sessions_per_week=1, weekdays=[1])
    plan_sessions(athlete=ana, start=MONDAY - 14 * DAY, end=MONDAY + 13 * DAY)
    past_done = SessionEntry.objects.get(session__date=MONDAY - 14 * DAY)
    check_off_as_prescribed(entry=past_done, today=MONDAY - 14 * DAY)

    assignment.level = slr.levels.get(order=2)
    assignment.reps_per_leg = 10
    assignment.save()
    changed = refresh_future_entries(assignment=assignment, today=WEDNESDAY)

    levels = dict(SessionEntry.objects.values_list("session__date", "level__order"))
    reps = dict(SessionEntry.objects.values_list("session__date", "reps_per_leg"))
    assert levels == {
        MONDAY - 14 * DAY: 1,  # done: history stays true
        MONDAY - 7 * DAY: 1,  # missed, but in the past: also history
        MONDAY: 1,  # earlier this week
        MONDAY + 7 * DAY: 2,
    }
    assert reps[MONDAY + 7 * DAY] == 10
    assert changed == 1


def test_refresh_moves_future_entries_when_weekdays_change(ana):
    assignment = factories.assignment(ana, factories.exercise(), sessions_per_week=1, weekdays=[4])
    plan_ahead(athlete=ana, today=WEDNESDAY)
    assert [d.isoweekday() for d in TrainingSession.objects.values_list("date", flat=True)] == [
        4,
        4,
    ]
    assignment.weekdays = [5]
    assignment.save()
    refresh_future_entries(assignment=assignment, today=WEDNESDAY)
    assert [d.isoweekday() for d in TrainingSession.objects.values_list("date", flat=True)] == [
        5,
        5,
    ]


def test_ended_assignment_loses_future_entries_and_empty_sessions(ana):
    deadlift = factories.assignment(
        ana, factories.exercise("Hinge drill"), sessions_per_week=2, weekdays=[1, 4]
    )
    factories.assignment(ana, factories.exercise("Squat drill"), sessions_per_week=1, weekdays=[4])
    plan_sessions(athlete=ana, start=MONDAY, end=MONDAY + 13 * DAY)
    monday = SessionEntry.objects.get(session__date=MONDAY)
    commented = TrainingSession.objects.get(date=MONDAY + 7 * DAY)
    commented.coach_comment = "Easy week."
    commented.save()

    deadlift.ended_at = timezone.now()
    deadlift.save()
    removed = refresh_future_entries(assignment=deadlift, today=WEDNESDAY)

    assert removed == 3  # Thursday, next Monday, next Thursday
    remaining = dict(
        TrainingSession.objects.values_list("date", "entries__assignment__exercise__name")
    )
    assert remaining == {
        MONDAY: "Hinge drill",  # the past stays
        MONDAY + 3 * DAY: "Squat drill",
        MONDAY + 7 * DAY: None,  # empty, but it holds the coach's comment
        MONDAY + 10 * DAY: "Squat drill",
    }
    assert SessionEntry.objects.filter(pk=monday.pk).exists()


def test_removing_the_last_open_entry_completes_the_session(ana):
    deadlift = factories.assignment(
        ana, factories.exercise("Hinge drill"), sessions_per_week=1, weekdays=[3]
    )
    factories.assignment(ana, factories.exercise("Squat drill"), sessions_per_week=1, weekdays=[3])
    plan_sessions(athlete=ana, start=MONDAY, end=SUNDAY)
    pistol = SessionEntry.objects.get(assignment__exercise__name="Squat drill")
    check_off_as_prescribed(entry=pistol, today=WEDNESDAY)
    deadlift.ended_at = timezone.now()
    deadlift.save()
    refresh_future_entries(assignment=deadlift, today=WEDNESDAY)
    assert TrainingSession.objects.get().completed_at is not None


def test_plan_sessions_command_is_rerunnable(ana, monkeypatch):
    factories.assignment(ana, factories.exercise(), sessions_per_week=2, weekdays=[])
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: WEDNESDAY)
    out = io.StringIO()
    call_command("plan_sessions", stdout=out)
    count = SessionEntry.objects.count()
    call_command("plan_sessions", stdout=out)
    assert out.getvalue().splitlines() == [
        "Planned 3 new entries for 1 athletes.",
        "Planned 0 new entries for 1 athletes.",
    ]
    assert count == SessionEntry.objects.count() == 3  # Fri, next Tue and Fri
