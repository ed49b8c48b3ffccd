import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coaching.models import SessionEntry, TrainingSession
from coaching.services.sessions import monday_of, plan_sessions
from tests import factories

HTMX = {"HX-Request": "true"}


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def ana(db):
    return factories.athlete(coach=factories.user("carmen"), user=factories.user("ana"))


@pytest.fixture
def ana_client(client, ana):
    client.force_login(ana.user)
    return client


@pytest.fixture
def hinge_today(ana, today):
    """Today's session with the hinge drill at level 2 (8 kg, hand note)."""
    drill = factories.exercise("Hinge drill", load_note="in the hand opposite the standing leg")
    session = factories.planned_today(
        ana, drill, today=today, level=2, notes="Slow on the way down."
    )
    return session.entries.get()


def test_week_shows_what_to_do_today(ana_client, hinge_today):
    response = ana_client.get(reverse("coaching:week"))
    assert response.status_code == 200
    assert "HX-Request" in response["Vary"]
    html = response.content.decode()
    assert "<html" in html
    for text in [
        "This week",
        "Today",
        "Hinge drill",
        "Step 2",
        "4 × 8 each leg, 8 kg in the hand opposite the standing leg",
        # Ana is right-footed: she starts standing on her left leg, weight in the right hand.
        "Start on your left leg.",
        "Standing on your left leg: weight in your right hand.",
        "Hinge drill: hips stay square to the floor.",
        "Avoid: Hip rotates open.",
        "Point the toes of the free leg at the floor.",
        "Slow on the way down.",
        "Done as prescribed",
        "Log details",
        f'href="{reverse("exercises:detail", args=["hinge-drill"])}#level-2"',
    ]:
        assert text in html, text
    assert "Rounded back" not in html  # only the top mistake


def test_coach_comment_shows_on_the_session(ana_client, hinge_today):
    session = hinge_today.session
    session.coach_comment = "Great depth last time."
    session.save()
    html = ana_client.get(reverse("coaching:week")).content.decode()
    assert "From your coach" in html and "Great depth last time." in html


def test_htmx_week_navigation_gets_the_fragment(ana_client, hinge_today, today):
    last_week = monday_of(today) - datetime.timedelta(days=7)
    response = ana_client.get(
        reverse("coaching:week_of", args=[last_week.isoformat()]), headers=HTMX
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "HX-Request" in response["Vary"]
    assert "<html" not in html
    assert html.lstrip().startswith('<div id="week"')
    assert f"Week of {last_week:%-d %B}" in html


def test_empty_state_before_any_assignment(ana_client):
    html = ana_client.get(reverse("coaching:week")).content.decode()
    assert "Your coach hasn't assigned exercises yet." in html


def test_assignments_but_nothing_this_week(ana_client, ana, today):
    factories.assignment(
        ana, factories.exercise(), start_date=monday_of(today) + datetime.timedelta(days=7)
    )
    html = ana_client.get(reverse("coaching:week")).content.decode()
    assert "No sessions planned for this week." in html


def test_reading_the_week_never_writes(ana_client, ana, today):
    # Active assignment, nothing planned: a GET must not plan.
    factories.assignment(ana, factories.exercise(), start_date=today - datetime.timedelta(days=30))
    with CaptureQueriesContext(connection) as queries:
        ana_client.get(reverse("coaching:week"))
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if re.match(r"\s*(INSERT|UPDATE|DELETE)", q["sql"]) and "django_session" not in q["sql"]
    ]
    assert writes == []
    assert TrainingSession.objects.count() == 0


def test_past_week_shows_missed_in_neutral_words(ana_client, ana, today):
    last_monday = monday_of(today) - datetime.timedelta(days=7)
    factories.assignment(ana, factories.exercise(), weekdays=[1, 4], start_date=last_monday)
    plan_sessions(athlete=ana, start=last_monday, end=last_monday + datetime.timedelta(days=6))
    response = ana_client.get(reverse("coaching:week_of", args=[last_monday.isoformat()]))
    html = response.content.decode()
    assert html.count("status-missed") == 2
    assert "Not logged" in html
    assert "Done as prescribed" not in html  # a past week is history
    assert "badge-alert" not in html


