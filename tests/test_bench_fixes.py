"""The performance fixes of docs/performance.md change how data is read, not
what is read: each is checked against the straightforward version."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from athletes.auth import FlamingoBackend
from bench import seed as bench_seed
from coaching import roster
from coaching.athlete_week import entries_for
from coaching.models import Assignment, SessionEntry
from exercises.models import CommonMistake


@pytest.fixture
def world(db):
    bench_seed.seed(timezone.localdate(), coaches=2, per_coach=3, big=4, weeks=10)


@pytest.mark.parametrize("split_days", [1, 7, 21, 400])
def test_split_recent_results_equal_one_ranking(world, split_days):
    """Recent sessions first, the rest only for short assignments: the same
    results as ranking everything, wherever the split falls."""
    assignments = list(Assignment.objects.active().select_related("level"))
    whole = roster.recent_results(assignments)
    assert any(whole.values())
    with CaptureQueriesContext(connection) as queries:
        split = roster.recent_results(assignments, split_days=split_days)
    assert split == whole
    assert len(queries) == 2  # whether or not any assignment was short


def test_split_recent_results_with_every_assignment_recent(world):
    """No short assignment: the second query still runs (constant count) and finds nothing."""
    assignments = [
        a
        for a in Assignment.objects.active().select_related("level")
        if len(roster.recent_results([a], split_days=400)[a.pk].entries) == 2
    ]
    with CaptureQueriesContext(connection) as queries:
        split = roster.recent_results(assignments, split_days=400)
    assert split == roster.recent_results(assignments)
    assert len(queries) == 2


def test_permissions_in_one_query(world, django_user_model):
    coach = django_user_model.objects.get(username=bench_seed.BIG_COACH)
    athlete = django_user_model.objects.get(username="bench-athlete-001")
    backend = FlamingoBackend()
    with CaptureQueriesContext(connection) as queries:
        coach, athlete = backend.get_user(coach.pk), backend.get_user(athlete.pk)
        assert coach.has_perm("athletes.coach_athletes")
        assert not coach.has_perm("athletes.log_training")
        assert athlete.has_perm("athletes.log_training")
        assert not athlete.has_perm("athletes.coach_athletes")
    assert len(queries) == 2  # one each, with the user


def test_entry_cards_carry_the_exercises_top_mistake(world, django_user_model):
    athlete = django_user_model.objects.get(username="bench-athlete-001")
    entries = list(entries_for(athlete).filter(session__date=timezone.localdate()))
    assert entries
    for entry in entries:
        top = CommonMistake.objects.filter(exercise=entry.assignment.exercise_id).order_by("order")
        top = top.first()
        assert (entry.mistake_title, entry.mistake_fix) == (top.title, top.how_to_fix)


def test_entries_for_stays_scoped(world, django_user_model):
    athlete = django_user_model.objects.get(username="bench-athlete-001")
    other = SessionEntry.objects.exclude(session__athlete__user=athlete).first()
    assert not entries_for(athlete).filter(pk=other.pk).exists()
