"""Writes of the running plan: importing runs, the coach's classification and
goal race, the placement rules; each re-plans the athlete's open sessions
from tomorrow on, in the same transaction.

Lock order (coaching/services/__init__.py): the athlete row first, then
sessions, then entries; runs and rules are written under the athlete's lock."""

import dataclasses
import datetime
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from athletes.models import Athlete, AthleteArchived
from coaching.models import Assignment
from coaching.running.classify import classify, is_running, usual_duration
from coaching.running.fetch import fetch_calendar
from coaching.running.models import Kind, Run, RunningPlan, Source
from coaching.running.parsers import ParsedRun, Refused, read_calendar
from coaching.running.plan import RULE_FIELDS
from coaching.services.sessions import replan_locked

# What an import writes on a run; the coach's kind and the goal race are not
# among them, so a re-import keeps them.
IMPORTED = (
    "date", "start_time", "title", "description", "sport", "duration", "distance_m",
    "source", "detected_kind",
)  # fmt: skip


@dataclass(frozen=True)
class Imported:
    created: int
    updated: int
    unchanged: int
    replanned: int  # open sessions' entries moved, added or lightened
    removed: int = 0  # runs ahead no longer in the re-imported plan (archived)

    @property
    def message(self) -> str:
        if not self.created and not self.updated and not self.removed:
            return f"Nothing new: the {self.unchanged} runs in this file were already here."
        words = f"{self.created} runs added, {self.updated} updated"
        if self.unchanged:
            words += f", {self.unchanged} unchanged"
        if self.removed:
            words += f", {self.removed} removed (no longer in the plan)"
        if self.replanned:
            words += f"; {self.replanned} strength sessions moved to fit"
        return words + "."


def _plan_file(runs, known) -> str | None:
    """The plan a calendar file's runs belong to: the one of the runs it
    shares with an earlier import (a changed plan keeps its events' UIDs),
    else a new one; "" for the calendar link (one plan: the link), None for
    activities (they happened: a later file never removes one)."""
    sources = {run.source for run in runs}
    if sources == {Source.CALENDAR}:
        return ""
    if sources != {Source.FILE}:
        return None
    earlier = sorted(r.plan_file for r in known if r.source == Source.FILE and r.plan_file)
    return earlier[0] if earlier else uuid.uuid4().hex


@transaction.atomic
def import_runs(
    *, athlete: Athlete, runs: list[ParsedRun], today: datetime.date | None = None
) -> Imported:
    """Add the file's runs, or update those already imported (same source
    key): a second import of the same file changes nothing. A plan (a
    calendar file, or the link) is read as the whole plan: its runs from today
    on that it no longer holds are removed, archived with the coach's kind and
    goal-race flag (the past stays as planned: links often drop past events),
    and one that comes back is restored. Then re-plan."""
    today = today or timezone.localdate()
    athlete = Athlete.objects.lock_for_write(athlete.pk)
    by_key = {run.source_key: run for run in runs}  # a key twice in a file: the last
    known = {r.source_key: r for r in Run.objects.filter(athlete=athlete, source_key__in=by_key)}
    plan_file = _plan_file(by_key.values(), known.values())
    usual = usual_duration(
        [
            *Run.objects.current()
            .filter(athlete=athlete, duration__isnull=False)
            .exclude(source_key__in=by_key)
            .values_list("duration", flat=True),
            *(run.duration for run in by_key.values() if is_running(run.sport)),
        ]
    )
    new, changed, fields, restored = [], [], set(), []
    now = timezone.now()
    for key, parsed in by_key.items():
        values = {name: getattr(parsed, name) for name in IMPORTED if name != "detected_kind"}
        values["detected_kind"] = classify(
            title=parsed.title,
            description=parsed.description,
            sport=parsed.sport,
            duration=parsed.duration,
            usual=usual,
        )
        values["plan_file"] = plan_file or ""
        run = known.get(key)
        if run is None:
            new.append(Run(athlete=athlete, source_key=key, **values))
            continue
        if run.archived_at is not None:  # back in the plan
            values["archived_at"] = None
            restored.append(run)
        if differing := {name for name, value in values.items() if getattr(run, name) != value}:
            for name in differing:
                setattr(run, name, values[name])
            run.imported_at = now
            changed.append(run)
            fields |= differing
    # A goal race back in the plan stays one unless the coach chose another since.
    restored_goal = [run for run in restored if run.is_goal_race]
    if restored_goal and Run.objects.goal_race().filter(athlete=athlete).exists():
        for run in restored_goal:
            run.is_goal_race = False
        fields.add("is_goal_race")
    Run.objects.bulk_create(new)
    if changed:
        # Only the columns that changed: each one is a CASE over every row.
        Run.objects.bulk_update(changed, [*sorted(fields), "imported_at"])
    removed = 0
    if plan_file is not None and (plan_file == "" or known):
        gone = Run.objects.current().filter(
            athlete=athlete,
            date__gte=today,
            source=Source.CALENDAR if plan_file == "" else Source.FILE,
        )
        if plan_file:
            gone = gone.filter(plan_file=plan_file)
        removed = gone.exclude(source_key__in=by_key).update(archived_at=now)
    replanned = (
        replan_open_sessions(athlete=athlete, today=today) if new or changed or removed else 0
    )
    return Imported(
        len(new), len(changed), len(by_key) - len(new) - len(changed), replanned, removed
    )


