import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from athletes.models import Athlete, StrengthAssessment
from tests import factories

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}


@pytest.fixture
def coach_client(client, coach):
    client.force_login(coach)
    return client


def errors_for(html: str, field: str) -> list[str]:
    """The error messages rendered beside one field (partials/field.html)."""
    block = re.search(rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', html, re.S)
    return re.findall(r"<li>(.*?)</li>", block.group(1)) if block else []


def test_roster_full_page_and_search_fragment(coach_client, coach, heel_raise, record):
    flagged = factories.athlete(coach=coach, name="Lucía Fernández")
    record(flagged, heel_raise, 20, 30)
    factories.athlete(coach=coach, name="Marco Bellini")
    factories.athlete(coach=coach, name="Old Runner", archived=True)

    page = coach_client.get(reverse("athletes:roster"))
    html = page.content.decode()
    assert page.status_code == 200 and "<html" in html
    assert "Lucía Fernández" in html and "Marco Bellini" in html
    assert "Old Runner" not in html and "Archived athletes (1)" in html
    assert "Needs attention: heel raise below 90&nbsp;%" in html and "Left 33 % weaker" in html
    assert "HX-Request" in page["Vary"]

    fragment = coach_client.get(reverse("athletes:roster"), {"q": "marco"}, headers=HX)
    html = fragment.content.decode()
    assert "<html" not in html and html.lstrip().startswith('<div id="roster-results"')
    assert "Marco Bellini" in html and "Lucía" not in html
    assert "HX-Request" in fragment["Vary"]


def test_roster_search_without_match_says_so(coach_client):
    html = coach_client.get(reverse("athletes:roster"), {"q": "nobody"}).content.decode()
    assert "No athlete on your roster matches" in html


def test_add_and_edit_athlete(coach_client, coach):
    response = coach_client.post(
        reverse("athletes:create"),
        {"name": "Nuria Gil", "email": "", "dominant_leg": "left", "goal_event": "10 km"},
    )
    nuria = Athlete.objects.get(name="Nuria Gil")
    assert response.status_code == 302 and response["Location"] == nuria.get_absolute_url()
    assert nuria.coach == coach and nuria.user is None

    coach_client.post(
        reverse("athletes:edit", args=[nuria.pk]),
        {"name": "Nuria Gil", "dominant_leg": "right", "goal_event": "Marathon", "notes": "x"},
    )
    nuria.refresh_from_db()
    assert (nuria.goal_event, nuria.dominant_leg) == ("Marathon", "right")


def test_add_athlete_errors_beside_fields(coach_client):
    response = coach_client.post(
        reverse("athletes:create"), {"name": "", "email": "not-an-email", "dominant_leg": "up"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        errors_for(html, "name") and errors_for(html, "email") and errors_for(html, "dominant_leg")
    )
    assert not Athlete.objects.exists()


def test_detail_page_shows_latest_history_chart_and_tabs(coach_client, athlete, heel_raise, record):
    record(athlete, heel_raise, 21, 29, days_ago=60)
    record(athlete, heel_raise, 31, 33, days_ago=3)
    response = coach_client.get(athlete.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="athlete-tabs"' in html and 'aria-current="page">Assessments' in html
    assert html.count("<svg") - html.count('<svg class="brand-logo"') == 2  # values + LSI chart
    assert "<title id=" in html and "<desc id=" in html and "style=" not in html
    assert "Left 6 % weaker" in html and "Left 28 % weaker" in html  # latest + history table
    assert 'id="record-assessment"' in html


def test_detail_fragment_is_the_results_section(coach_client, athlete):
    html = coach_client.get(athlete.get_absolute_url(), headers=HX).content.decode()
    assert html.lstrip().startswith('<section id="assessment-results"') and "<html" not in html


def test_record_assessment_with_htmx_returns_form_and_results_out_of_band(
    coach_client, coach, athlete, heel_raise
):
    today = timezone.localdate()
    response = coach_client.post(
        reverse("athletes:record_assessment", args=[athlete.pk]),
        {"test": heel_raise.pk, "date": today.isoformat(), "left_value": "43", "right_value": "50"},
        headers=HX,
    )
    html = response.content.decode()
    saved = StrengthAssessment.objects.get()
    assert (saved.athlete, saved.recorded_by, saved.date) == (athlete, coach, today)
    assert response.status_code == 200 and "<html" not in html
    assert html.lstrip().startswith('<form id="record-assessment"')
    assert 'id="assessment-results" class="detail-main"' in html and 'hx-swap-oob="true"' in html
    assert "Saved: heel raise" in html and "left 14 % weaker" in html
    assert 'class="row-new"' in html and "<svg" in html


def test_record_assessment_without_htmx_redirects(coach_client, athlete, heel_raise):
    response = coach_client.post(
        reverse("athletes:record_assessment", args=[athlete.pk]),
        {"test": heel_raise.pk, "date": timezone.localdate().isoformat(), "left_value": "30",
         "right_value": "30"},
    )  # fmt: skip
    assert response.status_code == 302 and response["Location"] == athlete.get_absolute_url()
    assert StrengthAssessment.objects.count() == 1


def test_choosing_a_test_fetches_its_details_and_redraws_nothing_typed(coach_client, timed_hop):
    response = coach_client.get(
        reverse("athletes:test_details"), {"test": timed_hop.pk}, headers=HX
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="test-details"')
    assert "Unit: seconds" in html and "lower is better" in html
    assert timed_hop.instructions[:30] in html
    assert "<input" not in html  # the typed fields are never part of the swap
    assert '<span id="unit-left" hx-swap-oob="true">(seconds)</span>' in html
    empty = coach_client.get(reverse("athletes:test_details"), {"test": "x"}, headers=HX)
    assert "hidden" in empty.content.decode()


def test_record_form_without_javascript_keeps_what_was_typed(coach_client, athlete, timed_hop):
    """No JavaScript: the test's details come with the answer to a submit."""
    data = {"test": timed_hop.pk, "date": "2026-01-05", "left_value": "2.4", "right_value": ""}
    html = coach_client.post(
        reverse("athletes:record_assessment", args=[athlete.pk]), data
    ).content.decode()
    assert 'value="2.4"' in html and 'value="2026-01-05"' in html
    assert "Unit: seconds" in html and 'Left leg <span id="unit-left">(seconds)</span>' in html


TODAY = timezone.localdate()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"left_value": ""}, "left_value", "Enter a result, or tick “could not do it”"),
        ({"right_value": ""}, "right_value", "Enter a result, or tick “could not do it”"),
        ({"left_unable": "on"}, "left_value", "Either a result or “could not do it”"),
        ({"left_value": "abc"}, "left_value", "Enter a number"),
        ({"left_value": "-3"}, "left_value", "Enter 0 or more."),
        ({"right_value": "1e9"}, "right_value", "More than 150 reps is not plausible"),
        ({"right_value": "151"}, "right_value", "More than 150 reps is not plausible"),
        ({"left_value": "NaN"}, "left_value", "Enter a number"),
        ({"left_value": "Infinity"}, "left_value", "Enter a number"),
        ({"left_value": "12.345"}, "left_value", "at most 2 decimals"),
        ({"left_value": "9" * 400}, "left_value", "More than 150 reps is not plausible"),
        ({"date": (TODAY + timedelta(days=1)).isoformat()}, "date", "cannot be in the future"),
        ({"date": "99999-12-31"}, "date", "Enter a date."),
        ({"date": "0001-01-01"}, "date", "within the last 20 years"),
        ({"date": "yesterday"}, "date", "Enter a date."),
        ({"test": ""}, "test", "Choose the test you measured."),
        ({"test": "999999"}, "test", "Choose one of the options in the list."),
        ({"test": "abc"}, "test", "Choose one of the options in the list."),
    ],
)
@pytest.mark.parametrize("htmx", [True, False])
def test_invalid_assessment_shows_error_beside_field_and_saves_nothing(
    coach_client, athlete, heel_raise, changes, field, message, htmx
):
    data = {"test": heel_raise.pk, "date": TODAY.isoformat(), "left_value": "30",
            "right_value": "32", **changes}  # fmt: skip
    response = coach_client.post(
        reverse("athletes:record_assessment", args=[athlete.pk]), data, headers=HX if htmx else {}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert any(message in error for error in errors_for(html, field)), errors_for(html, field)
    assert "Nothing was saved" in html
    assert ("<html" in html) is not htmx
    assert not StrengthAssessment.objects.exists()


def test_zero_time_is_refused_on_a_lower_is_better_test(coach_client, athlete, timed_hop):
    data = {"test": timed_hop.pk, "date": TODAY.isoformat(), "left_value": "0", "right_value": "2"}
    html = coach_client.post(
        reverse("athletes:record_assessment", args=[athlete.pk]), data, headers=HX
    ).content.decode()
    assert "not possible" in errors_for(html, "left_value")[0]
    assert not StrengthAssessment.objects.exists()


def test_second_result_same_test_and_day_is_explained(coach_client, athlete, heel_raise, record):
    record(athlete, heel_raise, 30, 30)
    data = {"test": heel_raise.pk, "date": TODAY.isoformat(), "left_value": "1", "right_value": "2"}
    html = coach_client.post(
        reverse("athletes:record_assessment", args=[athlete.pk]), data, headers=HX
    ).content.decode()
    assert "already has a heel raise result" in errors_for(html, "date")[0]
    assert StrengthAssessment.objects.count() == 1


def test_archive_needs_confirmation_keeps_history_and_can_be_undone(
    coach_client, athlete, heel_raise, record
):
    record(athlete, heel_raise, 30, 30)
    confirm = coach_client.get(reverse("athletes:archive", args=[athlete.pk]))
    assert "Archive Ana Ruiz?" in confirm.content.decode()
    athlete.refresh_from_db()
    assert not athlete.is_archived  # GET changes nothing

    response = coach_client.post(reverse("athletes:archive", args=[athlete.pk]))
    assert response["Location"] == reverse("athletes:roster")
    athlete.refresh_from_db()
    assert athlete.is_archived and athlete.assessments.count() == 1
    link = f'href="{athlete.get_absolute_url()}"'
    assert link not in coach_client.get(reverse("athletes:roster")).content.decode()
    assert link in coach_client.get(reverse("athletes:archived")).content.decode()
    detail = coach_client.get(athlete.get_absolute_url()).content.decode()
    assert "Unarchive" in detail and 'id="record-assessment"' not in detail

    # An archived athlete takes no new results.
    data = {"test": heel_raise.pk, "date": (TODAY - timedelta(days=1)).isoformat(),
            "left_value": "1", "right_value": "2"}  # fmt: skip
    post = coach_client.post(reverse("athletes:record_assessment", args=[athlete.pk]), data)
    assert post.status_code == 404

    coach_client.post(reverse("athletes:unarchive", args=[athlete.pk]))
    athlete.refresh_from_db()
    assert not athlete.is_archived
    assert link in coach_client.get(reverse("athletes:roster")).content.decode()


def test_athlete_sees_own_results_in_plain_words(client, athlete, heel_raise, record):
    record(athlete, heel_raise, 21, 29, days_ago=60)
    record(athlete, heel_raise, 43, 50, days_ago=2)
    client.force_login(athlete.user)
    html = client.get(reverse("athletes:my_results")).content.decode()
    assert "Your left leg is 14 % weaker on the heel raise test." in html
    # 29-21 = 8 reps then 50-43 = 7: the same gap within the heel raise's 6 reps of noise.
    assert "About the same as last time" in html
    assert "<svg" in html and "style=" not in html


def test_athlete_without_results_gets_an_empty_state(client, athlete):
    client.force_login(athlete.user)
    assert "No results yet" in client.get(reverse("athletes:my_results")).content.decode()
