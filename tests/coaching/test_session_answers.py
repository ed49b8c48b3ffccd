"""Once per session (issue 10): the effort (RPE) and, the day after, how it
feels in the morning; pain says where. Services, views (htmx and without
JavaScript) and what the coach then reads in the evidence."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from coaching import roster
from coaching.models import SessionEntry, TrainingSession
from coaching.services import sessions as service
from coaching.services.sessions import plan_sessions
from tests import factories

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
TODAY = timezone.localdate()
YESTERDAY = TODAY - datetime.timedelta(days=1)


@pytest.fixture
def ana(client):
    coach = factories.coach()
    athlete = factories.athlete(coach=coach, user=factories.user("ana"))
    assignment = factories.assignment(
        athlete, factories.exercise(), sessions_per_week=7, start_date=YESTERDAY
    )
    plan_sessions(athlete=athlete, start=YESTERDAY, end=TODAY)
    client.force_login(athlete.user)
    return athlete, assignment


def entry_on(assignment, day):
    return SessionEntry.objects.select_related("session").get(
        assignment=assignment, session__date=day
    )


def test_effort_is_asked_once_the_session_has_something_done(client, ana):
    _, assignment = ana
    url = reverse("coaching:session_effort", args=[entry_on(assignment, TODAY).session_id])
    assert url not in client.get(reverse("coaching:week")).content.decode()
    service.check_off_as_prescribed(entry=entry_on(assignment, TODAY))
    html = client.get(reverse("coaching:week")).content.decode()
    assert "How hard was the session overall?" in html and url in html
    assert "Effort, RPE" not in html  # not inside each exercise any more


def test_effort_one_tap_htmx_and_without_js(client, ana):
    _, assignment = ana
    today = entry_on(assignment, TODAY)
    service.check_off_as_prescribed(entry=today)
    url = reverse("coaching:session_effort", args=[today.session_id])
    response = client.post(url, {"rpe": 7}, **HTMX)
    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith('<section class="session')
    assert TrainingSession.objects.get(pk=today.session_id).rpe == 7
    response = client.post(url, {"rpe": 6})
    assert response.status_code == 302
    assert TrainingSession.objects.get(pk=today.session_id).rpe == 6


@pytest.mark.parametrize("rpe", ["", "0", "11", "x"])
def test_bad_effort_changes_nothing(client, ana, rpe):
    _, assignment = ana
    today = entry_on(assignment, TODAY)
    service.check_off_as_prescribed(entry=today)
    url = reverse("coaching:session_effort", args=[today.session_id])
    response = client.post(url, {"rpe": rpe}, **HTMX)
    assert response.status_code == 400
    assert TrainingSession.objects.get(pk=today.session_id).rpe is None


def test_effort_for_a_session_with_nothing_done_is_refused(client, ana):
    _, assignment = ana
    url = reverse("coaching:session_effort", args=[entry_on(assignment, TODAY).session_id])
    response = client.post(url, {"rpe": 5}, **HTMX)
    assert response.status_code == 409
    assert "Check off an exercise" in response.content.decode()


def test_next_morning_is_asked_the_day_after_once(client, ana):
    _, assignment = ana
    yesterday = entry_on(assignment, YESTERDAY)
    service.check_off_as_prescribed(entry=yesterday)
    html = client.get(reverse("coaching:week")).content.decode()
    assert "How does it feel this morning?" in html
    url = reverse("coaching:next_morning", args=[yesterday.session_id])
    # The reminder's link: a page with the question.
    assert "How does it feel this morning?" in client.get(url).content.decode()
    response = client.post(url, {"pain": 2}, **HTMX)
    assert response.status_code == 200
    assert "The morning after: pain 2/10." in response.content.decode()
    html = client.get(reverse("coaching:week")).content.decode()
    assert "How does it feel this morning?" not in html  # asked once


def test_next_morning_pain_reaches_the_coachs_evidence(client, ana):
    _, assignment = ana
    yesterday = entry_on(assignment, YESTERDAY)
    service.check_off_as_prescribed(entry=yesterday)
    client.post(reverse("coaching:next_morning", args=[yesterday.session_id]), {"pain": 7})
    result = roster.status_of(assignment).readiness
    assert result.verdict == "regress"
    assert "Next-morning pain 7/10" in " ".join(result.evidence)


def test_next_morning_not_on_the_day_itself(client, ana):
    _, assignment = ana
    today = entry_on(assignment, TODAY)
    service.check_off_as_prescribed(entry=today)
    url = reverse("coaching:next_morning", args=[today.session_id])
    assert client.post(url, {"pain": 1}, **HTMX).status_code == 409
    assert TrainingSession.objects.get(pk=today.session_id).next_morning_pain is None


def test_pain_says_where(client, ana):
    _, assignment = ana
    today = entry_on(assignment, TODAY)
    prefix = f"entry-{today.pk}-"
    data = {prefix + "reps_left": 8, prefix + "reps_right": 8, prefix + "pain": 4}
    client.post(
        reverse("coaching:entry_log", args=[today.pk]), data | {prefix + "pain_side": "left"}
    )
    today.refresh_from_db()
    assert (today.pain, today.pain_side) == (4, "left")
    # No pain, no side, whatever was sent.
    data[prefix + "pain"] = 0
    client.post(
        reverse("coaching:entry_log", args=[today.pk]), data | {prefix + "pain_side": "right"}
    )
    today.refresh_from_db()
    assert (today.pain, today.pain_side) == (0, "")


def test_another_athletes_session_is_a_404(client, ana):
    other = factories.athlete(coach=factories.coach("c2"), name="Bea", user=factories.user("bea"))
    session = TrainingSession.objects.create(athlete=other, date=YESTERDAY)
    for name in ("session_effort", "next_morning"):
        assert client.post(reverse(f"coaching:{name}", args=[session.pk]), {}).status_code == 404
