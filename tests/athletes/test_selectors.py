import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from athletes.models import AssessmentTest
from athletes.selectors import assessment_overview, latest_results_for, lsi_flag
from tests import factories

pytestmark = pytest.mark.django_db


def test_latest_result_per_athlete_and_test(athlete, other_athlete, heel_raise, timed_hop, record):
    record(athlete, heel_raise, 20, 30, days_ago=30)
    newest = record(athlete, heel_raise, 28, 30, days_ago=2)
    hop = record(athlete, timed_hop, "2.4", "2.4", days_ago=10)
    theirs = record(other_athlete, heel_raise, 30, 30, days_ago=5)

    results = latest_results_for([athlete, other_athlete])

    assert [r.assessment for r in results[athlete.pk]] == [hop, newest]  # catalogue order
    assert [r.assessment for r in results[other_athlete.pk]] == [theirs]
    assert results[athlete.pk][1].symmetry.sentence == "Left 7 % weaker: within measurement noise"


def test_athletes_without_results_and_ids_are_accepted(athlete):
    assert latest_results_for([athlete.pk]) == {athlete.pk: []}
    assert latest_results_for([]) == {}


def test_lsi_flag_picks_the_worst_flagged_result(athlete, heel_raise, timed_hop, record):
    record(athlete, heel_raise, 20, 30)  # 67 %
    record(athlete, timed_hop, "2.5", "2.25")  # 90 %: not flagged
    results = latest_results_for([athlete])[athlete.pk]
    assert lsi_flag(results).test == heel_raise
    assert lsi_flag([r for r in results if r.test == timed_hop]) is None


def test_latest_results_is_one_query_for_many_athletes(coach, heel_raise, record):
    tests = list(AssessmentTest.objects.all())
    athletes = [factories.athlete(coach=coach, name=f"Runner {i}") for i in range(20)]
    for i, athlete in enumerate(athletes):
        for days in (1, 8):
            record(athlete, tests[i % len(tests)], 10 + i, 12, days_ago=days)
    with CaptureQueriesContext(connection) as queries:
        results = latest_results_for(athletes)
    assert len(queries) == 1
    assert all(len(results[a.pk]) == 1 for a in athletes)


def test_overview_groups_history_by_test_with_charts(athlete, heel_raise, record):
    record(athlete, heel_raise, 20, 30, days_ago=20)
    record(athlete, heel_raise, 27, 30, days_ago=1)
    with CaptureQueriesContext(connection) as queries:
        overview = assessment_overview(athlete)
    assert len(queries) == 3  # results, their corrections, body masses
    [item] = overview.tests
    assert item.previous.symmetry.lsi == 67 and item.latest.symmetry.lsi == 90
    assert [s.name for s in item.values_chart.series] == ["Left leg", "Right leg"]
    assert len(item.lsi_chart.series[0].points) == 2
    assert item.lsi_chart.band is not None
    assert overview.flag is None
