"""Coach actions: assigning, level changes, ending, comments (services)."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections
from django.utils import timezone

from coaching.models import Assignment, LevelChange, SessionEntry, TrainingSession
from coaching.services.assignments import (
    assign_exercise,
    change_level,
    comment_on_session,
    end_assignment,
)
from tests import factories

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 3, 9)
SATURDAY = MONDAY + datetime.timedelta(days=5)


@pytest.fixture
def setup():
    coach = factories.coach()
    return coach, factories.athlete(coach=coach), factories.exercise()


def assign(athlete, exercise, *, level=1, by=None, **overrides):
    lv = exercise.levels.get(order=level)
    values = {
        "sets": lv.default_sets,
        "reps_per_leg": lv.default_reps_per_leg,
        "load_kg": lv.default_load_kg,
        "sessions_per_week": 2,
        "weekdays": [],
        "start_date": MONDAY,
        "notes": "",
        **overrides,
    }
    return assign_exercise(
        athlete=athlete, exercise=exercise, level=lv, by=by or athlete.coach, today=MONDAY, **values
    )


def entry_levels(assignment):
    return {
        e.session.date: e.level.order
        for e in SessionEntry.objects.filter(assignment=assignment).select_related(
            "session", "level"
        )
    }


def test_assign_saves_the_prescription_and_plans_sessions(setup):
    coach, athlete, exercise = setup
    made = assign(
        athlete, exercise, sets=4, reps_per_leg=6, load_kg=Decimal("2.5"), weekdays=[5, 2]
    )
    made.refresh_from_db()
    assert (made.sets, made.reps_per_leg, made.load_kg) == (4, 6, Decimal("2.5"))
    assert made.weekdays == [2, 5]  # sorted
    assert made.created_by == coach and made.active
    entries = SessionEntry.objects.filter(assignment=made).order_by("session__date")
    # This week and next, on Tuesdays and Fridays, with the prescription snapshot.
    assert [e.session.date.isoweekday() for e in entries] == [2, 5, 2, 5]
    assert {(e.sets, e.reps_per_leg, e.load_kg) for e in entries} == {(4, 6, Decimal("2.5"))}


def test_second_active_assignment_of_the_same_exercise_is_a_field_error(setup):
    _, athlete, exercise = setup
    assign(athlete, exercise)
    with pytest.raises(ValidationError) as error:
        assign(athlete, exercise, level=2)
    assert "already has Test Deadlift assigned" in error.value.message_dict["exercise"][0]
    assert Assignment.objects.count() == 1


def test_an_ended_assignment_does_not_block_a_new_one(setup):
    coach, athlete, exercise = setup
    first = assign(athlete, exercise)
    end_assignment(assignment=first, by=coach, today=MONDAY)
    second = assign(athlete, exercise, level=2)
    assert second.pk != first.pk
    assert Assignment.objects.filter(athlete=athlete).count() == 2


def test_level_must_belong_to_the_exercise(setup):
    coach, athlete, exercise = setup
    other = factories.exercise("Heel Raise")
    with pytest.raises(ValidationError) as error:
        assign_exercise(
            athlete=athlete,
            exercise=exercise,
            level=other.levels.first(),
            sets=3,
            reps_per_leg=8,
            load_kg=None,
            sessions_per_week=1,
            weekdays=[],
            start_date=MONDAY,
            notes="",
            by=coach,
        )
    assert "levels of Test Deadlift" in error.value.message_dict["level"][0]
    assert not Assignment.objects.exists()


def test_weekdays_outside_the_week_are_refused(setup):
    _, athlete, exercise = setup
    with pytest.raises(ValidationError) as error:
        assign(athlete, exercise, weekdays=[0, 8])
    assert "weekdays" in error.value.message_dict
    assert not Assignment.objects.exists()


def test_only_the_athletes_coach_assigns(setup):
    _, athlete, exercise = setup
    with pytest.raises(PermissionDenied):
        assign(athlete, exercise, by=factories.coach("bruno"))
    assert not Assignment.objects.exists()


def test_archived_athletes_get_no_new_assignments(setup):
    coach, _, exercise = setup
    archived = factories.athlete(coach=coach, name="Old Timer", archived=True)
    with pytest.raises(ValidationError):
        assign(archived, exercise)
    assert not Assignment.objects.exists()


def test_advance_records_the_change_and_refreshes_only_future_sessions(setup):
    coach, athlete, exercise = setup
    made = assign(athlete, exercise, sets=5, reps_per_leg=9)
    tuesday = SessionEntry.objects.get(assignment=made, session__date=MONDAY.replace(day=10))
    tuesday.completed_at = timezone.now()
    tuesday.reps_left = tuesday.reps_right = 9
    tuesday.save()
    # Friday 13 passes without being done; the coach advances on Saturday.
    level2 = exercise.levels.get(order=2)

    change = change_level(
        assignment=made, to_level=level2, by=coach, reason="Met 10 reps twice.", today=SATURDAY
    )

    assert (change.from_level.order, change.to_level.order) == (1, 2)
    assert change.direction == LevelChange.Direction.ADVANCE
    assert change.changed_by == coach and change.reason == "Met 10 reps twice."
    assert change.created_at is not None
    made.refresh_from_db()
    assert made.level == level2
    assert (made.sets, made.reps_per_leg, made.load_kg) == (3 + 1, 8, Decimal(8))
    levels = entry_levels(made)
    assert levels[datetime.date(2026, 3, 10)] == 1  # done: history stays true
    assert levels[datetime.date(2026, 3, 13)] == 1  # missed, in the past
    assert levels[datetime.date(2026, 3, 17)] == 2
    assert levels[datetime.date(2026, 3, 20)] == 2
    future = SessionEntry.objects.get(assignment=made, session__date=datetime.date(2026, 3, 17))
    assert (future.sets, future.reps_per_leg, future.load_kg) == (4, 8, Decimal(8))


def test_regress_goes_one_level_down(setup):
    coach, athlete, exercise = setup
    made = assign(athlete, exercise, level=2)
    change = change_level(
        assignment=made, to_level=exercise.levels.get(order=1), by=coach, reason="", today=MONDAY
    )
    assert change.direction == LevelChange.Direction.REGRESS
    assert made.level.order == 1  # the caller's object follows the change
    assert set(entry_levels(made).values()) == {1}


@pytest.mark.parametrize(
    ("start", "target", "message"),
    [(1, 3, "one level at a time"), (1, 1, "Already at level 1"), (3, 1, "one level at a time")],
)
def test_level_changes_move_one_step(setup, start, target, message):
    coach, athlete, exercise = setup
    made = assign(athlete, exercise, level=start)
    with pytest.raises(ValidationError) as error:
        change_level(
            assignment=made, to_level=exercise.levels.get(order=target), by=coach, reason=""
        )
    assert message in error.value.message_dict["to_level"][0]
    assert not LevelChange.objects.exists()


def test_a_double_click_advances_once(setup):
    coach, athlete, exercise = setup
    made = assign(athlete, exercise)
    level2 = exercise.levels.get(order=2)
    stale = Assignment.objects.get(pk=made.pk)  # the second request loaded it before the first
    change_level(assignment=made, to_level=level2, by=coach, reason="", today=MONDAY)
    with pytest.raises(ValidationError):
        change_level(assignment=stale, to_level=level2, by=coach, reason="", today=MONDAY)
    assert LevelChange.objects.count() == 1


def test_levels_of_another_exercise_and_ended_assignments_are_refused(setup):
    coach, athlete, exercise = setup
    made = assign(athlete, exercise)
    other = factories.exercise("Heel Raise")
    with pytest.raises(ValidationError):
        change_level(assignment=made, to_level=other.levels.get(order=2), by=coach, reason="")
    end_assignment(assignment=made, by=coach, today=MONDAY)
    with pytest.raises(ValidationError):
        change_level(assignment=made, to_level=exercise.levels.get(order=2), by=coach, reason="")
    with pytest.raises(PermissionDenied):
        fresh = assign(athlete, exercise)
        change_level(
            assignment=fresh,
            to_level=exercise.levels.get(order=2),
            by=factories.coach("bruno"),
            reason="",
        )
    assert not LevelChange.objects.exists()


def test_end_assignment_archives_and_drops_coming_sessions(setup):
    coach, athlete, exercise = setup
    made = assign(athlete, exercise)
    done = SessionEntry.objects.get(assignment=made, session__date=datetime.date(2026, 3, 10))
    done.completed_at = timezone.now()
    done.save()

    end_assignment(assignment=made, by=coach, today=datetime.date(2026, 3, 11))

    made.refresh_from_db()
    assert not made.active and made.ended_at is not None
    assert list(entry_levels(made)) == [datetime.date(2026, 3, 10)]  # history kept
    assert not TrainingSession.objects.filter(date__gt=datetime.date(2026, 3, 11)).exists()
    again = end_assignment(assignment=made, by=coach)  # harmless
    assert again.ended_at == made.ended_at


def test_comment_on_session_sets_and_clears(setup):
    coach, athlete, exercise = setup
    made = factories.assignment(athlete, exercise)
    session = factories.done(made, MONDAY).session
    comment_on_session(session=session, by=coach, text="  Great control on the left.  ")
    session.refresh_from_db()
    assert session.coach_comment == "Great control on the left."
    assert session.coach_comment_at is not None
    comment_on_session(session=session, by=coach, text="")
    session.refresh_from_db()
    assert session.coach_comment == "" and session.coach_comment_at is None
    with pytest.raises(PermissionDenied):
        comment_on_session(session=session, by=factories.coach("bruno"), text="Hi")


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises writers; row locks need Postgres"
)
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_advances_record_one_change():
    coach = factories.coach()
    athlete, exercise = factories.athlete(coach=coach), factories.exercise()
    made = factories.assignment(athlete, exercise)
    level2 = exercise.levels.get(order=2)
    barrier = threading.Barrier(2)
    outcomes = []

    def click():
        try:
            stale = Assignment.objects.get(pk=made.pk)
            barrier.wait()
            change_level(assignment=stale, to_level=level2, by=coach, reason="", today=MONDAY)
            outcomes.append("changed")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["changed", "refused"]
    assert LevelChange.objects.count() == 1
