"""Classifying runs (coaching/running/classify.py), as a table."""

import datetime

import pytest

from coaching.running.classify import classify, usual_duration

MIN = datetime.timedelta(minutes=1)
USUAL = 45 * MIN

CASES = [
    # (title, description, sport, duration, expected)
    ("Long run 28 km", "", "running", None, "long"),
    ("Tirada larga", "", "running", None, "long"),
    ("Rodaje largo por el río", "", "running", None, "long"),
    ("Intervals 6 x 800 m", "", "running", None, "quality"),
    ("10x400", "", "running", None, "quality"),
    ("Series en pista", "", "running", None, "quality"),
    ("Tempo 3 x 10 min", "", "running", None, "quality"),
    ("Threshold", "", "running", None, "quality"),
    ("Cuestas", "", "running", None, "quality"),
    ("Hills", "", "running", None, "quality"),
    ("8 km at race pace", "", "running", None, "quality"),
    ("Ritmo de carrera", "", "running", None, "quality"),
    ("Valencia 10K race", "", "running", None, "race"),
    ("Carrera popular San Silvestre", "", "running", None, "race"),
    ("Media Maratón de Sevilla", "", "running", None, "race"),
    ("Carrera continua 40'", "", "running", None, "easy"),
    ("Valencia 10K", "", "running", None, "race"),
    ("Easy 10k", "", "running", None, "easy"),
    ("Tempo 5k", "", "running", None, "quality"),
    ("Easy run", "", "running", None, "easy"),
    ("Rodaje suave", "", "running", None, "easy"),
    ("Recuperación", "", "running", None, "easy"),
    ("Morning Run", "", "running", 50 * MIN, "easy"),
    ("Morning Run", "", "running", 110 * MIN, "long"),  # far beyond the usual 45'
    ("Morning Run", "", "running", 60 * MIN, "easy"),
    ("Sunday", "Tirada larga, ritmo cómodo", "running", None, "long"),  # the description
    ("Evening Ride", "", "ride", 120 * MIN, "other"),
    ("Natación", "", "running", None, "other"),
    ("Descanso", "", "running", None, "other"),
    ("Gym: fuerza", "", "running", None, "other"),
    ("Trail", "", "TrailRun", 130 * MIN, "long"),
]


@pytest.mark.parametrize(("title", "description", "sport", "duration", "expected"), CASES,
                         ids=[f"{c[0]}-{c[3]}" for c in CASES])  # fmt: skip
def test_classification_table(title, description, sport, duration, expected):
    kind = classify(title=title, description=description, sport=sport, duration=duration,
                    usual=USUAL)  # fmt: skip
    assert kind == expected


def test_long_needs_more_than_the_usual_run_of_this_athlete():
    # A 90-minute run is long for someone who usually runs 45', not for a 80' runner.
    assert classify(title="Run", duration=90 * MIN, usual=45 * MIN) == "long"
    assert classify(title="Run", duration=90 * MIN, usual=80 * MIN) == "easy"


def test_usual_is_the_median_of_known_durations():
    assert usual_duration([30 * MIN, None, 40 * MIN, 120 * MIN]) == 40 * MIN
    assert usual_duration([]) is None
