"""Issue 14: importing a running plan (which re-plans open sessions) at the
same moment as a check-off, an undo or a level change of the same athlete:
no deadlock, nothing lost, the plan as if one ran after the other."""

import datetime

import pytest
from django.db import connection

from coaching.models import Run, SessionEntry
from coaching.running.parsers import parse
from coaching.services import assignments, running, sessions
from tests import factories
from tests.coaching.running import files
from tests.concurrency.world import TODAY, run_at_once

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency: PostgreSQL only"),
    pytest.mark.django_db(transaction=True),
]
THURSDAY = TODAY + datetime.timedelta(days=1)
FRIDAY = TODAY + datetime.timedelta(days=2)
# Intervals on Friday: Thursday (its eve) moves to Friday.
PLAN = files.calendar(files.event("series@p", "20260306", "Intervals 6 x 800 m"))


def world():
    athlete = factories.athlete(coach=factories.coach(), user=factories.user("ana"))
    plan = factories.assignment(athlete, factories.exercise("Hinge"), sessions_per_week=2,
                                weekdays=[3, 4], start_date=TODAY)  # fmt: skip
    sessions.plan_ahead(athlete=athlete, today=TODAY)
    return athlete, plan


def entry(day):
    return SessionEntry.objects.select_related("session").get(session__date=day)


def check_off(athlete, plan):
    sessions.check_off_as_prescribed(entry=entry(TODAY), today=TODAY)


def level_change(athlete, plan):
    level_2 = plan.exercise.levels.get(order=2)
    assignments.change_level(assignment=plan, to_level=level_2, by=athlete.coach, reason="",
                             today=TODAY)  # fmt: skip


def import_plan(athlete, plan):
    running.import_runs(athlete=athlete, runs=parse("p.ics", PLAN, today=TODAY), today=TODAY)


@pytest.mark.parametrize("other", [check_off, level_change], ids=["check-off", "level change"])
@pytest.mark.parametrize("lead", [0, 1], ids=["import first", "other first"])
def test_import_and_another_write_at_once(other, lead):
    athlete, plan = world()
    outcomes = run_at_once(lambda: import_plan(athlete, plan), lambda: other(athlete, plan),
                           lead=lead)  # fmt: skip
    assert outcomes == [None, None], outcomes
    assert Run.objects.filter(athlete=athlete).count() == 1
    this_week = SessionEntry.objects.filter(session__athlete=athlete, session__date__lt=FRIDAY
                                            + datetime.timedelta(days=3))  # fmt: skip
    days = set(this_week.values_list("session__date", flat=True))
    assert days == {TODAY, FRIDAY}
    if other is check_off:
        assert entry(TODAY).completed_at is not None
    else:
        plan.refresh_from_db()
        assert entry(FRIDAY).level_id == plan.level_id  # the moved session has the new level


@pytest.mark.parametrize("lead", [0, 1], ids=["import first", "level change first"])
def test_import_and_level_change_in_the_taper_at_once(lead):
    """The level change re-places like the import (one lock set: the athlete,
    then every session from today): whichever runs second, the taper's
    sessions are lighter ones of the new level, none left loaded."""
    athlete, plan = world()
    goal = TODAY + datetime.timedelta(days=11)  # Sunday of next week: light from Friday
    factories.run(athlete, goal, "race", "Half marathon", is_goal_race=True)
    running.replan_open_sessions(athlete=athlete, today=TODAY)
    outcomes = run_at_once(lambda: import_plan(athlete, plan),
                           lambda: level_change(athlete, plan), lead=lead)  # fmt: skip
    assert outcomes == [None, None], outcomes
    plan.refresh_from_db()
    ahead = SessionEntry.objects.filter(session__date__gt=TODAY, completed_at__isnull=True)
    assert ahead.exists()
    for entry in ahead.select_related("session"):
        assert entry.level_id == plan.level_id, entry.session.date
        assert (entry.load_kg, entry.sets) == (None, plan.sets - 1), entry.session.date
