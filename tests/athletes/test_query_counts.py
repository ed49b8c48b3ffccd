"""List pages run the same number of queries for 1 and for 50 rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from athletes.models import AssessmentTest, Athlete
from tests import factories

pytestmark = pytest.mark.django_db


def count_queries(client, url, headers=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers or {})
    assert response.status_code == 200
    return len(queries)


def add_athletes(coach, record, n, *, archived=False):
    tests = list(AssessmentTest.objects.all())
    athletes = []
    for i in range(n):
        athlete = factories.athlete(coach=coach, name=f"Runner {i:02}")
        for j, test in enumerate(tests[: 1 + i % 3]):
            record(athlete, test, 10 + j, 12 + i % 5, days_ago=i + j)
        if archived:  # after the history: an archived athlete takes no new results
            Athlete.objects.filter(pk=athlete.pk).update(archived_at=timezone.now())
        athletes.append(athlete)
    return athletes


def add_history(athlete, record, n, *, start=0):
    tests = list(AssessmentTest.objects.all())
    for i in range(start, start + n):
        record(athlete, tests[i % len(tests)], 10 + i % 7, 12, days_ago=i)


@pytest.mark.parametrize("htmx", [False, True])
def test_roster(client, coach, record, htmx):
    client.force_login(coach)
    headers = {"HX-Request": "true"} if htmx else None
    add_athletes(coach, record, 1)
    one = count_queries(client, reverse("athletes:roster"), headers)
    add_athletes(coach, record, 49)
    many = count_queries(client, reverse("athletes:roster"), headers)
    assert one == many
    # session, user, groups, athlete link, athletes, latest results, archived
    # count, weight unit
    assert many <= 8


def test_archived_list(client, coach, record):
    client.force_login(coach)
    add_athletes(coach, record, 1, archived=True)
    one = count_queries(client, reverse("athletes:archived"))
    add_athletes(coach, record, 49, archived=True)
    assert count_queries(client, reverse("athletes:archived")) == one


def test_athlete_detail(client, coach, athlete, record):
    client.force_login(coach)
    add_history(athlete, record, 1)
    one = count_queries(client, athlete.get_absolute_url())
    add_history(athlete, record, 49, start=1)  # 50 assessments across all six tests
    many = count_queries(client, athlete.get_absolute_url())
    assert many == one


def test_my_results(client, athlete, record):
    client.force_login(athlete.user)
    add_history(athlete, record, 1)
    one = count_queries(client, reverse("athletes:my_results"))
    add_history(athlete, record, 49, start=1)
    assert count_queries(client, reverse("athletes:my_results")) == one
