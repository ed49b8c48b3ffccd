"""The one scoping mechanism behind every read of athlete data."""

import pytest
from django.contrib.auth.models import AnonymousUser

from athletes.models import Athlete, AthleteInvite, StrengthAssessment
from coaching.models import Assignment, SessionEntry, TrainingSession
from tests import factories

PATHS = {
    Athlete: "",
    StrengthAssessment: "athlete__",
    AthleteInvite: "athlete__",
    Assignment: "athlete__",
    TrainingSession: "athlete__",
    SessionEntry: "session__athlete__",
}


@pytest.mark.parametrize("model", list(PATHS))
def test_each_model_scopes_through_its_athlete(model, db):
    coach, athlete_user = factories.user("coach-scope"), factories.user("athlete-scope")
    path = PATHS[model]

    def sql(queryset):
        return str(queryset.query)

    assert sql(model.objects.for_coach(coach)) == sql(
        model.objects.filter(**{f"{path}coach": coach})
    )
    assert sql(model.objects.for_athlete(athlete_user)) == sql(
        model.objects.filter(**{f"{path}user": athlete_user})
    )


@pytest.mark.parametrize("model", list(PATHS))
def test_anonymous_reaches_nothing(model, db):
    assert not model.objects.for_coach(AnonymousUser()).exists()
    assert not model.objects.for_athlete(AnonymousUser()).exists()
