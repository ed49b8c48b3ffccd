"""The combined week, runs beside strength, with why each strength day is
where it is: for the athlete's week page and the coach's training page.

Read-only, a fixed number of queries (the runs and rules, the active
assignments, the week's strength days). The reasons are derived, not stored:
placement runs again on the same runs, so a reason cannot go stale."""

import datetime
from dataclasses import dataclass, field

from coaching.models import Assignment, Run, SessionEntry
from coaching.running.models import Kind, RunningPlan
from coaching.running.placement import RACE_FREE_DAYS, TAPER_DAYS, place_week, reason
from coaching.running.plan import RULE_FIELDS, RunPlan
from coaching.services.sessions import monday_of, planned_weekdays

ONE_DAY = datetime.timedelta(days=1)


@dataclass
class Day:
    date: datetime.date
    runs: list[Run] = field(default_factory=list)
    strength: list[str] = field(default_factory=list)  # exercise names
    why: str = ""
    light: bool = False
    forced: bool = False

    @property
    def line(self) -> str:
        """ "Tue: intervals 6 x 800 m, then strength"."""
        parts = [run_words(run) for run in self.runs]
        text = ", ".join(parts)
        if self.strength:
            text = f"{text}, then strength" if text else "strength"
        return f"{self.date:%a}: {text}" if text else ""


def run_words(run: Run) -> str:
    """ "intervals 6 x 800 m", "long run: Tirada larga 22 km" (the kind said
    once: a title that already says it stands alone)."""
    title = run.title[:1].lower() + run.title[1:]
    label = run.get_kind_display().lower()
    words = (
        title
        if label.split()[0] in title.lower() or run.kind == "quality"
        else (f"{label}: {title}")
    )
    if run.is_goal_race:
        words += " (goal race)"
    return words


@dataclass
class CombinedWeek:
    monday: datetime.date
    days: list[Day]
    notes: list[str]
    has_runs: bool

    @property
    def shown(self) -> list[Day]:
        return [day for day in self.days if day.runs or day.strength]

    def on(self, date: datetime.date) -> Day | None:
        return next((day for day in self.days if day.date == date), None)


def combined_week(
    *,
    athlete,
    monday: datetime.date,
    strength: list[tuple[datetime.date, str]] | None = None,
    assignments: list[Assignment] | None = None,
) -> CombinedWeek:
    """`strength`: (day, exercise name) of the week's entries, and
    `assignments` (those of the entries), when the page has them already:
    else both are read here."""
    monday = monday_of(monday)
    return combined_weeks(
        athlete=athlete, mondays=[monday], strength=strength, assignments=assignments
    )[0]


def combined_weeks(
    *,
    athlete,
    mondays: list[datetime.date],
    strength=None,
    assignments=None,
    plan: RunPlan | None = None,
) -> list[CombinedWeek]:
    """Several weeks read at once: the same queries as one."""
    first, last = min(mondays), max(mondays) + 6 * ONE_DAY
    plan = plan or RunPlan.load(athlete.pk, first, last)
    if strength is None:
        strength = list(
            SessionEntry.objects.filter(
                session__athlete=athlete, session__date__gte=first, session__date__lte=last
            )
            .values_list("session__date", "assignment__exercise__name")
            .order_by("session__date", "assignment__exercise__name")
        )
    if assignments is None:
        assignments = list(
            Assignment.objects.active().filter(athlete=athlete, start_date__lte=last)
        )
    return [_week(monday, plan, strength, assignments) for monday in mondays]


def _week(monday: datetime.date, plan: RunPlan, strength, assignments) -> CombinedWeek:
    sunday = monday + 6 * ONE_DAY
    runs = [run for run in plan.rows if monday <= run.date <= sunday]
    days = [Day(monday + i * ONE_DAY) for i in range(7)]
    by_date = {day.date: day for day in days}
    for run in runs:
        by_date[run.date].runs.append(run)
    for date, name in strength:
        if date in by_date:
            by_date[date].strength.append(name)
    notes: list[str] = []
    placed = {}
    for assignment in assignments:
        if assignment.start_date > sunday:
            continue
        week = place_week(
            monday=monday,
            default=planned_weekdays(
                sessions_per_week=assignment.sessions_per_week, weekdays=assignment.weekdays
            ),
            runs=plan.runs,
            rules=plan.rules,
            first=assignment.start_date,
            last=sunday,
        )
        notes.extend(note for note in week.notes if note not in notes)
        for placement in week.placements:
            placed.setdefault(placement.date, placement)
    for day in days:
        if not day.strength:
            continue
        placement = placed.get(day.date)
        if placement is not None and placement.reason:
            day.why, day.light, day.forced = placement.reason, placement.light, placement.forced
        elif plan.runs.near(monday):
            day.why = reason(day.date, plan.runs, plan.rules)
    return CombinedWeek(monday=monday, days=days, notes=notes, has_runs=bool(runs))


def upcoming_runs(*, athlete, today: datetime.date, limit: int = 40) -> list[Run]:
    """The runs the coach may reclassify: from this week on, the goal race first."""
    return list(
        Run.objects.current()
        .filter(athlete=athlete, date__gte=monday_of(today))
        .order_by("-is_goal_race", "date", "start_time")[:limit]
    )


@dataclass
class CoachRunning:
    """The running part of the coach's training page."""

    weeks: list[CombinedWeek]
    runs: list[Run]  # this week on, the goal race first
    goal: Run | None
    settings: RunningPlan | None
    kinds = Kind.choices

    @property
    def light_from(self) -> datetime.date | None:
        """The goal race's taper: bodyweight only from this day, none from free_from."""
        return self.goal and self.goal.date - (TAPER_DAYS - 1) * ONE_DAY

    @property
    def free_from(self) -> datetime.date | None:
        return self.goal and self.goal.date - RACE_FREE_DAYS * ONE_DAY

    @property
    def rules(self) -> list[tuple[str, str, bool]]:
        """(field, the rule in words, on) for every placement rule."""
        return [
            (name, RunningPlan._meta.get_field(name).verbose_name, getattr(self.settings or
             RunningPlan(), name))
            for name in RULE_FIELDS
        ]  # fmt: skip


def coach_running(*, athlete, today: datetime.date) -> CoachRunning:
    monday = monday_of(today)
    mondays = [monday, monday + 7 * ONE_DAY]
    plan = RunPlan.load(athlete.pk, mondays[0], mondays[1] + 6 * ONE_DAY)
    return CoachRunning(
        weeks=combined_weeks(athlete=athlete, mondays=mondays, plan=plan),
        runs=upcoming_runs(athlete=athlete, today=today),
        # The window's read holds the goal race wherever it is.
        goal=next((run for run in plan.rows if run.is_goal_race), None),
        settings=plan.settings,
    )
