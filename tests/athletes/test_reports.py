"""Reports (issue 11): the CSV parsed back with the csv module and compared
with the database; the printable report with its charts; both 404 for
another coach's athlete."""

import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from athletes import services
from athletes.models import AssessmentTest, BodyMass, StrengthAssessment
from athletes.reports import HEADER
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def coach_client(client, coach):
    client.force_login(coach)
    return client


def parsed(response) -> list[dict]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8-sig")  # strict UTF-8, byte-order mark allowed
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows == [] or list(rows[0]) == HEADER
    return rows


def test_athlete_csv_has_one_row_per_result_and_leg_matching_the_database(
    coach_client, coach, athlete, heel_raise, timed_hop, record
):
    athlete.name, athlete.involved_leg = "Lucía =Fernández", "left"
    athlete.save()
    record(athlete, heel_raise, 20, 30, days_ago=10)
    record(athlete, timed_hop, None, "2.25", days_ago=3)
    calf = AssessmentTest.objects.get(slug="hhd-calf-isometric")
    BodyMass.objects.create(athlete=athlete, date=timezone.localdate(), kg=Decimal(60))
    record(athlete, calf, 300, 360)
    gone = record(athlete, heel_raise, 1, 2, days_ago=1)
    services.delete_assessment(assessment=gone, revision=1, reason="typo", by=coach)

    rows = parsed(coach_client.get(reverse("athletes:athlete_csv", args=[athlete.pk])))

    current = StrengthAssessment.objects.current().filter(athlete=athlete)
    assert len(rows) == 2 * current.count() == 6
    for result in current:
        key = (result.date.isoformat(), result.test.slug)
        mine = [r for r in rows if (r["date"], r["test_id"]) == key]
        assert [r["side"] for r in mine] == ["left", "right"]
        for row in mine:
            value = getattr(result, f"{row['side']}_value")
            assert row["outcome"] == ("unable" if value is None else "measured")
            assert (Decimal(row["value"]) if row["value"] else None) == value
            assert row["unit"] == result.test.unit
            lsi = result.symmetry.lsi
            assert row["lsi_percent"] == ("" if lsi is None else str(lsi))
            assert row["involved_leg"] == "left" and row["lsi_frame"] == "involved/uninvolved"
            assert row["athlete"] == "Lucía =Fernández"  # accents intact
    hop = [r for r in rows if r["test_id"] == "single-leg-timed-hop"]
    assert [r["outcome"] for r in hop] == ["unable", "measured"] and hop[0]["flagged"] == "yes"
    calf_rows = [r for r in rows if r["test_id"] == "hhd-calf-isometric"]
    assert [r["normalised_value"] for r in calf_rows] == ["5", "6"]  # 300 and 360 N at 60 kg
    assert {r["normalised_unit"] for r in calf_rows} == {"N/kg"}


def test_a_formula_in_a_name_or_note_is_defused(coach_client, coach, heel_raise):
    athlete = factories.athlete(coach=coach, name="=HYPERLINK(1)")
    services.record_assessment(athlete=athlete, test=heel_raise, date=timezone.localdate(),
                               left_value=1, right_value=2, notes="+1 rep", by=coach)  # fmt: skip
    [left, _] = parsed(coach_client.get(reverse("athletes:athlete_csv", args=[athlete.pk])))
    assert left["athlete"] == "'=HYPERLINK(1)" and left["note"] == "'+1 rep"


def test_all_athletes_csv_is_the_coachs_only_in_constant_queries(
    coach_client, coach, athlete, other_athlete, heel_raise, record
):
    record(athlete, heel_raise, 20, 30)
    record(other_athlete, heel_raise, 25, 30)
    url = reverse("athletes:results_csv")
    with CaptureQueriesContext(connection) as one:
        rows = parsed(coach_client.get(url))
    assert {r["athlete"] for r in rows} == {athlete.name}
    for i in range(5):
        extra = factories.athlete(coach=coach, name=f"Runner {i}")
        record(extra, heel_raise, 10 + i, 30)
    with CaptureQueriesContext(connection) as many:
        rows = parsed(coach_client.get(url))
    assert len(rows) == 12 and len(many) == len(one)


def test_printable_report_has_the_latest_symmetry_and_the_charts(
    coach_client, athlete, heel_raise, record
):
    record(athlete, heel_raise, 20, 30, days_ago=30)
    record(athlete, heel_raise, 28, 30)
    html = coach_client.get(reverse("athletes:report", args=[athlete.pk])).content.decode()
    assert "Ana Ruiz: single-leg assessments" in html
    assert html.count('<svg class="chart"') == 2 and "Limb Symmetry Index" in html
    assert "LSI 93 %" in html and "More even than the time before" in html
    assert "@media print" not in html and "style=" not in html  # the print sheet is in app.css


@pytest.mark.parametrize("name", ["athletes:athlete_csv", "athletes:report"])
def test_another_coachs_athlete_is_a_404(client, other_coach, athlete, name):
    client.force_login(other_coach)
    assert client.get(reverse(name, args=[athlete.pk])).status_code == 404
