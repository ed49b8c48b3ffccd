"""A level or prescription change (or the end of an assignment) goes through
the same re-placement as a change of the runs (sessions.replan_locked): the
goal race's taper keeps its lighter sessions, nothing else moves, and done
sessions never change. A table: one row per change, with and without a goal race."""

import datetime
from decimal import Decimal

import pytest

from coaching.models import SessionEntry
from coaching.services import assignments, sessions
from coaching.services.sessions import check_off_as_prescribed, plan_ahead
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 9)  # a Monday
DAY = datetime.timedelta(days=1)
GOAL = TODAY + 13 * DAY  # Sunday of next week: bodyweight only from Friday 13th
FIELDS = ("level_id", "sets", "reps_per_leg", "load_kg", "extra_sets", "extra_sets_leg")


def world(*, goal: bool):
    """Ana: a hinge drill Monday and Thursday (today's done), a squat drill
    on Wednesday, both at level 2 (8 kg); a long run on Saturday; with
    `goal`, the goal race on Sunday of next week."""
    ana = factories.athlete(coach=factories.coach(), user=factories.user("ana"))
    hinge = factories.assignment(ana, factories.exercise("Hinge drill"), level=2,
                                 sessions_per_week=2, weekdays=[1, 4],
                                 start_date=TODAY)  # fmt: skip
    squat = factories.assignment(ana, factories.exercise("Squat drill"), level=2,
                                 sessions_per_week=1, weekdays=[3], start_date=TODAY)  # fmt: skip
    factories.run(ana, TODAY + 5 * DAY, "long", "Long run 20 km")
    if goal:
        factories.run(ana, GOAL, "race", "Half marathon", is_goal_race=True)
    plan_ahead(athlete=ana, today=TODAY)
    today = SessionEntry.objects.get(assignment=hinge, session__date=TODAY)
    check_off_as_prescribed(entry=today, today=TODAY)
    return ana, hinge, squat


def snapshot(entry) -> tuple:
    return tuple(getattr(entry, f) for f in FIELDS)


def rows(**filters) -> dict:
    """Every entry: pk -> (day, assignment, snapshot, completed)."""
    entries = SessionEntry.objects.filter(**filters).select_related("session")
    return {e.pk: (e.session.date, e.assignment_id, snapshot(e), e.completed_at) for e in entries}


def level_up(hinge):
    assignments.change_level(assignment=hinge, to_level=hinge.exercise.levels.get(order=3),
                             by=hinge.athlete.coach, reason="Ready", today=TODAY)  # fmt: skip


def prescribe(hinge):
    assignments.change_prescription(assignment=hinge, sets=5, reps_per_leg=10,
                                    load_kg=Decimal(12), extra_sets=1, extra_sets_leg="left",
                                    by=hinge.athlete.coach, today=TODAY)  # fmt: skip


def end(hinge):
    assignments.end_assignment(assignment=hinge, by=hinge.athlete.coach, today=TODAY)


# (change, goal race, the hinge's open days that are light after it)
TABLE = [
    pytest.param(level_up, True, {TODAY + 7 * DAY, TODAY + 10 * DAY}, id="level up, taper"),
    pytest.param(prescribe, True, {TODAY + 7 * DAY, TODAY + 10 * DAY}, id="prescription, taper"),
    pytest.param(level_up, False, set(), id="level up, no goal race"),
    pytest.param(prescribe, False, set(), id="prescription, no goal race"),
    pytest.param(end, True, None, id="ended, taper"),
]


@pytest.mark.parametrize(("change", "goal", "light_days"), TABLE)
def test_a_change_keeps_the_placement_and_the_taper(change, goal, light_days):
    _, hinge, squat = world(goal=goal)
    done_before = rows(completed_at__isnull=False)
    squat_before = rows(assignment=squat)
    open_before = rows(assignment=hinge, completed_at__isnull=True)
    light_before = {day for day, _, snap, _ in open_before.values() if snap[3] is None}
    assert light_before == (light_days if light_days is not None else light_before)

    change(hinge)

    # Done sessions never change; the other exercise's sessions do not move.
    assert rows(completed_at__isnull=False) == done_before
    assert rows(assignment=squat) == squat_before
    hinge.refresh_from_db()
    after = rows(assignment=hinge, completed_at__isnull=True)
    if light_days is None:  # ended: its open sessions go, the done one stays
        assert after == {}
        return
    # Same entries on the same days: only the snapshot changed.
    assert {pk: row[0] for pk, row in after.items()} == {
        pk: row[0] for pk, row in open_before.items()
    }
    for day, _, snapshot, _ in after.values():
        expected = sessions.planned_snapshot(hinge, light=day in light_days)
        assert snapshot == tuple(expected[f] for f in FIELDS), day
    # In the taper: bodyweight, one set fewer than the new prescription.
    assert {day for day, _, snap, _ in after.values() if snap[3] is None} == light_days
    # Idempotent: the same change brought in line again moves nothing.
    assert sessions.refresh_future_entries(assignment=hinge, today=TODAY) == 0
    assert rows() == {**done_before, **squat_before, **after}


def test_today_takes_the_change_but_keeps_its_day():
    """A run imported today after planning would move today's session; a level
    change then gives today's open entry the new level where it is."""
    ana, _, squat = world(goal=False)
    wednesday = TODAY + 2 * DAY
    squat_today = SessionEntry.objects.get(assignment=squat, session__date=wednesday)
    factories.run(ana, wednesday + DAY, "quality", "Intervals 6 x 800 m")  # the eve of intervals
    level_3 = squat.exercise.levels.get(order=3)
    assignments.change_level(assignment=squat, to_level=level_3, by=ana.coach, reason="",
                             today=wednesday)  # fmt: skip
    squat_today.refresh_from_db()
    assert (squat_today.session.date, squat_today.level_id) == (wednesday, level_3.pk)
