"""The assign page: full page, HTMX fragments, the no-JS path, bad input."""

import pytest
from django.urls import reverse
from django.utils import timezone

from coaching.models import Assignment, SessionEntry
from tests import factories

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def assign_page(client):
    coach = factories.coach()
    athlete = factories.athlete(coach=coach)
    exercise = factories.exercise()
    client.force_login(coach)
    return client, athlete, exercise, reverse("coaching:assign", args=[athlete.pk])


def valid(chosen, /, **overrides):
    level = chosen.levels.get(order=1)
    data = {
        "exercise": chosen.pk,
        "level": level.pk,
        "sets": 3,
        "reps_per_leg": 10,
        "load_kg": "",
        "sessions_per_week": 2,
        "weekdays": ["2", "5"],
        "start_date": timezone.localdate().isoformat(),
        "notes": "Slow on the way down.",
    }
    data.update(overrides)
    return data


def test_full_page_lists_published_exercises_only(assign_page):
    client, athlete, _exercise, url = assign_page
    factories.exercise("Draft Move", published=False)
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Choose an exercise and a level for {athlete.name}" in html
    assert "Test Deadlift" in html and "Draft Move" not in html
    assert "Choose an exercise to see its levels" in html
    assert 'hx-get="' + reverse("coaching:assign_levels", args=[athlete.pk]) in html


def test_levels_fragment_prefills_from_the_first_level(assign_page):
    client, athlete, exercise, _url = assign_page
    response = client.get(
        reverse("coaching:assign_levels", args=[athlete.pk]), {"exercise": exercise.pk}, **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and 'id="level-and-prescription"' in html
    assert "Level 1: Step 1" in html and "Level 3: Step 3" in html
    assert 'name="sets" value="3"' in html  # level 1 default: 2 + 1
    assert 'name="reps_per_leg" value="8"' in html
    assert 'name="sessions_per_week" value="1"' in html  # the exercise's lower bound
    assert "The library suggests 1-2 × a week." in html


def test_prescription_fragment_follows_the_chosen_level(assign_page):
    client, athlete, exercise, _ = assign_page
    level3 = exercise.levels.get(order=3)
    response = client.get(
        reverse("coaching:assign_prescription", args=[athlete.pk]),
        {"exercise": exercise.pk, "level": level3.pk},
        **HTMX,
    )
    html = response.content.decode()
    assert 'id="prescription"' in html and 'id="level-and-prescription"' not in html
    assert 'name="sets" value="5"' in html and 'name="load_kg" value="12.0"' in html
    assert "Ready to advance at 10 reps on both legs" in html


def test_fragment_with_a_foreign_level_falls_back_to_the_first(assign_page):
    client, athlete, exercise, _ = assign_page
    other = factories.exercise("Heel Raise")
    response = client.get(
        reverse("coaching:assign_prescription", args=[athlete.pk]),
        {"exercise": exercise.pk, "level": other.levels.get(order=3).pk},
        **HTMX,
    )
    assert "Level 1: Step 1." in response.content.decode()


def test_fragment_with_nonsense_exercise_asks_to_choose(assign_page):
    client, athlete, _, _ = assign_page
    response = client.get(
        reverse("coaching:assign_levels", args=[athlete.pk]), {"exercise": "x"}, **HTMX
    )
    assert "Choose an exercise to see its levels" in response.content.decode()


def test_without_js_show_levels_rerenders_with_the_exercise_levels(assign_page):
    client, _, exercise, url = assign_page
    response = client.post(
        url, {"exercise": exercise.pk, "choose_exercise": "1", "notes": "Keep me"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Level 2: Step 2" in html
    assert "Keep me" in html  # what was typed survives
    assert 'class="errorlist"' not in html
    assert not Assignment.objects.exists()


def test_without_js_level_defaults_rerender(assign_page):
    client, _, exercise, url = assign_page
    level2 = exercise.levels.get(order=2)
    response = client.post(
        url, {"exercise": exercise.pk, "level": level2.pk, "choose_level": "1", "sets": "9"}
    )
    html = response.content.decode()
    assert 'name="sets" value="4"' in html  # level 2 default, not the typed 9
    assert not Assignment.objects.exists()


def test_valid_post_assigns_plans_and_redirects(assign_page):
    client, athlete, exercise, url = assign_page
    response = client.post(url, valid(exercise))
    assert response.status_code == 302
    assert response["Location"] == reverse("coaching:athlete_training", args=[athlete.pk])
    made = Assignment.objects.get()
    assert (made.reps_per_leg, made.weekdays, made.notes) == (10, [2, 5], "Slow on the way down.")
    assert SessionEntry.objects.filter(assignment=made).exists()
    follow = client.get(response["Location"])
    assert "Assigned Test Deadlift, level 1 (Step 1) to Ana Ruiz" in follow.content.decode()


BAD_INPUT = [
    ({"sets": "0"}, "sets"),
    ({"sets": "abc"}, "sets"),
    ({"reps_per_leg": "101"}, "reps_per_leg"),
    ({"load_kg": "-1"}, "load_kg"),
    ({"load_kg": "12.345"}, "load_kg"),
    ({"sessions_per_week": "8"}, "sessions_per_week"),
    ({"weekdays": ["9"]}, "weekdays"),
    ({"weekdays": ["1"]}, "weekdays"),  # 1 day for 2 sessions a week
    ({"start_date": "yesterday"}, "start_date"),
    ({"start_date": "2001-01-01"}, "start_date"),
    ({"exercise": ""}, "exercise"),
    ({"exercise": "99999"}, "exercise"),
    ({"level": "99999"}, "level"),
    ({"notes": "x" * 2001}, "notes"),
]


@pytest.mark.parametrize(("change", "field"), BAD_INPUT)
def test_bad_input_shows_the_error_beside_the_field(assign_page, change, field):
    client, _, exercise, url = assign_page
    response = client.post(url, valid(exercise, **change))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in html
    assert not Assignment.objects.exists()


def test_level_of_another_exercise_is_an_error_beside_level(assign_page):
    client, _, exercise, url = assign_page
    other = factories.exercise("Heel Raise")
    response = client.post(url, valid(exercise, level=other.levels.first().pk))
    html = response.content.decode()
    assert 'id="id_level_error"' in html
    assert "Level 1: Step 1" in html  # the levels of the chosen exercise are offered
    assert not Assignment.objects.exists()


def test_duplicate_active_assignment_is_an_error_beside_exercise(assign_page):
    client, _athlete, exercise, url = assign_page
    client.post(url, valid(exercise))
    response = client.post(url, valid(exercise))
    html = response.content.decode()
    assert 'id="id_exercise_error"' in html
    assert "already has Test Deadlift assigned" in html
    assert "Test Deadlift (already assigned)" in html
    assert Assignment.objects.count() == 1


def test_archived_athlete_cannot_be_assigned(client):
    coach = factories.coach()
    archived = factories.athlete(coach=coach, archived=True)
    client.force_login(coach)
    assert client.get(reverse("coaching:assign", args=[archived.pk])).status_code == 404


def test_start_date_defaults_to_today(assign_page):
    client, _, _, url = assign_page
    today = timezone.localdate()
    html = client.get(url).content.decode()
    assert f'value="{today:%Y-%m-%d}"' in html
