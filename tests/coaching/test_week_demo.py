"""demo_data gives the coach's roster realistic training history, and running
it again changes nothing."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from coaching.models import Assignment, LevelChange, SessionEntry, TrainingSession

TABLES = [Assignment, TrainingSession, SessionEntry, LevelChange]


def snapshot():
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in TABLES}


def last_completed(athlete_name: str, slug: str, count: int = 2):
    assignment = Assignment.objects.get(athlete__name=athlete_name, exercise__slug=slug)
    entries = (
        SessionEntry.objects.filter(
            assignment=assignment, completed_at__isnull=False, level=assignment.level
        )
        .select_related("level")
        .order_by("-session__date")[:count]
    )
    return assignment, list(entries)


@pytest.fixture
def demo(db):
    call_command("demo_data", stdout=io.StringIO())
    return timezone.localdate()


def test_running_demo_data_twice_changes_nothing(demo):
    before = snapshot()
    call_command("demo_data", stdout=io.StringIO())
    assert snapshot() == before


def test_ana_trains_the_single_leg_deadlift_and_is_ready_for_the_next_level(demo):
    assignment, last_two = last_completed("Ana Ruiz", "single-leg-deadlift")
    assert assignment.athlete.user.username == "ana"
    assert assignment.level.order == 2
    assert assignment.level_changes.get().to_level.order == 2
    level = assignment.level
    for entry in last_two:
        assert min(entry.reps_left, entry.reps_right) >= level.advance_reps_per_leg
        assert entry.pain <= level.advance_max_pain
    # Past entries at level 1 kept their snapshot.
    assert SessionEntry.objects.filter(assignment=assignment, level__order=1).exists()


def test_ana_has_history_a_missed_session_and_something_to_do(demo):
    sessions = TrainingSession.objects.filter(athlete__user__username="ana")
    assert sessions.filter(date__lt=demo - datetime.timedelta(weeks=4)).exists()
    assert any(not s.is_completed for s in sessions.filter(date__lt=demo))
    assert sessions.with_completion().filter(date__gte=demo, completed_at__isnull=True).exists()
    assert sessions.exclude(coach_comment="").count() == 2


def test_one_pain_alert_one_poor_adherence(demo):
    two_weeks_ago = demo - datetime.timedelta(days=14)
    in_pain = set(
        SessionEntry.objects.filter(pain__gt=3, session__date__gte=two_weeks_ago).values_list(
            "session__athlete__name", flat=True
        )
    )
    assert in_pain == {"Lucía Fernández"}

    four_weeks_ago = demo - datetime.timedelta(weeks=4)
    adherence = {}
    for session in TrainingSession.objects.filter(date__gte=four_weeks_ago, date__lt=demo):
        done, planned = adherence.get(session.athlete.name, (0, 0))
        adherence[session.athlete.name] = (done + session.is_completed, planned + 1)
    poor = {name for name, (done, planned) in adherence.items() if done / planned < 0.5}
    assert poor == {"Tomás Herrera"}


def test_some_are_ready_to_advance(demo):
    ready = []
    for assignment in Assignment.objects.select_related("athlete", "exercise", "level"):
        level = assignment.level
        _, last = last_completed(
            assignment.athlete.name, assignment.exercise.slug, level.advance_sessions_in_row
        )
        if len(last) == level.advance_sessions_in_row and all(
            min(e.reps_left, e.reps_right) >= level.advance_reps_per_leg
            and e.pain <= level.advance_max_pain
            for e in last
        ):
            ready.append(assignment.athlete.name)
    assert sorted(ready) == ["Ana Ruiz", "Irene Castillo", "Marco Bellini"]


def test_an_athlete_without_assignments_is_left_for_the_coach(demo):
    assert not Assignment.objects.filter(athlete__name="David Okafor").exists()


def test_a_week_later_it_only_plans_ahead(demo, monkeypatch):
    before = snapshot()
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: demo + datetime.timedelta(days=7))
    call_command("demo_data", stdout=io.StringIO())
    after = snapshot()
    for model in ("Assignment", "LevelChange"):
        assert after[model] == before[model]
    for model in ("TrainingSession", "SessionEntry"):
        old = {row["id"]: row for row in before[model]}
        assert [row for row in after[model] if row["id"] in old] == list(old.values())
        new = [row for row in after[model] if row["id"] not in old]
        # Nothing new is done (a session's completion is its entries').
        assert new and all(row.get("completed_at") is None for row in new)
