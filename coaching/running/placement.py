"""Where the strength sessions go in a week of running, and why: pure.

The rules (each can be switched off per athlete, RunningPlan):
- no strength the day before a long run, a quality run or a race (nor on a race day);
- no strength the day after a long run;
- prefer a quality-run day (strength after the run: hard days hard, easy
  days easy) or an easy day;
- at least one day between two strength sessions;
- goal race taper: the last loaded session at least 10 days before it, only
  bodyweight (lighter) sessions in the final 10 days, none in the last 2.
A week never gets more sessions than asked for, and never loses one
silently: when no day fits, the best day is kept and says what it breaks
("no day fits this week: Tue kept although Wed is intervals"). A week with
no run near it keeps the plain weekday plan."""

import datetime
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from coaching.running.models import Kind

ONE_DAY = datetime.timedelta(days=1)
TAPER_DAYS = 10  # lighter sessions only in the last TAPER_DAYS before the goal race
RACE_FREE_DAYS = 2  # and none in the last RACE_FREE_DAYS
KEY = {Kind.LONG, Kind.QUALITY, Kind.RACE}
DAY = "%a"


@dataclass(frozen=True)
class RunDay:
    date: datetime.date
    kind: str
    title: str = ""
    goal: bool = False

    @property
    def words(self) -> str:
        """ "a long run", "intervals 6 x 800 m" (its title when it is a workout)."""
        if self.kind == Kind.QUALITY and self.title:
            return self.title[:1].lower() + self.title[1:]
        return {
            Kind.LONG: "a long run",
            Kind.RACE: "the goal race" if self.goal else "a race",
            Kind.EASY: "an easy run",
            Kind.QUALITY: "a quality run",
        }.get(self.kind, self.title or "a run")


@dataclass(frozen=True)
class Rules:
    free_day_before_key_runs: bool = True
    free_day_after_long_run: bool = True
    prefer_quality_and_easy_days: bool = True
    day_between_sessions: bool = True
    goal_race_taper: bool = True


@dataclass(frozen=True)
class Placement:
    date: datetime.date
    reason: str
    light: bool = False  # taper: bodyweight only
    forced: bool = False  # no day fitted every rule


@dataclass
class Week:
    placements: list[Placement] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the week left out, and why


class Runs:
    """The athlete's runs by day, with the goal race."""

    def __init__(self, runs: Iterable[RunDay]):
        self.by_day: dict[datetime.date, list[RunDay]] = {}
        self.goal: RunDay | None = None
        for run in runs:
            self.by_day.setdefault(run.date, []).append(run)
            if run.goal:
                self.goal = run

    def on(self, day: datetime.date) -> list[RunDay]:
        return self.by_day.get(day, [])

    def near(self, monday: datetime.date) -> bool:
        """Whether a run can change this week's plan."""
        if any(self.on(monday + d * ONE_DAY) for d in range(-1, 8)):
            return True
        goal = self.goal
        return (
            goal is not None
            and monday <= goal.date + ONE_DAY <= monday + (TAPER_DAYS + 7) * ONE_DAY
        )


def _first(runs: list[RunDay], kinds) -> RunDay | None:
    return next((run for run in runs if run.kind in kinds), None)


def taper(day: datetime.date, runs: Runs, rules: Rules) -> str | None:
    """ "none" or "light" inside the goal race's taper, else None."""
    goal = runs.goal
    if not rules.goal_race_taper or goal is None or day > goal.date:
        return None
    days_left = (goal.date - day).days
    if days_left <= RACE_FREE_DAYS:
        return "none"
    return "light" if days_left < TAPER_DAYS else None


def breaks(day: datetime.date, runs: Runs, rules: Rules) -> str | None:
    """The rule a strength session on `day` breaks, in words, or None."""
    today = runs.on(day)
    if _first(today, {Kind.RACE}):
        return f"{day:{DAY}} is race day"
    if rules.free_day_before_key_runs and (key := _first(runs.on(day + ONE_DAY), KEY)):
        return f"{day + ONE_DAY:{DAY}} is {key.words}"
    if rules.free_day_after_long_run and _first(runs.on(day - ONE_DAY), {Kind.LONG}):
        return f"{day - ONE_DAY:{DAY}} was a long run"
    return None


def _score(day: datetime.date, runs: Runs, rules: Rules) -> int:
    if not rules.prefer_quality_and_easy_days:
        return 0
    today = runs.on(day)
    if _first(today, {Kind.QUALITY}):
        return 3
    if _first(today, {Kind.EASY}):
        return 2
    return 0 if today else 1


