"""The private calendar feeds: the athlete's and the coach's, the secret token
(hashed, replaceable), UIDs that stay and SEQUENCEs that move on."""

import datetime
import time

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from coaching.calendar_feed import new_calendar_link, token_hash
from coaching.models import CalendarFeed
from coaching.services.assignments import change_level
from exercises.models import Exercise
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def deadlift():
    return Exercise.objects.get(slug="single-leg-deadlift")


@pytest.fixture
def carmen():
    return factories.coach("carmen")


@pytest.fixture
def ana(carmen, deadlift):
    athlete = factories.athlete(coach=carmen, user=factories.user("ana"))
    factories.planned_today(athlete, deadlift, today=timezone.localdate(), level=2)
    return athlete


def feed_url(token):
    return reverse("coaching:calendar_feed", args=[token])


def events(client, token):
    response = client.get(feed_url(token))
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return {str(e["uid"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}


def test_the_athletes_feed_has_todays_session_with_what_to_do(client, ana):
    [event] = events(client, new_calendar_link(user=ana.user)).values()
    session = ana.sessions.get()
    assert event.decoded("dtstart") == session.date  # all day
    assert str(event["summary"]) == "Strength: Single Leg Deadlift L2"
    assert "Single Leg Deadlift level 2: 3 × 8 each leg" in str(event["description"])
    week = reverse("coaching:week_of", args=[session.date.isoformat()])
    assert str(event["url"]).endswith(week)


def test_only_the_hash_of_the_token_is_kept(ana):
    token = new_calendar_link(user=ana.user)
    stored = CalendarFeed.objects.get(user=ana.user)
    assert stored.token_hash == token_hash(token) and token not in stored.token_hash


def test_a_new_link_stops_the_old_one_at_once(client, ana):
    old = new_calendar_link(user=ana.user)
    new = new_calendar_link(user=ana.user)
    assert client.get(feed_url(old)).status_code == 404
    assert events(client, new)


@pytest.mark.parametrize("token", ["", "x", "A" * 43])
def test_a_wrong_token_is_a_404(client, ana, token):
    new_calendar_link(user=ana.user)
    assert client.get(f"/calendar/{token}.ics").status_code == 404


def test_an_archived_athletes_feed_stops(client, ana):
    token = new_calendar_link(user=ana.user)
    type(ana).objects.filter(pk=ana.pk).update(archived_at=timezone.now())
    assert client.get(feed_url(token)).status_code == 404


def test_same_uid_and_a_higher_sequence_after_a_level_change(client, ana, carmen, deadlift):
    token = new_calendar_link(user=ana.user)
    [(uid, before)] = events(client, token).items()
    assignment = ana.assignments.get()
    time.sleep(0.15)  # SEQUENCE counts tenths of a second
    change_level(assignment=assignment, to_level=deadlift.levels.get(order=3), by=carmen,
                 reason="Ready.")  # fmt: skip
    after = events(client, token)[uid]
    assert int(after["sequence"]) > int(before["sequence"])
    assert "level 3" in str(after["description"])


def test_the_coach_feed_has_every_active_athletes_sessions(client, ana, carmen, deadlift):
    bea = factories.athlete(coach=carmen, name="Bea Soto", user=factories.user("bea"))
    factories.planned_today(bea, deadlift, today=timezone.localdate())
    gone = factories.athlete(coach=carmen, name="Gone", user=factories.user("gone"))
    factories.planned_today(gone, deadlift, today=timezone.localdate())
    type(gone).objects.filter(pk=gone.pk).update(archived_at=timezone.now())
    other = factories.athlete(coach=factories.coach("other"), name="Not Hers")
    factories.planned_today(other, deadlift, today=timezone.localdate())
    feed = events(client, new_calendar_link(user=carmen)).values()
    summaries = sorted(str(event["summary"]) for event in feed)
    assert summaries == ["Ana Ruiz: Single Leg Deadlift L2", "Bea Soto: Single Leg Deadlift L1"]


def test_a_feed_reads_in_the_same_number_of_queries_for_one_and_many_sessions(
    client, ana, carmen, deadlift, django_assert_num_queries
):
    token = new_calendar_link(user=carmen)
    # The feed with its user, their athlete record, their permissions (user,
    # groups, and the athlete check of athletes/auth.py), sessions, entries.
    with django_assert_num_queries(7):
        assert len(events(client, token)) == 1
    for n in range(6):
        runner = factories.athlete(coach=carmen, name=f"R{n}")
        factories.planned_today(runner, deadlift, today=timezone.localdate())
        factories.done(factories.assignment(runner, factories.exercise(f"X{n}")),
                       timezone.localdate() - datetime.timedelta(days=3))  # fmt: skip
    with django_assert_num_queries(7):
        assert len(events(client, token)) == 13


# -- The page where the link is made --------------------------------------------------


def test_the_link_is_shown_once_on_the_page_that_made_it(client, ana):
    client.force_login(ana.user)
    page = client.get(reverse("coaching:calendar"))
    assert b"Make my calendar link" in page.content
    made = client.post(reverse("coaching:calendar"))
    url = made.context["url"]
    assert url.encode() in made.content
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert CalendarFeed.objects.get(user=ana.user).token_hash == token_hash(token)
    again = client.get(reverse("coaching:calendar"))
    assert url.encode() not in again.content and b"Make a new link" in again.content


def test_the_week_links_to_the_calendar_page(client, ana):
    client.force_login(ana.user)
    assert reverse("coaching:calendar").encode() in client.get(reverse("coaching:week")).content