def test_future_week_is_browsable_but_not_checkable(ana_client, ana, today):
    next_monday = monday_of(today) + datetime.timedelta(days=7)
    factories.assignment(ana, factories.exercise(), weekdays=[2], start_date=today)
    plan_sessions(athlete=ana, start=next_monday, end=next_monday + datetime.timedelta(days=6))
    html = ana_client.get(reverse("coaching:week_of", args=[next_monday.isoformat()])).content
    assert b"You can check this off on the day." in html
    assert b"Done as prescribed" not in html
    # The how-to shows where it is about to be used, not on every future day.
    assert b"The cue:" not in html and b"Avoid:" not in html
    assert b"Full technique" in html


@pytest.mark.parametrize("day", ["2026-02-31", "2026-13-01"])
def test_impossible_dates_are_404(ana_client, day):
    assert ana_client.get(f"/week/{day}/").status_code == 404


def test_done_as_prescribed_swaps_the_entry_in_place(ana_client, hinge_today):
    url = reverse("coaching:entry_done", args=[hinge_today.pk])
    response = ana_client.post(url, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "HX-Request" in response["Vary"]
    assert html.lstrip().startswith(
        f'<article class="entry entry-done" id="entry-{hinge_today.pk}"'
    )
    assert 'role="status"' in html and "Done as prescribed. Nice work!" in html
    assert "Undo" in html and "autofocus" in html
    assert "The cue:" not in html  # done: the card folds down to the result
    # The session's badge is refreshed out of band: its only entry is done.
    assert f'id="session-{hinge_today.session_id}-status"' in html
    assert 'hx-swap-oob="true"' in html and "status-done" in html
    hinge_today.refresh_from_db()
    assert hinge_today.completed_at is not None


def test_double_tap_records_one_result(ana_client, hinge_today):
    url = reverse("coaching:entry_done", args=[hinge_today.pk])
    ana_client.post(url, headers=HTMX)
    first = SessionEntry.objects.get(pk=hinge_today.pk).completed_at
    response = ana_client.post(url, headers=HTMX)
    assert response.status_code == 200
    assert SessionEntry.objects.get(pk=hinge_today.pk).completed_at == first


def test_without_javascript_check_off_redirects_back_to_the_entry(ana_client, hinge_today, today):
    response = ana_client.post(reverse("coaching:entry_done", args=[hinge_today.pk]))
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("coaching:week_of", args=[today.isoformat()]) + f"#entry-{hinge_today.pk}"
    )
    page = ana_client.get(response["Location"]).content.decode()
    assert "Done as prescribed. Nice work!" in page


def test_log_details(ana_client, hinge_today):
    prefix = f"entry-{hinge_today.pk}-"
    data = {
        prefix + "reps_left": "8",
        prefix + "reps_right": "6",
        prefix + "load_kg": "7.5",
        prefix + "pain": "2",
        prefix + "pain_side": "right",
        prefix + "form_note": "touched down twice",
    }
    url = reverse("coaching:entry_log", args=[hinge_today.pk])
    response = ana_client.post(url, data, headers=HTMX)
    html = response.content.decode()
    assert "Logged. Thanks for the detail!" in html
    assert "8 left, 6 right, 7.5 kg, pain 2/10" in html
    assert "touched down twice" in html
    entry = SessionEntry.objects.select_related("session").get(pk=hinge_today.pk)
    assert (entry.reps_left, entry.reps_right, entry.pain, entry.pain_side) == (8, 6, 2, "right")


