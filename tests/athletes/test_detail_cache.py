"""The athlete page's charts and tables are cached per version of the athlete's data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coaching.site import page_cache

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def get(client, url, **kwargs) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **kwargs)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_second_view_skips_the_results_queries(client, coach, athlete, heel_raise, record):
    record(athlete, heel_raise, 20, 25)
    client.force_login(coach)
    cold, first = get(client, athlete.get_absolute_url())
    warm, second = get(client, athlete.get_absolute_url())
    assert warm < cold
    assert "every result, newest first" in second
    assert first.count("<svg") == second.count("<svg") > 0


def test_a_recorded_assessment_shows_on_the_next_view(client, coach, athlete, heel_raise):
    client.force_login(coach)
    assert "No assessments yet." in get(client, athlete.get_absolute_url())[1]
    response = client.post(
        reverse("athletes:record_assessment", args=[athlete.pk]),
        {"test": heel_raise.pk, "date": "2026-11-20", "left_value": "18", "right_value": "24"},
        headers=HTMX,
    )
    assert response.status_code == 200
    html = get(client, athlete.get_absolute_url())[1]
    assert "No assessments yet." not in html and "75&nbsp;%" in html
    fragment = get(client, athlete.get_absolute_url(), headers=HTMX)[1]
    assert 'id="assessment-results"' in fragment and "<html" not in fragment


def test_another_coach_gets_a_404_even_with_the_page_cached(
    client, coach, other_coach, athlete, heel_raise, record
):
    record(athlete, heel_raise, 20, 25)
    client.force_login(coach)
    get(client, athlete.get_absolute_url())
    client.force_login(other_coach)
    assert client.get(athlete.get_absolute_url()).status_code == 404


def test_without_javascript_a_form_error_shows_the_whole_page(
    client, coach, athlete, heel_raise, record
):
    record(athlete, heel_raise, 20, 25)
    client.force_login(coach)
    response = client.post(
        reverse("athletes:record_assessment", args=[athlete.pk]),
        {"test": heel_raise.pk, "date": "2026-11-20", "left_value": "", "right_value": "24"},
    )
    html = response.content.decode()
    assert "Nothing was saved. Check the fields marked below." in html
    assert "every result, newest first" in html  # the results are on the page too
    assert html.count('id="record-assessment"') == 1


def test_the_empty_record_form_is_cached_with_a_fresh_token(client, coach, athlete):
    client.force_login(coach)
    first = get(client, athlete.get_absolute_url())[1]
    warm, second = get(client, athlete.get_absolute_url())
    assert 'id="record-assessment"' in second and str(page_cache.csrf_placeholder()) not in second
    # Session, user, the athlete with the library's version, its latest
    # invite and body mass (with the coach's weight unit) in the same row:
    # the tests and the form are cached.
    assert warm == 3
    assert first.count('name="csrfmiddlewaretoken"') == second.count('name="csrfmiddlewaretoken"')
