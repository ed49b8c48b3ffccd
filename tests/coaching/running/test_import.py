"""Importing runs and re-planning around them (coaching/services/running.py)."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from coaching.models import Run, SessionEntry, TrainingSession
from coaching.running.parsers import parse
from coaching.services import running
from coaching.services.sessions import check_off_as_prescribed, plan_ahead
from tests import factories
from tests.coaching.running import files

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 9)  # a Monday
TUE, WED, THU, FRI, SAT, SUN = (TODAY + datetime.timedelta(days=i) for i in range(1, 7))
NEXT_MON = TODAY + datetime.timedelta(days=7)


@pytest.fixture
def ana():
    return factories.athlete(coach=factories.coach(), user=factories.user("ana"))


def plan_file(*events) -> list:
    return parse("plan.ics", files.calendar(files.MADRID, *events), today=TODAY)


SUNDAY_LONG = files.event("long@p", "20260315", "Tirada larga 24 km")
TUESDAY_SERIES = files.event("series@p", "TZID=Europe/Madrid:20260310T190000", "Series 6 x 800 m")
WEDNESDAY_SERIES = files.event("series@p", "TZID=Europe/Madrid:20260311T190000",
                               "Series 6 x 800 m")  # fmt: skip


def strength_days(athlete, since=TODAY):
    return sorted(
        SessionEntry.objects.filter(session__athlete=athlete, session__date__gte=since)
        .values_list("session__date", flat=True)
        .distinct()
    )


def test_import_classifies_and_a_second_import_changes_nothing(ana):
    first = running.import_runs(athlete=ana, runs=plan_file(SUNDAY_LONG, TUESDAY_SERIES),
                                today=TODAY)  # fmt: skip
    assert (first.created, first.updated, first.unchanged) == (2, 0, 0)
    assert {r.title: r.kind for r in Run.objects.filter(athlete=ana)} == {
        "Tirada larga 24 km": "long",
        "Series 6 x 800 m": "quality",
    }
    again = running.import_runs(athlete=ana, runs=plan_file(SUNDAY_LONG, TUESDAY_SERIES),
                                today=TODAY)  # fmt: skip
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert again.message == "Nothing new: the 2 runs in this file were already here."
    assert Run.objects.filter(athlete=ana).count() == 2


def test_a_changed_plan_updates_its_runs_and_keeps_the_coachs_kind(ana):
    running.import_runs(athlete=ana, runs=plan_file(SUNDAY_LONG, TUESDAY_SERIES), today=TODAY)
    series = Run.objects.get(athlete=ana, title="Series 6 x 800 m")
    running.classify_run(run=series, kind="easy", goal_race=False, today=TODAY)
    moved = running.import_runs(athlete=ana, runs=plan_file(SUNDAY_LONG, WEDNESDAY_SERIES),
                                today=TODAY)  # fmt: skip
    assert (moved.created, moved.updated) == (0, 1)
    series.refresh_from_db()
    assert (series.date, series.detected_kind, series.kind) == (WED, "quality", "easy")


def test_one_goal_race_per_athlete_and_it_is_a_race(ana):
    first = factories.run(ana, SUN, "race", "10K")
    second = factories.run(ana, NEXT_MON, "long", "Long")
    running.classify_run(run=first, kind="race", goal_race=True, today=TODAY)
    running.classify_run(run=second, kind="long", goal_race=True, today=TODAY)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.is_goal_race, second.is_goal_race, second.kind) == (False, True, "race")
    with pytest.raises(IntegrityError), transaction.atomic():
        Run.objects.filter(pk=first.pk).update(is_goal_race=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Run.objects.filter(pk=second.pk).update(coach_kind="easy")


def test_a_changed_plan_moves_only_future_open_sessions(ana):
    drill = factories.exercise("Hinge drill")
    factories.assignment(ana, drill, sessions_per_week=2, weekdays=[1, 3], start_date=TODAY)
    plan_ahead(athlete=ana, today=TODAY)
    assert strength_days(ana) == [TODAY, WED, NEXT_MON, NEXT_MON + datetime.timedelta(days=2)]
    # Today's is done; then a plan with series on Thursday arrives: Wednesday
    # (the eve of the series) moves to the series day; today's stays.
    check_off_as_prescribed(entry=SessionEntry.objects.get(session__date=TODAY), today=TODAY)
    thursday = files.event("series@p", "TZID=Europe/Madrid:20260312T190000", "Series 6 x 800 m")
    result = running.import_runs(athlete=ana, runs=plan_file(thursday), today=TODAY)
    assert strength_days(ana) == [TODAY, THU, NEXT_MON, NEXT_MON + datetime.timedelta(days=2)]
    assert result.replanned >= 1
    assert SessionEntry.objects.get(session__date=TODAY).completed_at is not None
    assert not TrainingSession.objects.filter(athlete=ana, date=WED).exists()
    # Idempotent: re-planning again moves nothing.
    assert running.replan_open_sessions(athlete=ana, today=TODAY) == 0


def test_taper_sessions_are_bodyweight_and_go_back_when_the_goal_is_unmarked(ana):
    drill = factories.exercise("Hinge drill", load_note="in the hand")
    plan = factories.assignment(ana, drill, level=2, sessions_per_week=2, weekdays=[2, 4],
                                start_date=TODAY, load_kg=8)  # fmt: skip
    race = factories.run(ana, NEXT_MON + datetime.timedelta(days=6), "race", "Valencia 10K")
    plan_ahead(athlete=ana, today=TODAY)
    running.classify_run(run=race, kind="race", goal_race=True, today=TODAY)
    light = SessionEntry.objects.filter(session__athlete=ana, load_kg__isnull=True)
    assert sorted(e.session.date for e in light) == [
        NEXT_MON + datetime.timedelta(days=1),
        NEXT_MON + datetime.timedelta(days=3),
    ]
    assert {e.sets for e in light} == {plan.sets - 1}
    running.classify_run(run=race, kind="race", goal_race=False, today=TODAY)
    assert not SessionEntry.objects.filter(session__athlete=ana, load_kg__isnull=True).exists()


def test_switching_a_rule_off_replans(ana):
    drill = factories.exercise("Hinge drill")
    factories.assignment(ana, drill, sessions_per_week=1, weekdays=[6], start_date=TODAY)
    factories.run(ana, SUN, "long", "Long run")
    plan_ahead(athlete=ana, today=TODAY)
    assert SAT not in strength_days(ana)
    rules = dict.fromkeys(running.RULE_FIELDS, True) | {"free_day_before_key_runs": False}
    running.set_rules(athlete=ana, by=ana.coach, today=TODAY, **rules)
    assert SAT in strength_days(ana)


# -- A re-imported plan removes the runs it no longer holds -------------------

RACE = files.event("race@p", "20260322", "Carrera 10K")  # Sunday of next week
PAST_EASY = files.event("rodaje@p", "20260302", "Rodaje suave")  # last Monday


def current_titles(athlete) -> set[str]:
    return set(Run.objects.current().filter(athlete=athlete).values_list("title", flat=True))


def test_a_changed_plan_archives_the_runs_it_no_longer_holds(ana):
    drill = factories.exercise("Hinge drill")
    factories.assignment(ana, drill, level=2, sessions_per_week=2, weekdays=[2, 4],
                         start_date=TODAY)  # fmt: skip
    plan_ahead(athlete=ana, today=TODAY)
    running.import_runs(athlete=ana, runs=plan_file(SUNDAY_LONG, TUESDAY_SERIES, RACE, PAST_EASY),
                        today=TODAY)  # fmt: skip
    race = Run.objects.get(athlete=ana, title="Carrera 10K")
    running.classify_run(run=race, kind="race", goal_race=True, today=TODAY)
    series = Run.objects.get(athlete=ana, title="Series 6 x 800 m")
    running.classify_run(run=series, kind="easy", goal_race=False, today=TODAY)
    assert SessionEntry.objects.filter(load_kg__isnull=True).exists()  # the taper

    # The new version of the plan drops the race, the series and last
    # Monday's run (the past stays as it was planned).
    result = running.import_runs(athlete=ana, runs=plan_file(SUNDAY_LONG), today=TODAY)

    assert (result.created, result.updated, result.unchanged, result.removed) == (0, 0, 1, 2)
    assert "2 removed (no longer in the plan)" in result.message
    assert current_titles(ana) == {"Tirada larga 24 km", "Rodaje suave"}
    # Archived, not deleted: the coach's kind and goal race kept, as history.
    race.refresh_from_db()
    series.refresh_from_db()
    assert race.archived_at is not None and race.is_goal_race
    assert (series.archived_at is not None, series.kind) == (True, "easy")
    # No goal race left in the plan: the taper is gone from the open sessions.
    assert not SessionEntry.objects.filter(load_kg__isnull=True).exists()
    assert running.replan_open_sessions(athlete=ana, today=TODAY) == 0
    # The coach can mark another goal race; the archived one keeps its flag.
    other = factories.run(ana, NEXT_MON + datetime.timedelta(days=13), "race", "Maratón")
    running.classify_run(run=other, kind="race", goal_race=True, today=TODAY)
    race.refresh_from_db()
    assert race.is_goal_race


def test_a_run_back_in_the_plan_is_restored_with_the_coachs_kind(ana):
    running.import_runs(athlete=ana, runs=plan_file(SUNDAY_LONG, TUESDAY_SERIES), today=TODAY)
    series = Run.objects.get(athlete=ana, title="Series 6 x 800 m")
    running.classify_run(run=series, kind="easy", goal_race=False, today=TODAY)
    running.import_runs(athlete=ana, runs=plan_file(SUNDAY_LONG), today=TODAY)
    back = running.import_runs(athlete=ana, runs=plan_file(SUNDAY_LONG, TUESDAY_SERIES),
                               today=TODAY)  # fmt: skip
    assert (back.created, back.updated, back.removed) == (0, 1, 0)
    series.refresh_from_db()
    assert (series.archived_at, series.kind) == (None, "easy")
    assert Run.objects.filter(athlete=ana).count() == 2  # never a duplicate


def test_a_restored_goal_race_gives_way_to_the_one_chosen_since(ana):
    running.import_runs(athlete=ana, runs=plan_file(SUNDAY_LONG, RACE), today=TODAY)
    race = Run.objects.get(athlete=ana, title="Carrera 10K")
    running.classify_run(run=race, kind="race", goal_race=True, today=TODAY)
    running.import_runs(athlete=ana, runs=plan_file(SUNDAY_LONG), today=TODAY)
    chosen = factories.run(ana, NEXT_MON + datetime.timedelta(days=13), "race", "Maratón")
    running.classify_run(run=chosen, kind="race", goal_race=True, today=TODAY)
    running.import_runs(athlete=ana, runs=plan_file(SUNDAY_LONG, RACE), today=TODAY)
    race.refresh_from_db()
    assert (race.archived_at, race.is_goal_race) == (None, False)
    assert list(Run.objects.goal_race().filter(athlete=ana)) == [chosen]


def test_another_plan_file_or_an_activity_removes_nothing(ana):
    running.import_runs(athlete=ana, runs=plan_file(SUNDAY_LONG, TUESDAY_SERIES), today=TODAY)
    # A second calendar (a race calendar: no event in common with the plan).
    races = running.import_runs(athlete=ana, runs=plan_file(RACE), today=TODAY)
    activity = parse("run.gpx", files.gpx(), today=TODAY)
    ran = running.import_runs(athlete=ana, runs=activity, today=TODAY)
    assert (races.removed, ran.removed) == (0, 0)
    assert Run.objects.current().filter(athlete=ana).count() == 4
    # The plan's own re-import removes its own run only, not the race calendar's.
    again = running.import_runs(athlete=ana, runs=plan_file(SUNDAY_LONG), today=TODAY)
    assert again.removed == 1
    assert "Carrera 10K" in current_titles(ana)


def test_a_removed_run_is_no_longer_the_coachs_to_reclassify(ana, client):
    running.import_runs(athlete=ana, runs=plan_file(SUNDAY_LONG, TUESDAY_SERIES), today=TODAY)
    series = Run.objects.get(athlete=ana, title="Series 6 x 800 m")
    running.import_runs(athlete=ana, runs=plan_file(SUNDAY_LONG), today=TODAY)
    client.force_login(ana.coach)
    response = client.post(reverse("coaching:run_kind", args=[series.pk]), {"kind": "long"})
    assert response.status_code == 404
    series.refresh_from_db()
    assert series.kind == "quality"
