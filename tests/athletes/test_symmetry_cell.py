"""The dashboard's symmetry cell (issue 11): the latest LSI of every athlete,
not only flags; flags only from the last 90 days; "unable" raises a flag;
the coach lands on the athlete page from the dashboard, as from the list."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from athletes.models import AssessmentTest
from athletes.selectors import latest_symmetry, symmetry_headline
from coaching import roster
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def hop(db):
    return AssessmentTest.objects.get(slug="single-leg-hop-distance")


def row_for(coach, athlete) -> roster.DashboardRow:
    return next(r for r in roster.roster(coach) if r.athlete == athlete)


def dashboard_html(client, coach) -> str:
    client.force_login(coach)
    response = client.get(reverse("coaching:dashboard"), {"show": "all", "sort": "name"})
    return response.content.decode()


@pytest.mark.parametrize(
    ("left", "right", "days_ago", "cell", "attention"),
    [
        (140, 140, 3, "LSI 100 %", False),  # even: shown, not only flags
        (131, 140, 3, "Left 6 % weaker: within measurement noise", False),
        (100, 140, 3, "Left 29 % weaker", True),
        (None, 140, 3, "Left: unable", True),  # unable keeps a flag
        (100, 140, 150, "Last tested 5 months ago: retest", False),  # too old to flag
        (100, 140, 400, "Last tested 13 months ago: retest", False),
    ],
)
def test_cell_and_flag(client, coach, athlete, hop, record, left, right, days_ago, cell, attention):
    record(athlete, hop, left, right, days_ago=days_ago)
    row = row_for(coach, athlete)
    assert row.needs_attention is attention
    assert cell in dashboard_html(client, coach)


def test_no_result_says_so_and_the_name_opens_the_athlete_page(client, coach, athlete):
    html = dashboard_html(client, coach)
    assert "Not tested yet" in html
    assert f'class="athlete-link" href="{athlete.get_absolute_url()}"' in html


def test_the_least_even_recent_test_speaks_for_the_athlete(coach, athlete, hop, heel_raise, record):
    record(athlete, hop, 138, 140)  # 99 %
    record(athlete, heel_raise, 24, 30, days_ago=200)  # old
    [heel, hops] = sorted(latest_symmetry(athlete), key=lambda r: r.test.slug)
    assert symmetry_headline([heel, hops]) == hops
    assert row_for(coach, athlete).standing.lsi == 99


def test_a_newer_unable_never_clears_an_older_flag(coach, athlete, hop, record):
    record(athlete, hop, 90, 140, days_ago=20)
    record(athlete, hop, None, None)
    headline = symmetry_headline(latest_symmetry(athlete))
    assert headline.flagged and headline.symmetry.sentence == "Both legs: unable"


def test_dashboard_queries_stay_constant_with_results(client, coach, hop, record):
    first = factories.athlete(coach=coach, name="Runner 0")
    record(first, hop, 100, 140)
    client.force_login(coach)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("coaching:dashboard"))
    for i in range(1, 30):
        record(factories.athlete(coach=coach, name=f"Runner {i}"), hop, 100 + i, 140)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("coaching:dashboard"))
    assert len(many) == len(one)