@transaction.atomic
def classify_run(
    *, run: Run, kind: str, goal_race: bool, today: datetime.date | None = None
) -> Run:
    """The coach's kind for a run, and whether it is the goal race (one per
    athlete: marking another one unmarks the previous)."""
    athlete = Athlete.objects.lock_for_write(run.athlete_id)
    run = Run.objects.current().get(pk=run.pk, athlete=athlete)
    if goal_race:
        kind = Kind.RACE
        Run.objects.goal_race().filter(athlete=athlete).exclude(pk=run.pk).update(
            is_goal_race=False
        )
    coach_kind = "" if kind == run.detected_kind and not goal_race else kind
    if (run.coach_kind, run.is_goal_race) != (coach_kind, goal_race):
        run.coach_kind, run.is_goal_race = coach_kind, goal_race
        run.save(update_fields=["coach_kind", "is_goal_race", "imported_at"])
        replan_open_sessions(athlete=athlete, today=today or timezone.localdate())
    return run


@transaction.atomic
def set_rules(
    *, athlete: Athlete, by, today: datetime.date | None = None, calendar_url: str = "", **rules
) -> RunningPlan:
    """The placement rules (and the calendar link) of one athlete; re-plans
    when they changed. A new link is read by the caller, after the commit."""
    athlete = Athlete.objects.lock_for_write(athlete.pk)
    values = {name: bool(rules.get(name)) for name in RULE_FIELDS} | {"calendar_url": calendar_url}
    row, created = RunningPlan.objects.get_or_create(
        athlete=athlete, defaults=values | {"changed_by": by}
    )
    if not created and any(getattr(row, k) != v for k, v in values.items()):
        for name, value in values.items():
            setattr(row, name, value)
        row.changed_by = by
        row.save()
    elif not created:
        return row
    replan_open_sessions(athlete=athlete, today=today or timezone.localdate())
    return row


def read_calendar_link(*, athlete: Athlete, today: datetime.date | None = None, fetch=None):
    """Read the athlete's calendar link and import what it holds, then note
    when and with what result (or why not) beside the link. The link is read
    before any lock is taken: no row waits on the network. Returns the
    Imported result, or None without a link; raises nothing for a bad link
    (its message is the status the coach sees)."""
    today = today or timezone.localdate()
    row = RunningPlan.objects.filter(athlete=athlete).first()
    if row is None or not row.calendar_url:
        return None
    fetch = fetch or fetch_calendar
    try:
        data = fetch(row.calendar_url, allow_private=settings.CALENDAR_LINKS_MAY_BE_PRIVATE)
        runs = [
            dataclasses.replace(run, source=Source.CALENDAR)
            for run in read_calendar(data, today=today)
        ]
        result = import_runs(athlete=athlete, runs=runs, today=today)
        status = result.message
    except Refused as refused:
        result, status = None, refused.message
    except AthleteArchived:
        return None
    RunningPlan.objects.filter(pk=row.pk).update(
        calendar_read_at=timezone.now(), calendar_status=status[:300]
    )
    return result


def athletes_with_calendar_links():
    """The athletes whose calendar link is re-read (active ones with a link)."""
    return Athlete.objects.active().filter(running_plan__calendar_url__gt="").order_by("pk")


@transaction.atomic(savepoint=False)  # inside an import: no savepoint of its own
def replan_open_sessions(*, athlete: Athlete, today: datetime.date) -> int:
    """Bring open sessions from tomorrow to the end of next week in line with
    the runs: entries not done move to the days placement picks now (and get
    the taper's lighter prescription, or lose it). Done entries, past days and
    today are never touched. Idempotent. The caller holds the athlete's lock
    (taken again here, which is a no-op, so this may run alone too: in a
    transaction of its own). Returns
    how many entries moved, were added or changed prescription."""
    athlete = Athlete.objects.lock_for_write(athlete.pk)
    assignments = list(Assignment.objects.active().filter(athlete=athlete))
    done = replan_locked(athlete=athlete, assignments=assignments, today=today)
    return max(done.removed, done.added) + done.updated
