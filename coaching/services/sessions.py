"""Planning sessions from active assignments, and checking them off.

Planning is re-runnable: the unique (athlete, date) session and unique
(session, assignment) entry make a second run a no-op, and rows the athlete
has touched (completed entries) are never changed by planning.

Every function here takes the athlete row first, then sessions, then entries:
the lock order of coaching/services/__init__.py."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from athletes.models import Athlete, AthleteArchived
from coaching.models import Assignment, SessionEntry, TrainingSession
from coaching.prescription import PRESCRIPTION_FIELDS, legs_of
from coaching.running.placement import Placement
from coaching.running.plan import RunPlan, lighter

ONE_DAY = datetime.timedelta(days=1)
ONE_WEEK = datetime.timedelta(days=7)

# Where sessions go when the coach picked no weekdays: spread through the
# week with rest days between them (ISO weekdays, 1 = Monday).
SPREAD = {
    1: (2,),
    2: (2, 5),
    3: (1, 3, 5),
    4: (1, 2, 4, 6),
    5: (1, 2, 3, 5, 6),
    6: (1, 2, 3, 4, 5, 6),
    7: (1, 2, 3, 4, 5, 6, 7),
}


class CheckOffClosed(Exception):
    """The entry's day is not open for check-off (a future day or a past week)."""


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.isoweekday() - 1)


def planned_weekdays(*, sessions_per_week: int, weekdays: list | tuple = ()) -> tuple[int, ...]:
    """The ISO weekdays an assignment trains on: the coach's preferred days
    first (in week order), topped up from SPREAD when there are fewer of them
    than sessions per week, cut when there are more."""
    count = max(1, min(7, int(sessions_per_week)))
    preferred = sorted({int(d) for d in weekdays or () if str(d).isdigit() and 1 <= int(d) <= 7})
    days = preferred[:count]
    for day in (*SPREAD[count], *range(1, 8)):
        if len(days) == count:
            break
        if day not in days:
            days.append(day)
    return tuple(sorted(days))


def placements(
    *,
    assignment: Assignment,
    start: datetime.date,
    end: datetime.date,
    plan: RunPlan | None = None,
) -> list[Placement]:
    """The assignment's sessions in [start, end], placed around the athlete's
    runs (coaching/running/placement.py: the rules, and why each day);
    without runs near, on its planned weekdays."""
    plan = plan or RunPlan.load(assignment.athlete_id, start, end)
    weekdays = planned_weekdays(
        sessions_per_week=assignment.sessions_per_week, weekdays=assignment.weekdays
    )
    return plan.place(first=assignment.start_date, start=start, end=end, default=weekdays)


SNAPSHOT_FIELDS = ("level_id", *PRESCRIPTION_FIELDS)


def _snapshot(assignment: Assignment) -> dict:
    """What a planned entry copies of its assignment: the level and prescription."""
    return {name: getattr(assignment, name) for name in SNAPSHOT_FIELDS}


def planned_snapshot(assignment: Assignment, *, light: bool) -> dict:
    """The snapshot of a planned entry: lighter on a day of the goal race's taper."""
    return lighter(_snapshot(assignment)) if light else _snapshot(assignment)


@transaction.atomic
def plan_sessions(*, athlete: Athlete, start: datetime.date, end: datetime.date) -> int:
    """Create the sessions and entries the athlete's active assignments call
    for between start and end (inclusive). Returns the number of entries created.

    Existing rows are left as they are, so re-running creates nothing. A
    session the athlete already completed gets no new entries: their day is
    done, and a new exercise starts at its next planned day."""
    if start > end:
        return 0
    try:
        athlete = Athlete.objects.lock_for_write(athlete.pk)
    except AthleteArchived:
        return 0  # nothing is planned for an archived athlete (the cron may still ask)
    return plan_locked(athletes=[athlete], start=start, end=end)


