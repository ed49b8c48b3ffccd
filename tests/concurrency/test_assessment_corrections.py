"""Correcting and deleting results at the same moment (issue 11): the athlete
row first, then the result, so no deadlock; a correction names the revision
it was made from, so no lost update: the second of two edits made from the
same revision is refused (StaleResult) instead of silently overwriting."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection

from athletes import services
from athletes.models import AssessmentChange, StrengthAssessment
from tests import factories
from tests.concurrency.world import _assessment_test, run_at_once

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency: PostgreSQL only"),
    pytest.mark.django_db(transaction=True),
]

DAY = datetime.date(2026, 3, 2)


@pytest.fixture
def result():
    coach = factories.coach()
    athlete = factories.athlete(coach=coach)
    return services.record_assessment(
        athlete=athlete, test=_assessment_test(), date=DAY, left_value=Decimal(13),
        right_value=Decimal(140), by=coach,
    )  # fmt: skip


def corrects(result, left, **extra):
    fields = {"date": result.date, "right_value": result.right_value, "notes": ""}
    return lambda: services.correct_assessment(
        assessment=result, revision=1, left_value=Decimal(left), reason=f"to {left}", by=None,
        **{**fields, **extra},
    )  # fmt: skip


def deletes(result):
    return lambda: services.delete_assessment(assessment=result, revision=1, reason="gone", by=None)


def test_two_corrections_at_once_lose_nothing(result):
    outcomes = run_at_once(corrects(result, 131), corrects(result, 130))

    assert sorted(type(o).__name__ for o in outcomes) == ["NoneType", "StaleResult"], outcomes
    result.refresh_from_db()
    [change] = AssessmentChange.objects.filter(assessment=result)
    # The one that won is the value kept, and its history says where it came from.
    assert change.before["left"] == "13" and Decimal(change.after["left"]) == result.left_value
    assert result.revision == 2


def test_a_correction_and_a_deletion_at_once(result):
    outcomes = run_at_once(corrects(result, 131), deletes(result))

    assert sorted(type(o).__name__ for o in outcomes) == ["NoneType", "StaleResult"], outcomes
    result.refresh_from_db()
    assert AssessmentChange.objects.filter(assessment=result).count() == 1
    assert result.revision == 2


def test_moving_a_result_onto_a_day_being_recorded_keeps_one_per_day(result):
    other_day = DAY + datetime.timedelta(days=1)
    record = lambda: services.record_assessment(  # noqa: E731
        athlete=result.athlete, test=result.test, date=other_day, left_value=Decimal(1),
        right_value=Decimal(2), by=None,
    )  # fmt: skip
    outcomes = run_at_once(corrects(result, 131, date=other_day), record)

    assert sorted(type(o).__name__ for o in outcomes) == ["DuplicateAssessment", "NoneType"]
    on_day = StrengthAssessment.objects.current().filter(date=other_day, test=result.test)
    assert on_day.count() == 1
