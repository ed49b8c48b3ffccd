"""The athlete training page: assignments, readiness with evidence, one-click
level changes, ending, session history and coach comments."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coaching.models import Assignment, LevelChange, PrescriptionChange, TrainingSession
from tests import factories

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
DAY = datetime.date(2026, 1, 12)


@pytest.fixture
def ready(client):
    """An athlete whose level-1 assignment met the criteria twice (10 reps, pain 1)."""
    coach = factories.coach()
    athlete = factories.athlete(coach=coach)
    exercise = factories.exercise()
    assignment = factories.assignment(athlete, exercise)
    factories.done(assignment, DAY)
    factories.done(assignment, DAY + datetime.timedelta(days=3), pain=2)
    client.force_login(coach)
    return client, athlete, assignment


def training_url(athlete):
    return reverse("coaching:athlete_training", args=[athlete.pk])


def test_page_shows_level_verdict_evidence_and_history(ready):
    client, athlete, assignment = ready
    factories.done(assignment, DAY - datetime.timedelta(days=3), left=9, right=7, pain=4)
    response = client.get(training_url(athlete))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Level 1 of 3" in html and "Step 1" in html
    assert "3 × 8 each leg · 2 × a week" in html
    assert "Ready to advance" in html
    assert "2 of 2 planned sessions in a row at target (12 Jan, 15 Jan)." in html
    assert "Reps per leg: 12 Jan 10 left, 10 right; 15 Jan 10 left, 10 right" in html
    assert "Advance to level 2" in html
    assert "Back to level" not in html  # level 1 has nothing below
    # Session history, newest first, with per-leg results and pain.
    assert html.index("Thursday 15 Jan 2026") < html.index("Monday 12 Jan 2026")
    assert 'data-label="Left">9</td>' in html and 'data-label="Right">7</td>' in html
    assert '<strong class="pain-high">4/10</strong>' in html
    assert 'aria-current="page">Training</a>' in html


def test_sessions_read_done_partly_done_or_missed(ready):
    client, athlete, assignment = ready
    other = factories.assignment(athlete, factories.exercise("Heel Raise"))
    # One exercise done, the other not: the session is partly done.
    partly = factories.done(assignment, DAY - datetime.timedelta(days=7)).session
    factories.done(other, partly.date, completed=False)
    factories.done(assignment, DAY - datetime.timedelta(days=14), completed=False)
    # Today's, half done: the day is not over, so it is still to do.
    today = factories.done(assignment, timezone.localdate()).session
    factories.done(other, today.date, completed=False)
    html = client.get(training_url(athlete)).content.decode()
    assert html.count(">Done</span>") == 2  # the two sessions of the fixture
    assert html.count(">Partly done</span>") == 1
    assert html.count(">Missed</span>") == 1
    assert html.count(">To do</span>") == 1


def test_history_fragment_for_htmx_paging(ready):
    client, athlete, _ = ready
    response = client.get(training_url(athlete), **HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="history"')
    assert "Ready to advance" not in html
    assert "HX-Request" in response["Vary"]


def test_history_pages_hold_ten_sessions(ready):
    client, athlete, assignment = ready
    for days in range(1, 12):
        factories.done(assignment, DAY - datetime.timedelta(days=days * 2))
    first = client.get(training_url(athlete)).content.decode()
    second = client.get(training_url(athlete), {"page": 2}).content.decode()
    assert "Page 1 of 2" in first and "Older sessions" in first
    assert "Page 2 of 2" in second and "Newer sessions" in second
    assert first.count('class="card session-card"') == 10
    assert second.count('class="card session-card"') == 3


# Not named "page": that is pytest-playwright's fixture, and would pull this
# test into the browser tests' group.
@pytest.mark.parametrize("number", ["abc", "999", "-1", ""])
def test_odd_page_numbers_show_a_real_page(ready, number):
    client, athlete, _ = ready
    response = client.get(training_url(athlete), {"page": number})
    assert response.status_code == 200
    assert response.content.decode().count('class="card session-card"') == 2


def test_advance_by_htmx_swaps_the_card_and_records_the_change(ready):
    client, _athlete, assignment = ready
    level2 = assignment.exercise.levels.get(order=2)
    response = client.post(
        reverse("coaching:change_level", args=[assignment.pk]),
        {"to_level": level2.pk, "reason": "Ready to advance: met 10 reps twice."},
        **HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(
        f'<article class="card assignment-card" id="assignment-{assignment.pk}"'
    )
    assert "Advanced to level 2 (Step 2). Future sessions now use the new prescription." in html
    assert "Level 2 of 3" in html and "Not enough data" in html
    assert "Back to level 1" in html
    change = LevelChange.objects.get()
    assert change.reason == "Ready to advance: met 10 reps twice."
    assert "Advanced from level 1 to 2 by Carmen" in html


def test_advance_without_js_redirects_with_a_message(ready):
    client, athlete, assignment = ready
    level2 = assignment.exercise.levels.get(order=2)
    response = client.post(
        reverse("coaching:change_level", args=[assignment.pk]), {"to_level": level2.pk}
    )
    assert response.status_code == 302 and response["Location"] == training_url(athlete)
    follow = client.get(training_url(athlete)).content.decode()
    assert "Advanced to level 2 (Step 2)" in follow


def test_double_click_advances_once_and_explains(ready):
    client, _, assignment = ready
    url = reverse("coaching:change_level", args=[assignment.pk])
    level2 = assignment.exercise.levels.get(order=2)
    client.post(url, {"to_level": level2.pk}, **HTMX)
    response = client.post(url, {"to_level": level2.pk}, **HTMX)
    assert response.status_code == 200
    assert "Already at level 2." in response.content.decode()
    assert LevelChange.objects.count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"to_level": "abc"},
        {"to_level": "99999"},
        {"to_level": "LEVEL3"},
        {"reason": "x" * 1001},
    ],
)
def test_bad_level_change_input_shows_an_error_and_changes_nothing(ready, data):
    client, _, assignment = ready
    if data.get("to_level") == "LEVEL3":
        data = {"to_level": assignment.exercise.levels.get(order=3).pk}
    response = client.post(reverse("coaching:change_level", args=[assignment.pk]), data, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="form-errors" role="alert"' in html
    assert not LevelChange.objects.exists()
    assignment.refresh_from_db()
    assert assignment.level.order == 1


def test_a_level_of_another_exercise_is_refused(ready):
    client, _, assignment = ready
    other = factories.exercise("Heel Raise")
    response = client.post(
        reverse("coaching:change_level", args=[assignment.pk]),
        {"to_level": other.levels.get(order=2).pk},
        **HTMX,
    )
    assert "Choose one of the options in the list." in response.content.decode()
    assert not LevelChange.objects.exists()


def test_end_assignment_keeps_history(ready):
    client, athlete, assignment = ready
    response = client.post(reverse("coaching:end_assignment", args=[assignment.pk]), **HTMX)
    assert "Ended Test Deadlift. Its history is kept" in response.content.decode()
    assignment.refresh_from_db()
    assert not assignment.active
    page = client.get(training_url(athlete)).content.decode()
    assert "Past exercises" in page and "No exercise assigned yet." in page
    assert page.count('class="card session-card"') == 2


def test_end_without_js_redirects(ready):
    client, _athlete, assignment = ready
    response = client.post(reverse("coaching:end_assignment", args=[assignment.pk]))
    assert response.status_code == 302
    assert not Assignment.objects.get(pk=assignment.pk).active


def test_comment_by_htmx_is_saved_and_confirmed(ready):
    client, _, _ = ready
    session = TrainingSession.objects.get(date=DAY)
    response = client.post(
        reverse("coaching:session_comment", args=[session.pk]),
        {"comment": "Lovely control on the left."},
        **HTMX,
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div class="session-comment"')
    assert "Saved. Ana Ruiz sees it on their phone." in html
    session.refresh_from_db()
    assert session.coach_comment == "Lovely control on the left."


def test_comment_without_js_redirects_and_shows_the_comment(ready):
    client, athlete, _ = ready
    session = TrainingSession.objects.get(date=DAY)
    response = client.post(
        reverse("coaching:session_comment", args=[session.pk]), {"comment": "Good."}
    )
    assert response.status_code == 302
    assert ">Good.</textarea>" in client.get(training_url(athlete)).content.decode()


@pytest.mark.parametrize("htmx", [True, False])
def test_too_long_comment_shows_the_error_beside_it(ready, htmx):
    client, _, _ = ready
    session = TrainingSession.objects.get(date=DAY)
    extra = HTMX if htmx else {}
    response = client.post(
        reverse("coaching:session_comment", args=[session.pk]), {"comment": "x" * 1001}, **extra
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="comment-{session.pk}-error"' in html
    assert "at most 1000 characters" in html
    session.refresh_from_db()
    assert session.coach_comment == ""


def capture(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_training_page_query_count_is_constant(client):
    coach = factories.coach()
    small, big = (
        factories.athlete(coach=coach, name="Small"),
        factories.athlete(coach=coach, name="Big"),
    )
    one = factories.assignment(small, factories.exercise("Ex 0"))
    factories.done(one, DAY)
    for i in range(1, 6):
        made = factories.assignment(big, factories.exercise(f"Ex {i}"), level=2)
        LevelChange.objects.create(
            assignment=made,
            from_level=made.exercise.levels.get(order=1),
            to_level=made.level,
            direction="advance",
            changed_by=coach,
        )
        for reps in (9, 10):  # the prescription history is read with the assignment
            PrescriptionChange.objects.create(
                assignment=made,
                from_sets=3,
                from_reps_per_leg=reps - 1,
                to_sets=3,
                to_reps_per_leg=reps,
                to_extra_sets=1,
                to_extra_sets_leg="left",
                changed_by=coach,
            )
        for day in range(12):
            factories.done(made, DAY - datetime.timedelta(days=day), pain=day % 5)
    ended = factories.assignment(big, factories.exercise("Ended one"))
    ended.ended_at = timezone.now()
    ended.save()
    client.force_login(coach)
    assert capture(client, training_url(small)) == capture(client, training_url(big)) <= 10
    html = client.get(training_url(big)).content.decode()
    assert "Prescription 3 × 9 each leg → Left 4 × 10 · Right 3 × 10 by" in html
    assert "Advanced from level 1 to 2 by" in html


def test_an_empty_comment_where_none_was_removes_nothing(ready):
    client, _, _ = ready
    session = TrainingSession.objects.get(date=DAY)
    url = reverse("coaching:session_comment", args=[session.pk])
    html = client.post(url, {"comment": ""}, **HTMX).content.decode()
    assert "Comment removed." not in html and "Nothing saved: the comment was empty." in html
    response = client.post(url, {"comment": ""}, follow=True)
    page = response.content.decode()
    assert "Comment removed" not in page and "Nothing saved: the comment was empty." in page


def test_after_saving_the_comment_box_folds_and_the_text_shows_once(ready):
    client, _, _ = ready
    session = TrainingSession.objects.get(date=DAY)
    url = reverse("coaching:session_comment", args=[session.pk])
    html = client.post(url, {"comment": "Hips square, well done."}, **HTMX).content.decode()
    assert '<details class="comment-details">' in html  # folded, not open
    assert "<summary autofocus>Edit your comment</summary>" in html  # keyboard focus lands here
    assert html.count("Hips square, well done.") == 2  # shown once; kept in the folded box to edit
    html = client.post(url, {"comment": ""}, **HTMX).content.decode()
    assert "Comment removed." in html  # there was one
    html = client.post(url, {"comment": "x" * 1001}, **HTMX).content.decode()
    assert '<details class="comment-details" open>' in html  # an error stays open beside its field