@pytest.mark.parametrize("htmx", [True, False])
def test_bad_details_show_errors_beside_fields_and_save_nothing(ana_client, hinge_today, htmx):
    prefix = f"entry-{hinge_today.pk}-"
    data = {prefix + "reps_left": "-1", prefix + "reps_right": "8", prefix + "pain": "11"}
    url = reverse("coaching:entry_log", args=[hinge_today.pk])
    response = ana_client.post(url, data, headers=HTMX if htmx else {})
    html = response.content.decode()
    assert response.status_code == (200 if htmx else 400)
    assert ("<html" in html) is not htmx
    assert "Nothing was saved" in html
    assert '<details class="log-details" open>' in html
    for field, message in [
        ("reps_left", "Reps can&#x27;t be negative."),
        ("pain", re.escape("Pain goes from 0 (none) to 10.")),
    ]:
        field_id = f"id_{prefix}{field}"
        # The error list sits right after its input, linked by id.
        pattern = rf'id="{field_id}".*?<ul class="errorlist" id="{field_id}_error">.*?{message}'
        assert re.search(pattern, html, re.S), field
    assert 'value="-1"' in html  # what she typed is kept
    assert not SessionEntry.objects.filter(completed_at__isnull=False).exists()


def test_the_card_loads_its_form_when_opened(ana_client, hinge_today):
    """No six-field form per card: a placeholder htmx swaps for the form when
    the details are opened, and a link to it without JavaScript."""
    url = reverse("coaching:entry_log", args=[hinge_today.pk])
    html = ana_client.get(reverse("coaching:week")).content.decode()
    field = f'id="id_entry-{hinge_today.pk}-reps_left"'
    assert "Log details" in html and field not in html
    assert f'hx-get="{url}" hx-trigger="toggle once from:closest details"' in html
    assert f'<a href="{url}">Open the log form' in html
    response = ana_client.post(reverse("coaching:entry_done", args=[hinge_today.pk]), headers=HTMX)
    html = response.content.decode()
    assert "Edit details" in html and field not in html and f'hx-get="{url}"' in html


