from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from athletes.auth import COACHES, CONTENT_EDITORS
from athletes.models import AssessmentTest, Athlete, StrengthAssessment, Unit
from tests import factories

pytestmark = pytest.mark.django_db


def test_migration_seeds_the_assessment_catalogue():
    """The standard battery (issue 11) with its noise, and the sound older tests kept."""
    tests = {t.slug: t for t in AssessmentTest.objects.all()}
    D = Decimal
    expected = {
        # slug: unit, higher is better, threshold, SDD, SDD in LSI points, normalisation
        "single-leg-hop-distance": (Unit.CM, True, 90, D(8), True, ""),
        "triple-hop-distance": (Unit.CM, True, 90, D(8), True, ""),
        "crossover-hop-distance": (Unit.CM, True, 90, D(9), True, ""),
        "single-leg-timed-hop": (Unit.SECONDS, False, 90, D(10), True, ""),
        "side-hop-30s": (Unit.REPS, True, 90, D(10), True, ""),
        "single-leg-heel-raise": (Unit.REPS, True, 90, D(6), False, ""),
        "single-leg-bridge": (Unit.REPS, True, 90, D(5), False, ""),
        "y-balance-anterior": (Unit.CM, True, 100, D(4), False, "leg_length"),
        "hhd-calf-isometric": (Unit.NEWTON, True, 90, D(12), True, "body_mass"),
        "hhd-hip-abduction": (Unit.NEWTON, True, 90, D(12), True, "body_mass"),
        "single-leg-balance-eyes-closed": (Unit.SECONDS, True, 70, D(8), False, ""),
        "single-leg-deadlift": (Unit.REPS, True, 90, None, True, ""),
        "single-leg-squat-to-box": (Unit.REPS, True, 90, None, True, ""),
    }
    for slug, row in expected.items():
        test = tests[slug]
        assert (
            test.unit,
            test.higher_is_better,
            test.lsi_threshold,
            test.detectable_difference,
            test.detectable_in_lsi_points,
            test.normalisation,
        ) == row, slug
        assert test.instructions and test.short_name
    battery = [t.slug for t in AssessmentTest.objects.all()][:11]
    assert battery[0] == "single-leg-hop-distance"
    assert battery[-1] == "single-leg-balance-eyes-closed"


def test_migrations_create_role_groups_with_editor_permissions():
    coaches = Group.objects.get(name=COACHES)
    assert list(coaches.permissions.values_list("codename", flat=True)) == ["coach_athletes"]
    editors = Group.objects.get(name=CONTENT_EDITORS)
    codenames = set(editors.permissions.values_list("codename", flat=True))
    assert {"add_assessmenttest", "change_assessmenttest", "view_assessmenttest"} <= codenames
    assert "delete_assessmenttest" not in codenames
    assert not {c for c in codenames if c.endswith(("_athlete", "_strengthassessment"))}


def test_plausible_max_falls_back_to_the_unit(heel_raise):
    assert heel_raise.plausible_max == Decimal(150)
    heel_raise.max_value = None
    assert heel_raise.plausible_max == Decimal(300)


def test_database_refuses_negative_values(athlete, heel_raise):
    with pytest.raises(IntegrityError), transaction.atomic():
        StrengthAssessment.objects.create(
            athlete=athlete, test=heel_raise, date=date(2026, 1, 5), left_value=-1, right_value=3
        )


def test_database_refuses_two_results_for_one_test_and_day(athlete, heel_raise, record):
    first = record(athlete, heel_raise, 10, 12)
    with pytest.raises(IntegrityError), transaction.atomic():
        StrengthAssessment.objects.create(
            athlete=athlete, test=heel_raise, date=first.date, left_value=11, right_value=12
        )


def test_the_service_turns_a_second_result_for_one_test_and_day_into_its_exception(
    athlete, heel_raise, record
):
    from athletes.services import DuplicateAssessment

    record(athlete, heel_raise, 10, 12)
    with pytest.raises(DuplicateAssessment):
        record(athlete, heel_raise, 11, 12)
    assert StrengthAssessment.objects.filter(athlete=athlete).count() == 1


def test_database_refuses_thresholds_out_of_range(heel_raise):
    heel_raise.lsi_threshold = 101
    with pytest.raises(IntegrityError), transaction.atomic():
        heel_raise.save()


def test_history_is_protected(athlete, heel_raise, record):
    record(athlete, heel_raise, 10, 12)
    with pytest.raises(ProtectedError):
        heel_raise.delete()
    with pytest.raises(ProtectedError):
        athlete.delete()


def test_assessment_querysets_are_scoped(athlete, other_athlete, heel_raise, record):
    mine = record(athlete, heel_raise, 10, 12)
    theirs = record(other_athlete, heel_raise, 10, 12)
    assert list(StrengthAssessment.objects.for_coach(athlete.coach)) == [mine]
    assert list(StrengthAssessment.objects.for_athlete(athlete.user)) == [mine]
    assert list(StrengthAssessment.objects.for_athlete(other_athlete.user)) == [theirs]
    assert list(StrengthAssessment.objects.for_athlete(athlete.coach)) == []


def test_athlete_search_by_name(coach):
    factories.athlete(coach=coach, name="Ana Ruiz")
    factories.athlete(coach=coach, name="Marco Bellini")
    assert [a.name for a in Athlete.objects.search("ANA")] == ["Ana Ruiz"]
    assert Athlete.objects.search("  ").count() == 2


def test_symmetry_of_an_assessment_uses_its_test(athlete, timed_hop, record):
    assessment = record(athlete, timed_hop, "2.50", "2.00")
    assert assessment.symmetry.sentence == "Left 20 % weaker"
    within = record(athlete, timed_hop, "2.50", "2.25", days_ago=3)  # 10 LSI points: noise
    assert within.symmetry.sentence == "Left 10 % weaker: within measurement noise"
