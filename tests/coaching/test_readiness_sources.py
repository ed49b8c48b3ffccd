"""What the rule is given from the database: only entries since the latest
level change, missed planned sessions, pain, load and RPE (the rule itself
is tabled in test_readiness.py)."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from coaching import roster
from coaching.readiness import Verdict
from coaching.services import assignments as services
from exercises.models import Exercise
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days_ago(n: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=n)


@pytest.fixture
def assigned():
    coach = factories.coach()
    athlete = factories.athlete(coach=coach)
    return factories.assignment(athlete, factories.exercise()), coach


def verdict(assignment):
    return roster.status_of(assignment).readiness


def test_sessions_before_a_level_change_do_not_count(assigned):
    assignment, coach = assigned
    factories.done(assignment, days_ago(9))
    factories.done(assignment, days_ago(6))
    assert verdict(assignment).verdict == Verdict.READY
    level_1, level_2 = assignment.exercise.levels.order_by("order")[:2]
    services.change_level(assignment=assignment, to_level=level_2, by=coach, reason="")
    assignment.refresh_from_db()
    factories.done(assignment, days_ago(3), pain=6)
    assert verdict(assignment).verdict == Verdict.REGRESS
    services.change_level(assignment=assignment, to_level=level_1, by=coach, reason="")
    assignment.refresh_from_db()
    # Back at level 1: its two old sessions came before the change.
    assert verdict(assignment).verdict == Verdict.NOT_ENOUGH_DATA
    services.change_level(assignment=assignment, to_level=level_2, by=coach, reason="")
    assignment.refresh_from_db()
    # Level 2 again: the old painful session does not count either.
    assert verdict(assignment).verdict == Verdict.NOT_ENOUGH_DATA


def test_a_missed_planned_session_breaks_the_run(assigned):
    assignment, _ = assigned
    factories.done(assignment, days_ago(9))
    factories.done(assignment, days_ago(6), completed=False)
    factories.done(assignment, days_ago(3))
    result = verdict(assignment)
    assert result.verdict == Verdict.HOLD
    assert "was missed" in result.headline


def test_todays_session_not_yet_done_does_not_break_it(assigned):
    assignment, _ = assigned
    factories.done(assignment, days_ago(6))
    factories.done(assignment, days_ago(3))
    factories.done(assignment, TODAY, completed=False)
    assert verdict(assignment).verdict == Verdict.READY


def test_load_rpe_pain_side_and_next_morning_reach_the_rule(assigned):
    assignment, coach = assigned
    level_2 = assignment.exercise.levels.get(order=2)
    services.change_level(assignment=assignment, to_level=level_2, by=coach, reason="")
    assignment.refresh_from_db()
    first = factories.done(assignment, days_ago(3))  # 8 kg prescribed, no load logged
    first.session.rpe, first.session.next_morning_pain = 9, 2
    first.session.save()
    first.pain, first.pain_side = 2, "left"
    first.save()
    text = " ".join(verdict(assignment).evidence)
    assert "load 0 kg (at least 8 kg)" in text
    assert "RPE 9 (at most 8)" in text
    assert "2/10 (left), next morning 2/10" in text


def test_the_library_levels_carry_their_criteria():
    deadlift = Exercise.objects.get(slug="single-leg-deadlift")
    levels = {level.order: level for level in deadlift.levels.all()}
    assert levels[2].rep_range == "8-10"
    assert levels[2].advance_reps_per_leg == 10
    assert levels[2].advance_max_rpe == 8
    assert levels[3].load_step_kg == Decimal(2)
    assert levels[2].load_step_kg is None


@pytest.mark.parametrize(
    "fields",
    [
        {"default_reps_per_leg": 10, "default_reps_max": 8},
        {"advance_max_rpe": 11},
        {"advance_max_rpe": 0},
        {"load_step_kg": Decimal(0)},
        {"advance_load_kg": Decimal(-1)},
    ],
)
def test_level_criteria_have_database_constraints(fields):
    level = factories.exercise().levels.get(order=1)
    for name, value in fields.items():
        setattr(level, name, value)
    with pytest.raises(IntegrityError), transaction.atomic():
        level.save()


@pytest.mark.parametrize(("pain", "side"), [(0, "left"), (None, "left"), (3, "knee")])
def test_pain_side_only_with_a_pain_and_a_known_side(assigned, pain, side):
    entry = factories.done(assigned[0], days_ago(3), pain=pain)
    entry.pain_side = side
    with pytest.raises(IntegrityError), transaction.atomic():
        entry.save()
