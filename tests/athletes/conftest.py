from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from athletes.auth import COACHES, CONTENT_EDITORS
from athletes.models import AssessmentTest, Athlete


@pytest.fixture
def coach(make_user):
    return make_user("coach_a", groups=[COACHES], first_name="Carmen")


@pytest.fixture
def other_coach(make_user):
    return make_user("coach_b", groups=[COACHES])


@pytest.fixture
def editor(make_user):
    return make_user("editor", groups=[CONTENT_EDITORS], is_staff=True)


@pytest.fixture
def athlete(coach, make_user):
    """Athlete A: coached by `coach`, with a login."""
    return Athlete.objects.create(coach=coach, name="Ana Ruiz", user=make_user("ana"))


@pytest.fixture
def other_athlete(other_coach, make_user):
    """Athlete B: coached by `other_coach`, with a login."""
    return Athlete.objects.create(coach=other_coach, name="Bea Soto", user=make_user("bea"))


@pytest.fixture
def heel_raise(db):
    return AssessmentTest.objects.get(slug="single-leg-heel-raise")


@pytest.fixture
def timed_hop(db):
    return AssessmentTest.objects.get(slug="single-leg-timed-hop")


@pytest.fixture
def record(coach):
    """record(athlete, test, left, right, days_ago=0) -> StrengthAssessment,
    through the service the app writes with (it also moves the athlete's
    cached pages on)."""
    from athletes.services import record_assessment

    def make(athlete, test, left, right, *, days_ago=0):
        return record_assessment(
            athlete=athlete,
            test=test,
            date=timezone.localdate() - timedelta(days=days_ago),
            left_value=Decimal(str(left)),
            right_value=Decimal(str(right)),
            by=coach,
        )

    return make
