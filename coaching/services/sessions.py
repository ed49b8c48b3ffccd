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


def planned_dates(*, assignment: Assignment, start: datetime.date, end: datetime.date):
    """Dates in [start, end] on which the assignment has a session."""
    return [p.date for p in placements(assignment=assignment, start=start, end=end)]


def _snapshot(assignment: Assignment) -> dict:
    """What a planned entry copies of its assignment: the level and prescription."""
    return {
        "level_id": assignment.level_id,
        "sets": assignment.sets,
        "reps_per_leg": assignment.reps_per_leg,
        "load_kg": assignment.load_kg,
        "extra_sets": assignment.extra_sets,
        "extra_sets_leg": assignment.extra_sets_leg,
    }


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


def plan_locked(*, athletes: list[Athlete], start: datetime.date, end: datetime.date) -> int:
    """plan_sessions for athletes whose rows the caller has locked (a group
    assignment locks them all, in pk order): the same rules, in 7 queries and
    2 touches however many athletes (the sessions and entries are created in
    bulk; the runs and placement rules read for all at once)."""
    ids = [athlete.pk for athlete in athletes]
    assignments = Assignment.objects.active().filter(athlete_id__in=ids, start_date__lte=end)
    wanted: dict[tuple[int, datetime.date], list[Assignment]] = {}
    light = set()  # (athlete, day, assignment pk): a taper session, bodyweight
    plans = RunPlan.load_many(ids, start, end)
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
                snapshot = _snapshot(assignment)
                if (*key, assignment.pk) in light:
                    snapshot = lighter(snapshot)
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

    Past and completed entries keep their snapshot: history stays true.
    Removed entries hold no user input (they were not completed); sessions
    left with nothing in them go too. Then plans ahead, so new days appear."""
    today = today or timezone.localdate()
    athlete = Athlete.objects.lock_for_write(assignment.athlete_id)
    assignment = Assignment.objects.get(pk=assignment.pk)  # the saved prescription
    sessions = list(
        TrainingSession.objects.select_for_update().filter(
            athlete=athlete,
            date__gte=today,
            pk__in=SessionEntry.objects.filter(assignment=assignment).values("session_id"),
        )
    )
    pending = SessionEntry.objects.filter(
        assignment=assignment, completed_at__isnull=True, session__in=sessions
    ).select_related("session")

    if assignment.active:
        last = max((s.date for s in sessions), default=today)
        keep_days = set(planned_dates(assignment=assignment, start=today, end=last))
        stale = [e.pk for e in pending if e.session.date not in keep_days]
    else:
        stale = [e.pk for e in pending]
    removed, _ = SessionEntry.objects.filter(pk__in=stale).delete()
    updated = (
        SessionEntry.objects.filter(
            assignment=assignment, completed_at__isnull=True, session__in=sessions
        )
        .exclude(**_snapshot(assignment))
        .update(**_snapshot(assignment))
    )

    for session in sessions:
        # A session's completion is derived from its entries: nothing to
        # bring in line here; an emptied session goes unless it holds input.
        holds_input = session.coach_comment or session.note or session.rpe
        if not holds_input and not session.entries.exists():
            session.delete()
    if assignment.active:
        plan_ahead(athlete=athlete, today=today)
    return removed + updated


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
    entry.reps_left = entry.reps_right = entry.reps_per_leg
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
