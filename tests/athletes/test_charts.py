from datetime import date
from decimal import Decimal
from itertools import pairwise

import pytest
from django.template.loader import render_to_string

from athletes.charts import _nice_ceiling, lsi_chart, values_chart
from athletes.models import AssessmentTest, Athlete, StrengthAssessment


def make(test, day, left, right):
    return StrengthAssessment(
        athlete=Athlete(name="Ana"),
        test=test,
        date=day,
        left_value=None if left is None else Decimal(left),
        right_value=None if right is None else Decimal(right),
    )


@pytest.fixture
def heel():
    return AssessmentTest(
        name="Heel raise", slug="heel", short_name="heel raise", unit="reps", lsi_threshold=90
    )


@pytest.mark.parametrize(
    ("value", "expected"), [(0, 1), (7, 10), (33, 50), (44, 50), (120, 200), (0.9, 1), (2.2, 2.5)]
)
def test_nice_axis_maximum(value, expected):
    assert _nice_ceiling(value) == expected


def test_values_chart_geometry(heel):
    history = [make(heel, date(2026, 1, 1), 20, 30), make(heel, date(2026, 1, 31), 30, 30)]
    chart = values_chart(heel, history)
    left, right = chart.series
    assert [p.x for p in left.points] == [chart.left, chart.right]  # time-proportional
    assert left.points[0].y > right.points[0].y  # smaller value sits lower
    assert left.points[1].y == right.points[1].y
    assert chart.y_ticks[0].label == "0" and chart.y_ticks[-1].label == "50"
    assert "Latest: left 30 reps, right 30 reps" in chart.desc


def test_a_leg_that_could_not_is_no_point_and_said_in_words(heel):
    history = [make(heel, date(2026, 1, 1), None, 30), make(heel, date(2026, 1, 31), 25, 30)]
    chart = values_chart(heel, history)
    left, right = chart.series
    assert len(left.points) == 1 and len(right.points) == 2  # no 0 drawn for "unable"
    lsi = lsi_chart(heel, [make(heel, date(2026, 1, 31), None, None)])
    assert lsi.series[0].points == [] and "No result with a score" in lsi.desc
    assert "Latest: left unable, right 30 reps" in values_chart(heel, history[:1]).desc


def test_lsi_chart_rises_above_100_in_the_involved_frame(heel):
    history = [make(heel, date(2026, 1, 1), 33, 30)]
    history[0].athlete.involved_leg = "left"
    chart = lsi_chart(heel, history)
    assert chart.y_ticks[0].label == "110 %"
    assert chart.top <= chart.series[0].points[0].y < chart.bottom


def test_single_result_is_centred(heel):
    chart = values_chart(heel, [make(heel, date(2026, 1, 1), 20, 30)])
    assert chart.series[0].points[0].x == (chart.left + chart.right) / 2


def test_lsi_chart_band_and_skips_unscored_results(heel):
    history = [
        make(heel, date(2026, 1, 1), 0, 0),  # no LSI: not drawn
        make(heel, date(2026, 1, 15), 20, 30),
        make(heel, date(2026, 2, 1), 29, 30),
    ]
    chart = lsi_chart(heel, history)
    points = chart.series[0].points
    assert len(points) == 2 and points[1].y < points[0].y  # 97 % drawn above 67 %
    band_top, band_height = chart.band
    assert chart.top < band_top < chart.bottom and band_top + band_height == chart.bottom
    assert points[0].y > band_top > points[1].y  # 67 % inside the band, 97 % above it
    assert "from 67 % on 15 Jan 2026 to 97 % on 1 Feb 2026" in chart.desc


def test_rendered_svg_is_accessible_and_csp_safe(heel):
    history = [make(heel, date(2026, 1, 1), 20, 30), make(heel, date(2026, 2, 1), 29, 30)]
    html = render_to_string("athletes/_chart.html", {"chart": lsi_chart(heel, history)})
    assert 'role="img"' in html and 'aria-labelledby="lsi-heel-title lsi-heel-desc"' in html
    assert '<title id="lsi-heel-title">' in html and '<desc id="lsi-heel-desc">' in html
    assert "style=" not in html and "<script" not in html
    assert "Below 90 %" in html


def test_date_labels_never_crowd(heel):
    # Nine results in the last week and one three months before.
    days = [date(2026, 1, 1)] + [date(2026, 4, d) for d in range(1, 10)]
    chart = values_chart(heel, [make(heel, d, 10, 12) for d in days])
    positions = [t.at for t in chart.x_ticks]
    assert chart.x_ticks[0].label == "1 Jan" and chart.x_ticks[-1].label == "9 Apr"
    assert all(b - a >= 64 for a, b in pairwise(positions))
    assert (chart.x_ticks[0].anchor, chart.x_ticks[-1].anchor) == ("start", "end")


def test_two_close_dates_still_label_the_latest(heel):
    chart = values_chart(
        heel, [make(heel, date(2026, 1, 1), 1, 1), make(heel, date(2026, 1, 2), 1, 1)]
    )
    assert [t.label for t in chart.x_ticks] == ["1 Jan", "2 Jan"]