def reason(day: datetime.date, runs: Runs, rules: Rules, *, light: bool = False) -> str:
    """Why a fitting day suits strength, in one line."""
    today = runs.on(day)
    run = _first(today, {Kind.QUALITY}) or _first(today, {Kind.EASY}) or (today or [None])[0]
    if run and run.kind == Kind.QUALITY:
        words = f"after {run.words}: the hard day stays hard, the next one easy"
    elif run and run.kind == Kind.EASY:
        words = "an easy run day, with the legs fresh for strength after it"
    elif run:
        words = f"after {run.words}"
    else:
        words = "no run today"
    nxt = _first(runs.on(day + 2 * ONE_DAY), KEY)
    if nxt and rules.free_day_before_key_runs:
        words += f", and a day clear before {nxt.words} on {day + 2 * ONE_DAY:{DAY}}"
    if light:
        left = (runs.goal.date - day).days
        words += f"; light (bodyweight): {left} days to the goal race"
    return words[:1].upper() + words[1:]


def _left_out(count: int, runs: Runs) -> list[str]:
    if count <= 0 or runs.goal is None:
        return []
    sessions = "1 session" if count == 1 else f"{count} sessions"
    return [
        f"{sessions} left out this week: the goal race ({runs.goal.date:%a %d %b}) comes "
        f"first, with no strength in its last {RACE_FREE_DAYS} days and a day between sessions"
    ]


def place_week(
    *,
    monday: datetime.date,
    default: Sequence[int],
    runs: Runs,
    rules: Rules,
    first: datetime.date,
    last: datetime.date,
    previous: datetime.date | None = None,
) -> Week:
    """The strength days of the week of `monday`, within [first, last]: as
    many as `default` holds there (the ISO weekdays of the plain plan, the
    coach's preferred days first); `previous`: the last one before this week."""
    week = Week()
    days = [monday + i * ONE_DAY for i in range(7) if first <= monday + i * ONE_DAY <= last]
    default_days = {monday + (d - 1) * ONE_DAY for d in default}
    wanted = len([d for d in days if d in default_days]) if days else 0
    if not runs.near(monday):
        week.placements = [Placement(day, "") for day in sorted(default_days) if day in days]
        return week
    free = [d for d in days if taper(d, runs, rules) != "none"]
    count = min(wanted, len(free))
    if count == 0:
        week.notes.extend(_left_out(wanted, runs))
        return week
    spacing = rules.day_between_sessions and count <= 4

    def cost(choice) -> tuple:
        blocked = sum(1 for d in choice if breaks(d, runs, rules))
        touching = 0
        if spacing:
            seq = ([previous] if previous else []) + list(choice)
            touching = sum(1 for a, b in itertools.pairwise(seq) if (b - a).days < 2)
        score = sum(_score(d, runs, rules) for d in choice)
        kept = sum(1 for d in choice if d in default_days)
        return (blocked + touching, -score, -kept, choice)

    best = min(itertools.combinations(free, count), key=cost)
    # Before the goal race, fewer sessions rather than one that breaks a rule.
    tapering = any(taper(d, runs, rules) == "light" for d in free)
    while tapering and len(best) > 1 and cost(best)[0]:
        best = min(itertools.combinations(free, len(best) - 1), key=cost)
    week.notes.extend(_left_out(wanted - len(best), runs))
    before = previous
    for day in best:
        light = taper(day, runs, rules) == "light"
        problem = breaks(day, runs, rules)
        if not problem and spacing and before and (day - before).days < 2:
            problem = f"{before:{DAY}} has strength too"
        if problem:
            text = f"No day fits this week: {day:{DAY}} kept although {problem}"
            if light:
                text += "; light (bodyweight) before the goal race"
            week.placements.append(Placement(day, text, light=light, forced=True))
        else:
            week.placements.append(Placement(day, reason(day, runs, rules, light=light), light))
        before = day
    return week


def place(
    *,
    start: datetime.date,
    end: datetime.date,
    first: datetime.date,
    default: Sequence[int],
    runs: Runs,
    rules: Rules,
) -> list[Placement]:
    """The placements of one assignment from start to end (inclusive);
    `first`: the assignment's first day. Whole weeks are placed (the week
    before too, for the spacing) and then cut to [start, end], so planning
    again in mid-week finds the same days."""
    monday = start - datetime.timedelta(days=start.isoweekday() - 1) - 7 * ONE_DAY
    previous: datetime.date | None = None
    placed: list[Placement] = []
    while monday <= end:
        week = place_week(
            monday=monday,
            default=default,
            runs=runs,
            rules=rules,
            first=first,
            last=monday + 6 * ONE_DAY,
            previous=previous,
        )
        placed.extend(p for p in week.placements if start <= p.date <= end)
        if week.placements:
            previous = week.placements[-1].date
        monday += 7 * ONE_DAY
    return placed
