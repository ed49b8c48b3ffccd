"""The one place numbers, weights, dates and prescriptions are worded."""

import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template

from coaching.site import formats


@pytest.mark.parametrize(
    ("value", "number", "kg"),
    [
        (Decimal("40.00"), "40", "40 kg"),
        (Decimal("12.50"), "12.5", "12.5 kg"),
        (Decimal("10.0"), "10", "10 kg"),
        (Decimal(20), "20", "20 kg"),
        (7.5, "7.5", "7.5 kg"),
        (None, "", ""),
    ],
)
def test_numbers_and_weights(value, number, kg):
    assert formats.number(value) == number
    assert formats.kg(value) == kg


@pytest.mark.parametrize(
    ("value", "short", "long"),
    [
        (datetime.date(2026, 3, 7), "7 Mar", "7 Mar 2026"),
        (datetime.date(2026, 11, 30), "30 Nov", "30 Nov 2026"),
        (None, "", ""),
    ],
)
def test_dates(value, short, long):
    assert formats.short_date(value) == short
    assert formats.long_date(value) == long


def render(source: str, **context) -> str:
    return Template("{% load formats %}" + source).render(Context(context))


def test_filters_are_the_same_functions():
    day = datetime.date(2026, 3, 7)
    html = render(
        "{{ w|kg }}|{{ w|measure }}|{{ d|short_date }}|{{ d|long_date }}", w=Decimal("8.0"), d=day
    )
    assert html == "8 kg|8|7 Mar|7 Mar 2026"


def test_datetimes_read_in_the_current_time_zone(settings):
    settings.TIME_ZONE = "Europe/Madrid"
    late = datetime.datetime(2026, 3, 7, 23, 30, tzinfo=datetime.UTC)  # 8 Mar in Madrid
    assert render("{{ t|short_date }}", t=late) == "8 Mar"


@pytest.mark.parametrize(
    ("tag", "text"),
    [
        (
            "{% prescription sets=3 reps_per_leg=8 load_kg=w load_note=' in the left hand ' %}",
            "3 × 8 each leg, 8 kg in the left hand",
        ),
        ("{% prescription sets=3 reps_per_leg=8 load_kg=w unilateral=False %}", "3 × 8, 8 kg"),
        ("{% prescription sets=2 reps_per_leg=10 load_kg=None load_note='x' %}", "2 × 10 each leg"),
    ],
)
def test_prescription_tag_words_it_as_python_does(tag, text):
    assert render(tag, w=Decimal("8.0")) == text
