"""Reading running files (coaching/running/parsers.py): good ones, and every
bad one refused with a message."""

import datetime

import pytest

from coaching.running.parsers import MAX_BYTES, Refused, parse
from tests.coaching.running import files

TODAY = datetime.date(2026, 3, 4)


def runs_of(name, data):
    return sorted(parse(name, data, today=TODAY), key=lambda r: (r.date, r.start_time or
                  datetime.time()))  # fmt: skip


def test_calendar_recurrence_exception_all_day_timezones_and_spanish():
    runs = runs_of("plan.ics", files.SPANISH_PLAN)
    assert [(r.date.isoformat(), r.start_time, r.title) for r in runs] == [
        ("2026-03-10", datetime.time(19, 0), "Series 6 x 800 m"),
        # 20:00 at UTC-5 (its VTIMEZONE) is 02:00 the next day in Madrid.
        ("2026-03-13", datetime.time(2, 0), "Rodaje suave"),
        ("2026-03-15", None, "Tirada larga 22 km"),
        # The 17th is cancelled (EXDATE); the 24th moved to Wednesday 25th.
        ("2026-03-25", datetime.time(19, 0), "Series 6 x 800 m (moved)"),
        # After the switch to summer time, still 19:00 in Madrid.
        ("2026-03-31", datetime.time(19, 0), "Series 6 x 800 m"),
    ]
    series, rodaje, larga, moved, last = runs
    assert series.duration == datetime.timedelta(hours=1)
    assert rodaje.duration == datetime.timedelta(minutes=45)
    assert larga.duration is None and larga.distance_m == 22000
    assert larga.description == "Ritmo suave"
    # A recurrence's occurrences are told apart by their recurrence id;
    # the moved one keeps the id of the day it replaces.
    assert moved.source_key == "series@plan|20260324T190000"
    assert series.source_key != last.source_key
    assert larga.source_key == "larga-1@plan"


def test_fit_activity_from_the_sdk_encoder():
    start = datetime.datetime(2026, 3, 8, 7, 30, tzinfo=datetime.UTC)
    (run,) = parse("morning.fit", files.fit_activity(start, seconds=5400, metres=18000),
                   today=TODAY)  # fmt: skip
    assert (run.date, run.start_time) == (datetime.date(2026, 3, 8), datetime.time(8, 30))
    assert (run.duration, run.distance_m, run.sport) == (
        datetime.timedelta(minutes=90),
        18000,
        "running",
    )
    assert run.source_key == "activity:2026-03-08T07:30:00Z"


def test_gpx_keeps_the_day_duration_and_distance_not_the_track():
    (run,) = parse("run.gpx", files.gpx(), today=TODAY)
    assert run.title == "Morning Run" and run.date == datetime.date(2026, 3, 8)
    assert run.duration == datetime.timedelta(minutes=50)
    assert 1100 < run.distance_m < 1120  # 0.01 degree of latitude
    assert set(vars(run)) == {"date", "title", "source_key", "source", "start_time",
                              "description", "sport", "duration", "distance_m"}  # fmt: skip
    # The same activity from a FIT file is the same run.
    assert run.source_key == "activity:2026-03-08T07:30:00Z"


def test_tcx_adds_up_the_laps():
    (run,) = parse("run.tcx", files.tcx(), today=TODAY)
    assert run.title == "Tempo 3 x 10 min"
    assert (run.duration, run.distance_m) == (datetime.timedelta(minutes=50), 10000)


def test_strava_activities_csv():
    long_run, ride = parse("activities.csv", files.STRAVA, today=TODAY)
    assert (long_run.title, long_run.date, long_run.distance_m) == (
        "Long run",
        datetime.date(2026, 3, 1),
        18200,
    )
    assert long_run.duration == datetime.timedelta(seconds=6300)
    assert long_run.description == "Easy pace"
    assert ride.sport == "ride"


LATE = files.event("late@x", "20300101", "Marathon")
EARLY = files.event("early@x", "19990101", "Old race")
start = datetime.datetime(2026, 3, 8, 7, 30, tzinfo=datetime.UTC)

BAD = [
    ("not a calendar", "plan.ics", b"hello, this is not a calendar", "not a calendar"),
    ("a text file", "notes.txt", b"just some notes", "can't read this file"),
    ("an empty file", "plan.ics", b"", "empty"),
    ("an empty calendar", "plan.ics", files.calendar(), "has no events"),
    ("a date far ahead", "plan.ics", files.calendar(LATE), "dates must be between"),
    ("a date before 2000", "plan.ics", files.calendar(EARLY), "dates must be between"),
    ("a truncated FIT file", "run.fit", files.fit_activity(start)[:-20], "cut short"),
    ("a FIT file that is not", "run.fit", b"\x0e\x10" + b"x" * 40, "not a FIT file"),
    ("broken XML", "run.gpx", b"<gpx><trk>", "could not be read"),
    ("an XML bomb", "run.tcx",
     b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>', "could not be read"),
    ("a GPX without times", "run.gpx",
     files.gpx().replace(b"<time>2026-03-08T07:30:00Z</time>", b"").replace(
         b"<time>2026-03-08T08:20:00Z</time>", b""), "no times"),
    ("another CSV", "activities.csv", b"a,b,c\n1,2,3", "not Strava's activities.csv"),
    ("a Strava date out of range", "activities.csv",
     files.strava_csv('1,"Mar 1, 1990, 8:00:00 AM",Run,Run,,60,1,,,,60,1000'), "between"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "data", "says"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_files_are_refused_with_a_message(name, data, says):
    with pytest.raises(Refused) as refused:
        parse(name, data, today=TODAY)
    assert says in refused.value.message


def test_a_file_over_the_limit_is_refused_before_parsing(monkeypatch):
    monkeypatch.setattr("coaching.running.parsers.read_calendar", pytest.fail)
    with pytest.raises(Refused, match="larger than 10 MB"):
        parse("plan.ics", b"BEGIN:VCALENDAR" + b" " * MAX_BYTES, today=TODAY)
