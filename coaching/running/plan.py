"""An athlete's runs and placement rules, read for planning (two queries)."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Q

from coaching.running.models import Kind, Run, RunningPlan
from coaching.running.placement import TAPER_DAYS, Placement, Rules, RunDay, Runs, place, taper

RULE_FIELDS = tuple(f for f in Rules.__dataclass_fields__)


def rules_of(row: RunningPlan | None) -> Rules:
    return Rules(**{name: getattr(row, name) for name in RULE_FIELDS}) if row else Rules()


@dataclass(frozen=True)
class RunPlan:
    runs: Runs
    rules: Rules
    rows: tuple[Run, ...] = ()  # the Run rows read, for pages that show them
    settings: RunningPlan | None = None

    @classmethod
    def load(cls, athlete_id: int, start: datetime.date, end: datetime.date) -> "RunPlan":
        """The runs that can move a session between start and end (the week
        before and the taper after included), the goal race wherever it is."""
        return cls.load_many([athlete_id], start, end)[athlete_id]

    @classmethod
    def load_many(cls, athlete_ids, start: datetime.date, end: datetime.date) -> dict:
        """load() for several athletes in the same two queries."""
        window = Q(
            date__gte=start - datetime.timedelta(days=15),
            date__lte=end + datetime.timedelta(days=TAPER_DAYS + 1),
        )
        rows: dict[int, list[Run]] = {pk: [] for pk in athlete_ids}
        wanted = Q(athlete_id__in=rows) & (window | Q(is_goal_race=True))
        for run in Run.objects.current().filter(wanted):
            rows[run.athlete_id].append(run)
        settings = {s.athlete_id: s for s in RunningPlan.objects.filter(athlete_id__in=rows)}
        plans = {}
        for pk, runs in rows.items():
            days = [
                RunDay(date=r.date, kind=r.kind, title=r.title, goal=r.is_goal_race)
                for r in runs
                if r.kind != Kind.OTHER
            ]
            row = settings.get(pk)
            plans[pk] = cls(runs=Runs(days), rules=rules_of(row), rows=tuple(runs), settings=row)
        return plans

    def place(
        self,
        *,
        first: datetime.date,
        start: datetime.date,
        end: datetime.date,
        default: Sequence[int],
    ) -> list[Placement]:
        return place(
            start=start, end=end, first=first, default=default, runs=self.runs, rules=self.rules
        )

    def light_on(self, day: datetime.date) -> bool:
        """Whether a session on `day` is a taper one (bodyweight, lighter)."""
        return taper(day, self.runs, self.rules) == "light"


def lighter(snapshot: dict) -> dict:
    """A taper session's prescription: bodyweight, one set fewer."""
    return snapshot | {"load_kg": None, "sets": max(1, snapshot["sets"] - 1)}
