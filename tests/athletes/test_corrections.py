"""Correcting and deleting a result (issue 11): history kept, the rule still
enforced, another coach's result a 404, every page showing the change at once."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from athletes import services
from athletes.models import AssessmentChange, AssessmentTest, StrengthAssessment
from coaching import dashboard

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}
TODAY = timezone.localdate()


@pytest.fixture
def hop(db):
    return AssessmentTest.objects.get(slug="single-leg-hop-distance")


@pytest.fixture
def coach_client(client, coach):
    client.force_login(coach)
    return client


def correct(client, assessment, **changes):
    data = {"date": assessment.date.isoformat(), "left_value": assessment.left_value or "",
            "right_value": assessment.right_value or "", "notes": assessment.notes,
            "reason": "typo", "revision": assessment.revision, **changes}  # fmt: skip
    url = reverse("athletes:correct_assessment", args=[assessment.pk])
    return client.post(url, data)


def test_a_mistyped_hop_corrected_changes_every_page_and_keeps_the_history(
    coach_client, coach, athlete, hop, record
):
    typo = record(athlete, hop, 13, 140)  # 131 typed as 13
    assert "Left 91 % weaker" in coach_client.get(athlete.get_absolute_url()).content.decode()
    before = dashboard.dashboard_rows(coach)[0].html
    assert "Left 91 % weaker" in before

    response = correct(coach_client, typo, left_value="131", reason="typo: 131, not 13")

    assert response.status_code == 302 and response["Location"] == athlete.get_absolute_url()
    typo.refresh_from_db()
    assert typo.left_value == Decimal(131) and typo.revision == 2
    [change] = AssessmentChange.objects.filter(assessment=typo)
    assert (change.kind, change.changed_by) == ("corrected", coach)
    assert change.reason == "typo: 131, not 13"
    assert change.before["left"] == "13" and change.after["left"] == "131"
    assert change.differences == [("left", "13", "131")]
    page = coach_client.get(athlete.get_absolute_url()).content.decode()
    assert "Left 91 % weaker" not in page
    assert "Left 6 % weaker: within measurement noise" in page  # 131 / 140
    assert "Corrected " in page and "left 13 → 131" in page and "“typo: 131, not 13”" in page
    assert "Left 91 % weaker" not in dashboard.dashboard_rows(coach)[0].html
    athlete_page = coach_client
    athlete_page.force_login(athlete.user)
    mine = athlete_page.get(reverse("athletes:my_results")).content.decode()
    assert "Left <strong>131</strong>" in mine


def test_a_correction_may_record_unable(coach_client, athlete, hop, record):
    result = record(athlete, hop, 120, 140)
    correct(coach_client, result, left_value="", left_unable="on", reason="could not land it")
    result.refresh_from_db()
    assert result.left_value is None
    assert result.symmetry.sentence == "Left: unable" and result.symmetry.flagged


def test_correcting_onto_a_day_that_has_the_test_is_explained(coach_client, athlete, hop, record):
    record(athlete, hop, 120, 140, days_ago=1)
    result = record(athlete, hop, 130, 140)
    response = correct(coach_client, result, date=(TODAY - timedelta(days=1)).isoformat())
    assert response.status_code == 200
    assert "already has a hop for distance result" in response.content.decode()
    result.refresh_from_db()
    assert result.date == TODAY and not result.changes.exists()


def test_a_reason_is_required_and_nothing_changes_without_one(coach_client, athlete, hop, record):
    result = record(athlete, hop, 13, 140)
    response = coach_client.post(
        reverse("athletes:correct_assessment", args=[result.pk]),
        {"date": TODAY.isoformat(), "left_value": "131", "right_value": "140", "reason": "",
         "revision": 1},
        headers=HX,
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200 and html.lstrip().startswith('<form id="correct-result"')
    assert "Say why" in html and 'value="131"' in html  # what was typed stays
    result.refresh_from_db()
    assert result.left_value == 13


def test_a_stale_form_changes_nothing(coach_client, athlete, hop, record):
    result = record(athlete, hop, 13, 140)
    correct(coach_client, result, left_value="131")
    stale = correct(coach_client, result, left_value="99", revision=1)  # the old form
    assert stale.status_code == 302
    result.refresh_from_db()
    assert result.left_value == 131 and result.changes.count() == 1


def test_delete_keeps_the_row_and_its_history_and_frees_the_day(
    coach_client, coach, athlete, hop, record
):
    result = record(athlete, hop, 13, 140)
    page = coach_client.get(reverse("athletes:delete_assessment", args=[result.pk]))
    assert page.status_code == 200 and "Delete this result" in page.content.decode()
    response = coach_client.post(
        reverse("athletes:delete_assessment", args=[result.pk]),
        {"reason": "wrong athlete", "revision": 1},
        headers=HX,
    )
    assert response.status_code == 200 and response["HX-Redirect"] == athlete.get_absolute_url()
    result.refresh_from_db()
    assert result.is_deleted and result.revision == 2
    [change] = result.changes.all()
    assert (change.kind, change.reason, change.after) == ("deleted", "wrong athlete", None)
    html = coach_client.get(athlete.get_absolute_url()).content.decode()
    assert "No assessments yet" in html and "Deleted results (1)" in html
    assert "“wrong athlete”" in html
    assert "Not tested yet" in dashboard.dashboard_rows(coach)[0].html
    # Deleted results cannot be corrected again, and the day takes a new result.
    assert correct(coach_client, result).status_code == 404
    record(athlete, hop, 131, 140)


def test_the_database_keeps_one_current_result_per_test_and_day(athlete, hop, record):
    first = record(athlete, hop, 13, 140)
    with pytest.raises(IntegrityError), transaction.atomic():
        StrengthAssessment.objects.create(
            athlete=athlete, test=hop, date=first.date, left_value=1, right_value=2
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        AssessmentChange.objects.create(
            assessment=first, kind="corrected", revision=2, reason="", before={}, after={}
        )
    services.delete_assessment(assessment=first, revision=1, reason="dup", by=None)
    StrengthAssessment.objects.create(
        athlete=athlete, test=hop, date=first.date, left_value=1, right_value=2
    )
    with pytest.raises(IntegrityError), transaction.atomic():  # one change per revision
        AssessmentChange.objects.create(
            assessment=first, kind="corrected", revision=2, reason="x", before={}, after={}
        )


@pytest.mark.parametrize("url", ["athletes:correct_assessment", "athletes:delete_assessment"])
def test_another_coachs_result_is_a_404(client, other_coach, athlete, hop, record, url):
    result = record(athlete, hop, 13, 140)
    client.force_login(other_coach)
    assert client.get(reverse(url, args=[result.pk])).status_code == 404
    posted = client.post(reverse(url, args=[result.pk]), {"reason": "x", "revision": 1})
    assert posted.status_code == 404
    result.refresh_from_db()
    assert not result.is_deleted and not result.changes.exists()


def test_the_athlete_cannot_correct_their_own_result(client, athlete, hop, record):
    result = record(athlete, hop, 13, 140)
    client.force_login(athlete.user)
    response = client.get(reverse("athletes:correct_assessment", args=[result.pk]))
    assert response.status_code == 403
