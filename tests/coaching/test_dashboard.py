"""The coach's dashboard: roster facts, filters, sorting, fragments, queries."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from athletes.models import AssessmentTest, StrengthAssessment
from coaching import roster
from tests import factories

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
TODAY = timezone.localdate()


def days_ago(n: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=n)


@pytest.fixture
def team(client):
    """Ready Rita (qualified twice), Pained Pablo (pain 6), Lazy Luis (1 of 4),
    and Nobody Nora (no assignment)."""
    coach = factories.coach()
    exercise = factories.exercise()
    rita = factories.assignment(factories.athlete(coach=coach, name="Rita"), exercise)
    factories.done(rita, days_ago(5))
    factories.done(rita, days_ago(2))
    pablo = factories.assignment(factories.athlete(coach=coach, name="Pablo"), exercise)
    factories.done(pablo, days_ago(3), pain=6)
    luis = factories.assignment(factories.athlete(coach=coach, name="Luis"), exercise)
    factories.done(luis, days_ago(20), left=8, right=8, pain=0)
    for n in (15, 10, 4):
        factories.done(luis, days_ago(n), completed=False)
    factories.athlete(coach=coach, name="Nora")
    client.force_login(coach)
    return client, coach


def get_rows(coach):
    return {row.athlete.name: row for row in roster.roster(coach)}


def test_roster_facts(team):
    _, coach = team
    rows = get_rows(coach)
    assert rows["Rita"].ready and not rows["Rita"].needs_attention
    assert (rows["Rita"].completed, rows["Rita"].planned, rows["Rita"].adherence_pct) == (2, 2, 100)
    assert rows["Rita"].last_session == days_ago(2)
    assert rows["Pablo"].max_pain == 6
    assert rows["Pablo"].reasons == ["Pain 6/10 in the last 2 weeks", "Consider regressing"]
    assert (rows["Luis"].completed, rows["Luis"].planned) == (1, 4)
    assert rows["Luis"].reasons == ["Low adherence (25 %)"]
    assert rows["Nora"].statuses == [] and rows["Nora"].adherence_pct is None


def test_todays_unfinished_session_is_not_yet_missed(team):
    _, coach = team
    rita = get_rows(coach)["Rita"]
    factories.done(rita.statuses[0].assignment, TODAY, completed=False)
    assert get_rows(coach)["Rita"].planned == 2


def test_old_pain_and_sessions_outside_four_weeks_do_not_count(client):
    coach = factories.coach()
    made = factories.assignment(factories.athlete(coach=coach), factories.exercise())
    factories.done(made, days_ago(30), pain=8)
    factories.done(made, days_ago(15), pain=5)
    row = get_rows(coach)["Ana Ruiz"]
    assert row.max_pain is None  # 8 was 30 days ago; 15 days is outside 2 weeks
    assert (row.completed, row.planned) == (1, 1)


def test_full_page(team):
    client, _ = team
    response = client.get(reverse("coaching:dashboard"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Dashboard</h1>" in html
    assert "2 / 2 · 100 %" in html and "1 / 4 · 25 %" in html
    assert "Ready to advance" in html and "Consider regressing" in html
    assert "Pain 6/10" in html
    assert "Assign an exercise" in html  # Nora
    assert 'aria-current="page">All <span class="count">4</span>' in html
    assert "HX-Request" in response["Vary"]


def test_filters_and_fragment(team):
    client, _ = team
    url = reverse("coaching:dashboard")
    response = client.get(url, {"show": "ready"}, **HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="roster"')
    assert "<h1>" not in html
    assert ">Rita</a>" in html and ">Pablo</a>" not in html
    attention = client.get(url, {"show": "attention"}).content.decode()
    assert ">Pablo</a>" in attention and ">Luis</a>" in attention and ">Rita</a>" not in attention
    # Links keep the other parameter, so the URL is a bookmark.
    assert (
        'href="?show=attention&amp;sort=adherence"'
        in client.get(url, {"sort": "adherence"}).content.decode()
    )


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("name", ["Luis", "Nora", "Pablo", "Rita"]),
        ("adherence", ["Luis", "Pablo", "Rita", "Nora"]),
        ("last_session", ["Nora", "Luis", "Pablo", "Rita"]),
        ("nonsense", ["Luis", "Nora", "Pablo", "Rita"]),
    ],
)
def test_sorting(team, sort, order):
    client, _ = team
    html = client.get(reverse("coaching:dashboard"), {"sort": sort}).content.decode()
    positions = [html.index(f">{name}</a>") for name in order]
    assert positions == sorted(positions)


def test_unknown_filter_falls_back_to_all(team):
    client, _ = team
    html = client.get(reverse("coaching:dashboard"), {"show": "<script>"}).content.decode()
    assert html.count('class="athlete-link"') == 4
    assert "<script>" not in html.split("<main", 1)[1]


def test_empty_states(client):
    coach = factories.coach()
    client.force_login(coach)
    assert "No athletes yet" in client.get(reverse("coaching:dashboard")).content.decode()
    factories.athlete(coach=coach)
    html = client.get(reverse("coaching:dashboard"), {"show": "ready"}).content.decode()
    assert "Nobody is ready to advance right now." in html


def test_lsi_flag_is_shown(team):
    client, coach = team
    test = AssessmentTest.objects.first() or AssessmentTest.objects.create(
        name="Single-leg heel raise",
        slug="heel-raise",
        short_name="heel raise",
        unit="reps",
        instructions="Up and down.",
    )
    rita = get_rows(coach)["Rita"].athlete
    StrengthAssessment.objects.create(
        athlete=rita, test=test, date=days_ago(1), left_value=Decimal(20), right_value=Decimal(30)
    )
    row = get_rows(coach)["Rita"]
    assert row.lsi is not None and row.needs_attention
    html = client.get(reverse("coaching:dashboard")).content.decode()
    assert "LSI 67 %" in html and "Left 33 % weaker" in html


def make_team(coach, exercise, count: int, start: int = 0):
    for i in range(start, start + count):
        made = factories.assignment(factories.athlete(coach=coach, name=f"Runner {i:03}"), exercise)
        factories.done(made, days_ago(3), pain=i % 8)
        factories.done(made, days_ago(1))


def dashboard_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("coaching:dashboard")).status_code == 200
    return len(queries)


def test_query_count_is_the_same_for_1_and_100_athletes(client):
    coach = factories.coach()
    exercise = factories.exercise()
    client.force_login(coach)
    make_team(coach, exercise, 1)
    one = dashboard_queries(client)
    make_team(coach, exercise, 99, start=1)
    assert len(roster.roster(coach)) == 100
    assert dashboard_queries(client) == one


def test_home_sends_the_coach_to_the_dashboard(client):
    client.force_login(factories.coach())
    assert client.get("/")["Location"] == reverse("coaching:dashboard")
