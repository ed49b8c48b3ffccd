"""The coach's dashboard: roster facts, filters, sorting, fragments, queries."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from athletes.models import AssessmentTest, StrengthAssessment
from coaching import dashboard, roster
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


def dashboard_queries(client, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("coaching:dashboard"), params).status_code == 200
    return len(queries)


def test_query_count_is_the_same_for_1_and_200_athletes(client):
    coach = factories.coach()
    exercise = factories.exercise()
    client.force_login(coach)
    make_team(coach, exercise, 1)
    squad = factories.group(coach=coach, members=coach.athletes.all())
    searched = {"q": "runner", "group": squad.pk, "sort": "pain", "page": 2}
    one, one_searched = dashboard_queries(client), dashboard_queries(client, **searched)
    make_team(coach, exercise, 199, start=1)
    squad.members.add(*coach.athletes.all())
    assert len(roster.roster(coach)) == 200
    assert dashboard_queries(client) == one
    assert dashboard_queries(client, **searched) == one_searched


def test_home_sends_the_coach_to_the_dashboard(client):
    client.force_login(factories.coach())
    assert client.get("/")["Location"] == reverse("coaching:dashboard")


@pytest.mark.parametrize(
    ("sort", "order", "names"),
    [
        ("name", "desc", ["Rita", "Pablo", "Nora", "Luis"]),
        ("adherence", "desc", ["Pablo", "Rita", "Luis", "Nora"]),  # ties by name; none due: last
        ("last_session", "desc", ["Rita", "Pablo", "Luis", "Nora"]),
        ("pain", "desc", ["Pablo", "Luis", "Nora", "Rita"]),  # ties keep name order
        ("pain", "asc", ["Luis", "Nora", "Rita", "Pablo"]),
        ("lsi", "asc", ["Rita", "Luis", "Nora", "Pablo"]),  # no LSI: last
        ("lsi", "desc", ["Rita", "Luis", "Nora", "Pablo"]),
    ],
)
def test_every_column_sorts_both_ways(team, sort, order, names):
    client, coach = team
    _heel_raise(get_rows(coach)["Rita"].athlete, left=20, right=30)
    html = client.get(reverse("coaching:dashboard"), {"sort": sort, "order": order}).content
    positions = [html.decode().index(f">{name}</a>") for name in names]
    assert positions == sorted(positions)


def test_the_sorted_column_links_to_the_other_direction(team):
    client, _ = team
    html = client.get(reverse("coaching:dashboard"), {"sort": "pain"}).content.decode()
    assert 'aria-sort="descending"' in html  # pain: the most first
    assert 'id="sort-pain" class="sort-link" href="?sort=pain&amp;order=asc"' in html
    assert 'id="sort-adherence" class="sort-link" href="?sort=adherence"' in html


@pytest.mark.parametrize("htmx", [False, True])
def test_search_and_group_filter_and_their_counts(team, htmx):
    client, coach = team
    rows = get_rows(coach)
    squad = factories.group(coach=coach, members=[rows["Pablo"].athlete, rows["Luis"].athlete])
    headers = HTMX if htmx else {}
    url = reverse("coaching:dashboard")

    html = client.get(url, {"group": squad.pk, "show": "attention"}, **headers).content.decode()
    assert ">Pablo</a>" in html and ">Luis</a>" in html and ">Rita</a>" not in html
    assert "2 athletes in Tuesday club" in html
    assert 'aria-current="page">Needs attention <span class="count">2</span>' in html
    assert ("<h1>" in html) is not htmx
    searched = client.get(url, {"q": "  pab ", "group": squad.pk}, **headers).content.decode()
    assert ">Pablo</a>" in searched and ">Luis</a>" not in searched
    assert 'value="pab"' in searched
    # Links keep the search and the group: every state is a bookmark.
    assert f'href="?q=pab&amp;group={squad.pk}&amp;show=ready"' in searched
    nobody = client.get(url, {"q": "zz"}).content.decode()
    assert "Nobody matches “zz”." in nobody


def test_another_coachs_group_filters_nothing(team):
    client, _ = team
    theirs = factories.group(coach=factories.coach("dora"), name="Theirs")
    html = client.get(reverse("coaching:dashboard"), {"group": theirs.pk}).content.decode()
    assert html.count('class="athlete-link"') == 4


def test_pages_send_only_their_rows(client):
    coach = factories.coach()
    for i in range(dashboard.PAGE_SIZE + 3):
        factories.athlete(coach=coach, name=f"Runner {i:03}")
    client.force_login(coach)
    url = reverse("coaching:dashboard")

    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2, "sort": "name", "order": "desc"}, **HTMX).content.decode()

    assert first.count('class="athlete-link"') == dashboard.PAGE_SIZE
    assert 'href="?page=2"' in first and "page 1 of 2" in first
    assert second.count('class="athlete-link"') == 3
    assert ">Runner 002</a>" in second  # the last three by name, descending
    assert client.get(url, {"page": "999"}).status_code == 200  # the last page


def test_ready_to_advance_says_why_on_the_row(team):
    client, _ = team
    html = client.get(reverse("coaching:dashboard"), {"show": "ready"}).content.decode()
    ready = '<span class="badge badge-ok">Ready to advance</span> Test Deadlift: 2 of 2 planned'
    assert ready in html


def test_coming_back_from_an_athlete_keeps_the_query(team):
    client, coach = team
    client.get(reverse("coaching:dashboard"), {"sort": "pain", "q": "a"})
    rita = get_rows(coach)["Rita"].athlete
    html = client.get(reverse("coaching:athlete_training", args=[rita.pk])).content.decode()
    assert f'href="{reverse("coaching:dashboard")}?q=a&amp;sort=pain">← Dashboard' in html


def _heel_raise(athlete, *, left, right):
    test = AssessmentTest.objects.first()
    StrengthAssessment.objects.create(
        athlete=athlete, test=test, date=days_ago(1), left_value=Decimal(left),
        right_value=Decimal(right),
    )  # fmt: skip