def plan_locked(
    *,
    athletes: list[Athlete],
    start: datetime.date,
    end: datetime.date,
    plans: dict[int, RunPlan] | None = None,
) -> int:
    """plan_sessions for athletes whose rows the caller has locked (a group
    assignment locks them all, in pk order): the same rules, in 7 queries and
    2 touches however many athletes (the sessions and entries are created in
    bulk; the runs and placement rules read for all at once, unless the
    caller read them already: `plans`, by athlete, covering start to end)."""
    ids = [athlete.pk for athlete in athletes]
    assignments = Assignment.objects.active().filter(athlete_id__in=ids, start_date__lte=end)
    wanted: dict[tuple[int, datetime.date], list[Assignment]] = {}
    light = set()  # (athlete, day, assignment pk): a taper session, bodyweight
    plans = plans or RunPlan.load_many(ids, start, end)
    for assignment in assignments.order_by("pk"):
        plan = plans[assignment.athlete_id]
        for placed in placements(assignment=assignment, start=start, end=end, plan=plan):
            wanted.setdefault((assignment.athlete_id, placed.date), []).append(assignment)
            if placed.light:
                light.add((assignment.athlete_id, placed.date, assignment.pk))
    if not wanted:
        return 0

    days = sorted({day for _, day in wanted})
    sessions = {
        (s.athlete_id, s.date): s
        for s in TrainingSession.objects.select_for_update()
        .with_completion()
        .filter(athlete_id__in=ids, date__in=days)
    }
    existing = set(
        SessionEntry.objects.filter(
            session__athlete_id__in=ids, session__date__in=days
        ).values_list("session__athlete_id", "session__date", "assignment_id")
    )
    missing = [
        TrainingSession(athlete_id=athlete_id, date=day)
        for athlete_id, day in sorted(wanted)
        if (athlete_id, day) not in sessions
    ]
    if missing:  # under the athletes' locks: nobody else creates their sessions
        created = TrainingSession.objects.bulk_create(missing)
        sessions.update({(s.athlete_id, s.date): s for s in created})
    new_entries = []
    for key in sorted(wanted):
        session = sessions[key]
        if session.__dict__.get("_completed_at") is not None:  # a day already done
            continue
        for assignment in wanted[key]:
            if (*key, assignment.pk) not in existing:
                snapshot = planned_snapshot(assignment, light=(*key, assignment.pk) in light)
                new_entries.append(SessionEntry(session=session, assignment=assignment, **snapshot))
    if new_entries:
        SessionEntry.objects.bulk_create(new_entries)
    return len(new_entries)


def plan_ahead(*, athlete: Athlete, today: datetime.date | None = None) -> int:
    """Plan the rest of this week and all of next week.

    Days before today are not planned: a session created after its day has
    passed would show as "missed" although the athlete never saw it."""
    return plan_sessions(athlete=athlete, **ahead(today))


def ahead(today: datetime.date | None = None) -> dict[str, datetime.date]:
    """What plan_ahead plans: from today to the end of next week."""
    today = today or timezone.localdate()
    return {"start": today, "end": monday_of(today) + 2 * ONE_WEEK - ONE_DAY}


@transaction.atomic
def refresh_future_entries(*, assignment: Assignment, today: datetime.date | None = None) -> int:
    """Bring the assignment's planned-but-not-done entries from today on in
    line with the assignment, after a level, prescription or schedule change
    or after it ended. Returns the number of entries updated or removed.

    The same re-placement as a change of the runs (replan_locked): a session
    in the goal race's taper stays lighter, a moved day stays moved. Past and
    completed entries keep their snapshot: history stays true. Today's open
    entry takes the change but keeps its day. Removed entries hold no user
    input (they were not completed); sessions left with nothing in them go
    too. Then plans ahead, so new days appear."""
    today = today or timezone.localdate()
    athlete = Athlete.objects.lock_for_write(assignment.athlete_id)
    assignment = Assignment.objects.get(pk=assignment.pk)  # the saved prescription
    done = replan_locked(athlete=athlete, assignments=[assignment], today=today, from_today=True)
    return done.removed + done.updated


@dataclass(frozen=True)
class Replanned:
    removed: int  # open entries on days placement no longer picks (or ended)
    updated: int  # open entries given their assignment's snapshot again
    added: int  # entries planned where none was


