"""The placement rule (coaching/running/placement.py), as a table: pure, no database."""

import datetime

import pytest

from coaching.running.models import Kind
from coaching.running.placement import Rules, RunDay, Runs, place, place_week

MONDAY = datetime.date(2026, 4, 6)
GOAL = datetime.date(2026, 4, 26)  # a Sunday


def day(offset: int) -> datetime.date:
    return MONDAY + datetime.timedelta(days=offset)


ALL_RULES = Rules()


def week_of(runs, *, default=(2, 5), rules=ALL_RULES, monday=MONDAY, previous=None):
    return place_week(
        monday=monday,
        default=default,
        runs=Runs(runs),
        rules=rules,
        first=monday,
        last=monday + datetime.timedelta(days=6),
        previous=previous,
    )


def days(week) -> list[str]:
    return [f"{p.date:%a}" for p in week.placements]


LONG_SUNDAY = RunDay(day(6), Kind.LONG, "Long run 22 km")
INTERVALS_TUESDAY = RunDay(day(1), Kind.QUALITY, "Intervals 6 x 800 m")
EVERY_DAY_QUALITY = [RunDay(day(i), Kind.QUALITY, "Tempo") for i in range(-1, 8)]

CASES = [
    # (name, runs, default weekdays, rules, expected days)
    ("no runs: the weekday plan", [], (2, 5), Rules(), ["Tue", "Fri"]),
    ("long Sunday + intervals Tuesday", [LONG_SUNDAY, INTERVALS_TUESDAY], (2, 5), Rules(),
     ["Tue", "Fri"]),
    ("the coach's Mon/Sat move off the key runs' eves", [LONG_SUNDAY, INTERVALS_TUESDAY],
     (1, 6), Rules(), ["Tue", "Thu"]),
    ("rule off: the day before a key run is allowed", [LONG_SUNDAY, INTERVALS_TUESDAY],
     (1, 6), Rules(free_day_before_key_runs=False), ["Tue", "Sat"]),
    ("no strength the day after the long run",
     [RunDay(day(0), Kind.LONG, "Long"), RunDay(day(3), Kind.EASY, "Easy")], (2, 4), Rules(),
     ["Thu", "Sat"]),
    ("a day between sessions", [RunDay(day(2), Kind.QUALITY, "Tempo"),
                                RunDay(day(3), Kind.QUALITY, "Hills")],
     (3, 4), Rules(free_day_before_key_runs=False), ["Mon", "Wed"]),
    ("Sat before the long run: three a week keep their gaps", [LONG_SUNDAY], (2, 4, 6), Rules(),
     ["Mon", "Wed", "Fri"]),
    ("never more than asked", [LONG_SUNDAY, INTERVALS_TUESDAY], (3,), Rules(), ["Tue"]),
    ("a race day is no strength day", [RunDay(day(1), Kind.RACE, "10K race")], (2,), Rules(),
     ["Wed"]),
    ("every day before a quality run: kept, not dropped", EVERY_DAY_QUALITY, (2, 5), Rules(),
     ["Tue", "Fri"]),
]  # fmt: skip


@pytest.mark.parametrize(("name", "runs", "default", "rules", "expected"), CASES,
                         ids=[c[0] for c in CASES])  # fmt: skip
def test_placement_table(name, runs, default, rules, expected):
    assert days(week_of(runs, default=default, rules=rules)) == expected


def test_every_placement_says_why_in_one_line():
    week = week_of([LONG_SUNDAY, INTERVALS_TUESDAY])
    tuesday, friday = week.placements
    assert tuesday.reason == (
        "After intervals 6 x 800 m: the hard day stays hard, the next one easy"
    )
    assert friday.reason == "No run today, and a day clear before a long run on Sun"
    assert not tuesday.forced and not friday.forced


def test_when_no_day_fits_the_kept_day_says_what_it_breaks():
    tuesday, friday = week_of(EVERY_DAY_QUALITY).placements
    assert tuesday.forced and friday.forced
    assert tuesday.reason == "No day fits this week: Tue kept although Wed is tempo"


def test_spacing_looks_at_the_week_before():
    week = week_of([LONG_SUNDAY], default=(1, 4), previous=day(-1))
    assert days(week) == ["Tue", "Thu"]


GOAL_RACE = RunDay(GOAL, Kind.RACE, "Valencia 10K", goal=True)


@pytest.mark.parametrize(
    ("monday", "expected"),
    [
        # 3 weeks out: the plain plan, loaded.
        (GOAL - datetime.timedelta(days=20), [("Tue", False), ("Fri", False)]),
        # 2 weeks out: Tue (12 days before) loaded, Fri (9 days) bodyweight only.
        (GOAL - datetime.timedelta(days=13), [("Tue", False), ("Fri", True)]),
        # race week: Fri (2 days before) is free, so Thu instead; both light.
        (GOAL - datetime.timedelta(days=6), [("Tue", True), ("Thu", True)]),
    ],
    ids=["three weeks out", "two weeks out", "race week"],
)
def test_goal_race_taper(monday, expected):
    week = week_of([GOAL_RACE], monday=monday)
    assert [(f"{p.date:%a}", p.light) for p in week.placements] == expected


def test_the_last_loaded_session_is_ten_days_or_more_before_the_goal_race():
    five_weeks_out = GOAL - datetime.timedelta(days=34)
    placed = place(
        start=five_weeks_out, end=GOAL, first=five_weeks_out,
        default=(2, 4, 6), runs=Runs([GOAL_RACE]), rules=Rules(),
    )  # fmt: skip
    loaded = [p.date for p in placed if not p.light]
    assert (GOAL - max(loaded)).days >= 10
    assert all((GOAL - p.date).days > 2 for p in placed)
    assert "light (bodyweight): 5 days to the goal race" in next(
        p.reason for p in placed if (GOAL - p.date).days == 5
    )


def test_race_week_with_three_sessions_drops_one_and_says_so():
    week = week_of([GOAL_RACE], monday=GOAL - datetime.timedelta(days=6), default=(2, 4, 6))
    # Only Mon-Thu are free of the race's last two days, and only two of
    # them keep a day between: fewer sessions, not a crammed taper.
    assert days(week) == ["Tue", "Thu"]
    assert week.notes == [
        "1 session left out this week: the goal race (Sun 26 Apr) comes first, with no "
        "strength in its last 2 days and a day between sessions"
    ]


def test_taper_rule_off_plans_as_usual():
    week = week_of([GOAL_RACE], monday=GOAL - datetime.timedelta(days=6),
                   rules=Rules(goal_race_taper=False))  # fmt: skip
    assert [(f"{p.date:%a}", p.light) for p in week.placements] == [("Tue", False), ("Fri", False)]


def test_planning_again_in_mid_week_finds_the_same_days():
    runs = Runs([LONG_SUNDAY, INTERVALS_TUESDAY])
    whole = place(start=day(0), end=day(13), first=day(-30), default=(1, 6), runs=runs,
                  rules=Rules())  # fmt: skip
    later = place(start=day(3), end=day(13), first=day(-30), default=(1, 6), runs=runs,
                  rules=Rules())  # fmt: skip
    assert later == [p for p in whole if p.date >= day(3)]