def test_log_form_fragment_for_htmx(ana_client, hinge_today):
    url = reverse("coaching:entry_log", args=[hinge_today.pk])
    response = ana_client.get(url, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "HX-Request" in response["Vary"]
    assert html.lstrip().startswith("<form") and "<html" not in html
    assert f'hx-post="{url}" hx-target="#entry-{hinge_today.pk}"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    prefix = f"entry-{hinge_today.pk}-"
    for field in ("reps_left", "reps_right", "pain", "pain_side", "load_kg", "form_note"):
        assert f'name="{prefix}{field}"' in html, field
    assert f'name="{prefix}reps_left" value="8"' in html  # from the prescription
    assert "Nothing was saved" not in html


def test_log_form_page_without_javascript(ana_client, hinge_today, today):
    url = reverse("coaching:entry_log", args=[hinge_today.pk])
    response = ana_client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html and "Hinge drill" in html
    assert '<details class="log-details" open>' in html
    assert f'<form method="post" action="{url}"' in html
    assert f'name="entry-{hinge_today.pk}-reps_left"' in html
    week_url = reverse("coaching:week_of", args=[today.isoformat()])
    assert f'href="{week_url}#entry-{hinge_today.pk}"' in html
    assert "Open the log form" not in html


@pytest.mark.parametrize("htmx", [True, False])
def test_log_form_of_another_athlete_is_a_404(client, hinge_today, htmx):
    other = factories.athlete(coach=factories.user("carl"), user=factories.user("bo"))
    client.force_login(other.user)
    url = reverse("coaching:entry_log", args=[hinge_today.pk])
    assert client.get(url, headers=HTMX if htmx else {}).status_code == 404


@pytest.mark.parametrize("htmx", [True, False])
def test_log_form_of_a_closed_day_says_so(ana_client, ana, today, htmx):
    last_monday = monday_of(today) - datetime.timedelta(days=7)
    factories.assignment(ana, factories.exercise(), weekdays=[1], start_date=last_monday)
    plan_sessions(athlete=ana, start=last_monday, end=last_monday)
    entry = SessionEntry.objects.get()
    url = reverse("coaching:entry_log", args=[entry.pk])
    response = ana_client.get(url, headers=HTMX if htmx else {}, follow=not htmx)
    html = response.content.decode()
    assert response.status_code == 200
    assert "can&#x27;t be changed any more" in html
    assert "reps_left" not in html
    if htmx:  # the whole card, in place of the card
        assert response["HX-Retarget"] == f"#entry-{entry.pk}"
        assert response["HX-Reswap"] == "outerHTML"
        assert html.lstrip().startswith(f'<article class="entry" id="entry-{entry.pk}"')


def test_undo(ana_client, hinge_today):
    ana_client.post(reverse("coaching:entry_done", args=[hinge_today.pk]), headers=HTMX)
    response = ana_client.post(reverse("coaching:entry_undo", args=[hinge_today.pk]), headers=HTMX)
    html = response.content.decode()
    assert "Undone: back to planned." in html and "Done as prescribed" in html
    assert "status-today" in html
    hinge_today.refresh_from_db()
    assert hinge_today.completed_at is None


@pytest.mark.parametrize("name", ["entry_done", "entry_log", "entry_undo"])
def test_a_past_week_cannot_be_changed(ana_client, ana, today, name):
    last_monday = monday_of(today) - datetime.timedelta(days=7)
    factories.assignment(ana, factories.exercise(), weekdays=[1], start_date=last_monday)
    plan_sessions(athlete=ana, start=last_monday, end=last_monday)
    entry = SessionEntry.objects.get()
    prefix = f"entry-{entry.pk}-"
    data = {prefix + "reps_left": "8", prefix + "reps_right": "8", prefix + "pain": "0"}
    response = ana_client.post(reverse(f"coaching:{name}", args=[entry.pk]), data, headers=HTMX)
    assert response.status_code == 200
    assert "can&#x27;t be changed any more" in response.content.decode()
    entry.refresh_from_db()
    assert entry.completed_at is None


@pytest.mark.parametrize("name", ["entry_done", "entry_undo"])
def test_check_off_urls_only_take_posts(ana_client, hinge_today, name):
    assert ana_client.get(reverse(f"coaching:{name}", args=[hinge_today.pk])).status_code == 405


def test_home_sends_the_athlete_to_the_week(ana_client):
    response = ana_client.get("/")
    assert response["Location"] == reverse("coaching:week")
    nav = ana_client.get(reverse("coaching:week")).content.decode()
    assert re.search(r'href="/week/"\s+aria-current="page">This week<', nav)


def test_each_how_to_shows_once_on_the_card(ana_client, hinge_today):
    # The cue, the start leg, the coach's note, the mistake and the technique
    # link once each (a merge once left a second, unfolded copy above "Done").
    html = ana_client.get(reverse("coaching:week")).content.decode()
    for text in ["The cue:", "Start on your", "Coach's note:", "Avoid:", "Full technique"]:
        assert html.count(text) <= 1, text
    assert html.count("Full technique") == 1


def test_full_technique_opens_the_athletes_level_with_a_way_back(ana_client, hinge_today, ana):
    html = ana_client.get(reverse("coaching:week")).content.decode()
    exercise = hinge_today.assignment.exercise
    link = f"{exercise.get_absolute_url()}#level-2"
    assert f'href="{link}"' in html
    page = ana_client.get(exercise.get_absolute_url()).content.decode()
    assert 'id="level-2"' in page
    assert f'href="{reverse("coaching:week")}">← Your week' in page


def test_a_coach_reading_the_library_gets_no_week_link(client, ana, hinge_today):
    client.force_login(ana.coach)
    page = client.get(hinge_today.assignment.exercise.get_absolute_url()).content.decode()
    assert "Your week" not in page and "← Exercise library" in page