def replan_locked(
    *,
    athlete: Athlete,
    assignments: list[Assignment],
    today: datetime.date,
    from_today: bool = False,
) -> Replanned:
    """The one re-placement, after the runs, the rules, a level or a
    prescription changed: the open entries of `assignments` from tomorrow on
    (from today with `from_today`) go where placement puts them now, each with
    its assignment's snapshot, lighter in the goal race's taper; an ended
    assignment's go; then, unless `assignments` all ended, missing days are
    planned (every active assignment) to the end of next week. Done entries
    and past days never change; today's entries are never moved (the athlete
    may be at it), only brought in line.
    Idempotent: a second call finds nothing to do.

    The caller holds the athlete's lock; the sessions from the first day on
    are locked here, then entries written (the lock order)."""
    start = today if from_today else today + ONE_DAY
    end = ahead(today)["end"]
    sessions = list(
        TrainingSession.objects.select_for_update()
        .filter(athlete=athlete, date__gte=start)
        .values_list("date", flat=True)
    )
    # Sessions planned further ahead than plan_ahead's window move too.
    last = max([end, *sessions])
    plan = RunPlan.load(athlete.pk, start, last)
    by_pk = {assignment.pk: assignment for assignment in assignments}
    wanted = {
        (placed.date, assignment.pk)
        for assignment in assignments
        if assignment.active
        for placed in placements(assignment=assignment, start=start, end=last, plan=plan)
    }
    entries = SessionEntry.objects.filter(
        session__athlete=athlete,
        session__date__gte=start,
        completed_at__isnull=True,
        assignment__in=list(by_pk),
    ).select_related("session")
    stale, fixed = [], []
    for entry in entries:
        day, assignment = entry.session.date, by_pk[entry.assignment_id]
        if not assignment.active or ((day, assignment.pk) not in wanted and day != today):
            stale.append(entry.pk)
            continue
        snapshot = planned_snapshot(assignment, light=plan.light_on(day))
        if any(getattr(entry, name) != value for name, value in snapshot.items()):
            for name, value in snapshot.items():
                setattr(entry, name, value)
            fixed.append(entry)
    if stale:
        SessionEntry.objects.filter(pk__in=stale).delete()
        # An emptied session goes, unless it holds the athlete's or coach's words.
        TrainingSession.objects.filter(
            athlete=athlete, date__gte=start, entries__isnull=True, rpe__isnull=True
        ).filter(note="", coach_comment="").delete()
    if fixed:
        SessionEntry.objects.bulk_update(fixed, list(SNAPSHOT_FIELDS))
    added = 0
    if any(assignment.active for assignment in assignments):  # not after an ending alone
        added = plan_locked(athletes=[athlete], start=start, end=end, plans={athlete.pk: plan})
    return Replanned(len(stale), len(fixed), added)


# -- Check-off ---------------------------------------------------------------


@dataclass(frozen=True)
class CheckOff:
    entry: SessionEntry
    changed: bool  # False when the request repeated what was already recorded


def _open_days(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Athletes may log from the start of this week up to today: late logging
    of a forgotten day is fine, the future and past weeks are not changed."""
    return monday_of(today), today


@dataclass
class _Locked:
    session: TrainingSession
    entry: SessionEntry
    entries: list[SessionEntry]  # all of the session's, `entry` among them

    def states(self) -> list:
        return [e.completed_at for e in self.entries]


def _lock(entry: SessionEntry, today: datetime.date | None) -> _Locked:
    """Lock the athlete, then the session with its entries (the lock order),
    and check the day is open. The session and all its entries in one locked
    read (the athlete's lock already keeps other services out): the entry to
    change, and the others' states (undo clears the RPE once none is done)."""
    Athlete.objects.lock_for_write(entry.session.athlete_id)
    entries = list(
        SessionEntry.objects.select_for_update(of=("self", "session"))
        .select_related("session")
        .filter(session_id=entry.session_id)
        .order_by("pk")
    )
    locked = next((e for e in entries if e.pk == entry.pk), None)
    if locked is None:
        raise SessionEntry.DoesNotExist
    session = locked.session
    first, last = _open_days(today or timezone.localdate())
    if not first <= session.date <= last:
        raise CheckOffClosed(session.date)
    return _Locked(session, locked, entries)


def is_open_for_check_off(*, day: datetime.date, today: datetime.date | None = None) -> bool:
    first, last = _open_days(today or timezone.localdate())
    return first <= day <= last


def check_off_as_prescribed(*, entry: SessionEntry, today: datetime.date | None = None) -> CheckOff:
    """One tap: every prescribed rep on both legs at the prescribed load, no pain.

    A second tap (or a retry) finds the entry done and changes nothing. When
    `entry`, as read in this request, is done already, that is answered
    without a lock: taking them made every repeated tap a write (row locks
    are written, and the commit waits for the disk), for nothing to change."""
    if entry.completed_at is not None and is_open_for_check_off(
        day=entry.session.date, today=today
    ):
        return CheckOff(entry=entry, changed=False)
    return _check_off(entry, today)


@transaction.atomic
def _check_off(entry: SessionEntry, today: datetime.date | None) -> CheckOff:
    locked = _lock(entry, today)
    entry = locked.entry
    if entry.completed_at is not None:
        return CheckOff(entry=entry, changed=False)
    entry.completed_at = timezone.now()
    legs = legs_of(entry)  # each leg its own prescription
    entry.reps_left, entry.reps_right = legs["left"][1], legs["right"][1]
    entry.load_done_kg = entry.load_kg
    entry.pain = 0
    entry.save()
    return CheckOff(entry=entry, changed=True)


@transaction.atomic
def record_result(
    *,
    entry: SessionEntry,
    reps_left: int,
    reps_right: int,
    load_kg: Decimal | None,
    pain: int,
    pain_side: str = "",
    rpe: int | None = None,
    note: str = "",
    form_note: str = "",
    today: datetime.date | None = None,
) -> CheckOff:
    """What was actually done, per leg. Sending the same form again updates
    the one result in place (and reports no change when nothing differs).

    RPE and the note belong to the whole session; an empty value leaves
    what another entry of the session already recorded."""
    locked = _lock(entry, today)
    session, entry = locked.session, locked.entry
    result = {
        "reps_left": reps_left,
        "reps_right": reps_right,
        "load_done_kg": load_kg,
        "pain": pain,
        "pain_side": pain_side if pain else "",  # a side only for a pain there is
        "form_note": form_note,
    }
    same = entry.completed_at is not None and all(
        getattr(entry, field) == value for field, value in result.items()
    )
    if not same:
        for field, value in result.items():
            setattr(entry, field, value)
        entry.completed_at = entry.completed_at or timezone.now()
        entry.save()
    session_changes = {}
    if rpe is not None and session.rpe != rpe:
        session_changes["rpe"] = rpe
    if note and session.note != note:
        session_changes["note"] = note
    if session_changes:
        for field, value in session_changes.items():
            setattr(session, field, value)
        session.save(update_fields=list(session_changes))
    return CheckOff(entry=entry, changed=not same or bool(session_changes))


@transaction.atomic
def undo_check_off(*, entry: SessionEntry, today: datetime.date | None = None) -> CheckOff:
    """Back to planned: the result is cleared (so the session is no longer done).
    Undoing twice changes nothing the second time."""
    locked = _lock(entry, today)
    session, entry = locked.session, locked.entry
    if entry.completed_at is None:
        return CheckOff(entry=entry, changed=False)
    entry.completed_at = None
    entry.reps_left = entry.reps_right = entry.pain = entry.load_done_kg = None
    entry.form_note = entry.pain_side = ""
    entry.save()
    if session.rpe is not None and not any(locked.states()):
        # An effort rating belongs to a session that happened.
        session.rpe = None
        session.save(update_fields=["rpe"])
    return CheckOff(entry=entry, changed=True)


# -- Once per session: the effort, and the next morning ---------------------------

MORNING_DAYS = (1, 2)  # days after the session: the next morning, or a day late


def is_open_for_next_morning(*, day: datetime.date, today: datetime.date | None = None) -> bool:
    return ((today or timezone.localdate()) - day).days in MORNING_DAYS


def _lock_session(session: TrainingSession) -> TrainingSession:
    """The athlete, then the session (the lock order); refuses a session with
    nothing done: effort and next-morning pain belong to one that happened."""
    Athlete.objects.lock_for_write(session.athlete_id)
    locked = TrainingSession.objects.select_for_update().get(pk=session.pk)
    if not SessionEntry.objects.filter(session=locked, completed_at__isnull=False).exists():
        raise NothingDone(locked.date)
    return locked


class NothingDone(Exception):
    """Effort or next-morning pain for a session with no exercise done."""


@transaction.atomic
def record_effort(
    *, session: TrainingSession, rpe: int, today: datetime.date | None = None
) -> bool:
    """The RPE of the whole session (1-10), asked once per session rather than
    in each exercise. The same answer again changes nothing (returns False)."""
    if not is_open_for_check_off(day=session.date, today=today):
        raise CheckOffClosed(session.date)
    locked = _lock_session(session)
    if locked.rpe == rpe:
        return False
    locked.rpe = rpe
    locked.save(update_fields=["rpe"])
    return True


@transaction.atomic
def record_next_morning_pain(
    *, session: TrainingSession, pain: int, today: datetime.date | None = None
) -> bool:
    """Pain the morning after (0-10, the pain-monitoring model's 24-hour
    response): asked on the athlete's week the day after the session (answers
    a day late are taken too). The URL a reminder can link to:
    coaching:next_morning (week/sessions/<pk>/morning/), GET asks, POST answers."""
    if not is_open_for_next_morning(day=session.date, today=today):
        raise CheckOffClosed(session.date)
    locked = _lock_session(session)
    if locked.next_morning_pain == pain:
        return False
    locked.next_morning_pain = pain
    locked.save(update_fields=["next_morning_pain"])
    return True


def athletes_to_plan():
    """Athletes the daily planning run looks at."""
    return (
        Athlete.objects.active()
        .filter(assignments__ended_at__isnull=True)
        .distinct()
        .order_by("pk")
    )


def plan_all() -> tuple[int, int]:
    """The daily planning run (the `plan_sessions` command and its periodic
    task): plans ahead for every athlete, one transaction each, so a long run
    never holds one athlete's lock while planning another. Returns (athletes,
    new entries)."""
    athletes = entries = 0
    for athlete in athletes_to_plan().iterator():
        entries += plan_ahead(athlete=athlete)
        athletes += 1
    return athletes, entries
