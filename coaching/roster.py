"""What the coach's pages read, in a fixed number of queries.

assignment_statuses(assignments) -> list[AssignmentStatus]
    Readiness for each assignment from ONE query of recent entries.
roster(coach, today=None, athlete_ids=None) -> list[DashboardRow]
    The dashboard's rows (coaching/dashboard.py caches them), constant query count.
filter_rows(rows, show) / sort_rows(rows, sort)
    Dashboard filters and sorting, in Python (readiness is computed there), on
    rows that carry a `standing` (a DashboardRow's, or the cached one's).
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Window,
)
from django.db.models.functions import JSONObject, RowNumber
from django.utils import timezone

from athletes.models import Athlete
from athletes.selectors import Result, latest_results_for, symmetry_headline
from athletes.versions import with_library_version
from coaching.site import compiled
from coaching.site.formats import kg
from coaching.site.json_rows import JSONRows, json_datetime
from exercises.models import ProgressionLevel

from .coach_forms import PrescriptionForm
from .models import (
    ACTIVE,
    Assignment,
    LevelChange,
    PrescriptionChange,
    SessionEntry,
    session_done,
)
from .notes import unread_count
from .prescription import prescription_text, schedule_text, shaped
from .readiness import SHORTFALL_SESSIONS, Criteria, EntryResult, Readiness, Verdict, readiness
from .session_state import session_state

ADHERENCE_DAYS = 28  # "the last 4 weeks"
PAIN_ALERT_DAYS = 14
PAIN_ALERT_ABOVE = 3
LOW_ADHERENCE_PCT = 60


@dataclass(frozen=True)
class AssignmentStatus:
    assignment: Assignment
    readiness: Readiness
    next_level: ProgressionLevel | None
    previous_level: ProgressionLevel | None

    @property
    def prescription(self) -> str:
        a = self.assignment
        return prescription_text(
            **shaped(a), load_note=a.level.load_note, unilateral=a.exercise.unilateral
        )

    @property
    def prescription_form(self) -> PrescriptionForm:
        return PrescriptionForm(assignment=self.assignment)

    @property
    def history(self) -> list["HistoryLine"]:
        """Level and prescription changes, newest first (both read with the
        assignment: _with_history)."""
        a = self.assignment
        lines = [HistoryLine.of_level(c) for c in a.level_history]
        lines += [HistoryLine.of_prescription(c) for c in a.prescription_history]
        return sorted(lines, key=lambda line: line.at, reverse=True)

    @property
    def criteria_text(self) -> str:
        """The level's criteria to advance, in one line for the coach."""
        return criteria_text(self.assignment.level)

    @property
    def schedule(self) -> str:
        """How often, with the preferred weekdays when there are any."""
        a = self.assignment
        return schedule_text(sessions_per_week=a.sessions_per_week, weekdays=a.weekdays)

    @property
    def level_count(self) -> int:
        return len(self.assignment.exercise.levels.all())  # prefetched


@dataclass(frozen=True)
class HistoryLine:
    """One change of an assignment, in the coach's words, from a row of
    _with_history's JSON (a dict: no model instance, no query of its own)."""

    at: datetime.datetime
    what: str
    by: str  # the coach's full name, else the username
    reason: str

    @classmethod
    def _of(cls, row: dict, what: str) -> "HistoryLine":
        by = f"{row['by_first']} {row['by_last']}".strip() or row["by_username"]
        return cls(json_datetime(row["at"]), what, by, row["reason"])

    @classmethod
    def of_level(cls, row: dict) -> "HistoryLine":
        direction = LevelChange.Direction(row["direction"]).label
        return cls._of(row, f"{direction} from level {row['from_order']} to {row['to_order']}")

    @classmethod
    def of_prescription(cls, row: dict) -> "HistoryLine":
        def words(which: str) -> str:
            side = {name: row[f"{which}_{name}"] for name in PrescriptionChange.FIELDS}
            if side["load_kg"] is not None:  # a JSON number
                side["load_kg"] = Decimal(str(side["load_kg"]))
            return prescription_text(**side)

        return cls._of(row, f"Prescription {words('from')} → {words('to')}")


def _neighbours(assignment: Assignment):
    """Next and previous level, from the prefetched `exercise.levels`."""
    levels = sorted(assignment.exercise.levels.all(), key=lambda lv: lv.order)
    order = assignment.level.order
    above = [lv for lv in levels if lv.order > order]
    below = [lv for lv in levels if lv.order < order]
    return (above[0] if above else None), (below[-1] if below else None)


RECENT_DAYS = 42  # where the last few sessions of almost every assignment are
RESULT_FIELDS = (
    "session__date",
    "reps_per_leg",
    "reps_left",
    "reps_right",
    "completed_at",
    "pain",
    "pain_side",
    "load_kg",
    "load_done_kg",
    "session__rpe",
    "session__next_morning_pain",
    "extra_sets_leg",
    "leg_reps",
)


@dataclass(frozen=True)
class AtLevel:
    """An assignment's latest planned entries at its level, newest first, and
    when the level last changed (the rule counts only what came after)."""

    since: datetime.datetime | None = None
    entries: tuple[EntryResult, ...] = ()


def _ranked(entries, lookback: int):
    """The newest `lookback` entries per assignment (a ROW_NUMBER() window),
    with the assignment's latest level change."""
    changed = LevelChange.objects.filter(assignment_id=OuterRef("assignment_id")).order_by(
        "-created_at"
    )
    return (
        entries.annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("assignment_id")],
                order_by=[F("session__date").desc(), F("pk").desc()],
            ),
            since=Subquery(changed.values("created_at")[:1]),
        )
        .filter(rank__lte=lookback)
        .order_by("assignment_id", "-session__date")
        .values_list("assignment_id", "since", *RESULT_FIELDS)
    )


def _result(row) -> EntryResult:
    date, prescribed, left, right, done_at, pain, side, load, load_done, rpe, morning, *shape = row
    return EntryResult(
        date=date,
        prescribed_reps=prescribed,
        reps_left=left,
        reps_right=right,
        completed_at=done_at,
        pain=pain,
        pain_side=side,
        prescribed_load_kg=load,
        load_kg=load_done,
        rpe=rpe,
        next_morning_pain=morning,
        shaped_leg=shape[0],
        leg_reps=shape[1],
    )


RECENT_IN_ROW = 12  # recent_results_column's cap: far above any level's "in a row"


def recent_results_column(today: datetime.date) -> JSONRows:
    """recent_results for one entry's assignment, as a column of the entry's
    own row (JSON objects, newest first, at most RECENT_IN_ROW): the
    check-off answers with the target without a query of its own.

    The newest ids are picked first and only those rows are built into
    JSON: ordering the whole history with its JSON built (PostgreSQL builds
    the select list before the sort) took half of a check-off's query."""
    newest = (
        SessionEntry.objects.filter(
            Q(completed_at__isnull=False) | Q(session__date__lt=today),
            assignment_id=OuterRef(OuterRef("assignment_id")),
            level_id=OuterRef(OuterRef("assignment__level_id")),
            session__athlete_id=OuterRef(OuterRef("session__athlete_id")),
        )
        .order_by("-session__date", "-pk")
        .values("pk")[:RECENT_IN_ROW]
    )
    rows = (
        SessionEntry.objects.filter(pk__in=newest)
        .order_by("-session__date", "-pk")
        .values(json=JSONObject(**{name: name for name in RESULT_FIELDS}))
    )
    return JSONRows(rows)


def at_level_of(entry: SessionEntry, since: datetime.datetime | None) -> AtLevel:
    """The AtLevel of an entry read with recent_results_column as `recent`
    (and its assignment's latest level change, `since`); a level asking for
    more sessions in a row than the column holds is read with recent_results."""
    level = entry.assignment.level
    if max(level.advance_sessions_in_row, SHORTFALL_SESSIONS) > RECENT_IN_ROW:
        return recent_results([entry.assignment])[entry.assignment_id]
    rows = [_from_json(row) for row in entry.recent]
    return AtLevel(since, tuple(_result(row) for row in rows))


def _from_json(row: dict) -> tuple:
    """A recent_results_column object as the row _result reads (in RESULT_FIELDS order)."""
    values = dict(row)
    values["session__date"] = datetime.date.fromisoformat(values["session__date"])
    if values["completed_at"]:
        values["completed_at"] = json_datetime(values["completed_at"])
    for name in ("load_kg", "load_done_kg"):
        if values[name] is not None:
            values[name] = Decimal(str(values[name]))
    return tuple(values[name] for name in RESULT_FIELDS)


def recent_results(
    assignments: Sequence[Assignment],
    *,
    split_days: int | None = None,
    today: datetime.date | None = None,
) -> dict[int, AtLevel]:
    """The latest planned entries at each assignment's current level (done, or
    missed: not done and their day past), newest first: ONE query (a
    ROW_NUMBER() window per assignment).

    `split_days` (the dashboard): TWO queries instead. Ranking a year of
    history for a whole roster made this the slowest part of the dashboard
    (docs/performance.md), so the last `split_days` are ranked first, joined
    to the roster's few recent sessions; only assignments with fewer results
    there (new ones, or after a break) look further back. The date ranges do
    not overlap, so the result is the same as the one ranking."""
    found: dict[int, list] = {a.pk: [] for a in assignments}
    since: dict[int, datetime.datetime | None] = {}
    if not assignments:
        return {}
    today = today or timezone.localdate()
    lookback = max(max(a.level.advance_sessions_in_row, SHORTFALL_SESSIONS) for a in assignments)
    at_level = SessionEntry.objects.filter(
        Q(completed_at__isnull=False) | Q(session__date__lt=today),  # today's may still come
        level_id=F("assignment__level_id"),  # a first cut; the rule applies `since`
    )
    older = at_level.filter(assignment_id__in=found.keys())
    if split_days is not None:
        start = today - datetime.timedelta(days=split_days)
        recent = older.filter(
            session__athlete_id__in={a.athlete_id for a in assignments},
            session__date__gte=start,
        )
        for assignment_id, changed, *row in _ranked(recent, lookback):
            since[assignment_id] = changed
            found[assignment_id].append(_result(row))
        # Id 0 matches nothing: the query still runs, so the count stays constant.
        short = [pk for pk, rows in found.items() if len(rows) < lookback] or [0]
        older = at_level.filter(assignment_id__in=short, session__date__lt=start)
    for assignment_id, changed, *row in _ranked(older, lookback):
        if len(found[assignment_id]) < lookback:
            since[assignment_id] = changed
            found[assignment_id].append(_result(row))
    return {pk: AtLevel(since.get(pk), tuple(rows)) for pk, rows in found.items()}


def criteria_text(level: ProgressionLevel) -> str:
    c = criteria_of(level)
    words = [f"{c.target_reps} reps each leg"]
    load = c.target_load_kg or level.default_load_kg
    if load:
        words.append(f"at least {kg(load)}")
    words.append(f"pain ≤ {c.max_pain}/10")
    if c.max_rpe is not None:
        words.append(f"RPE ≤ {c.max_rpe}")
    words.append(f"{c.sessions_in_row} planned sessions in a row")
    return ", ".join(words)


def criteria_of(level: ProgressionLevel) -> Criteria:
    return Criteria(
        target_reps=level.advance_reps_per_leg,
        target_load_kg=level.advance_load_kg,
        max_pain=level.advance_max_pain,
        max_rpe=level.advance_max_rpe,
        sessions_in_row=level.advance_sessions_in_row,
        load_step_kg=level.load_step_kg,
    )


def assignment_statuses(
    assignments: Sequence[Assignment], *, split_days: int | None = None
) -> list[AssignmentStatus]:
    """Readiness for active assignments (needs `level` and `exercise__levels`
    loaded). Ended assignments get no verdict and are skipped."""
    active = [a for a in assignments if a.active]
    results = recent_results(active, split_days=split_days)
    statuses = []
    for assignment in active:
        next_level, previous_level = _neighbours(assignment)
        at_level = results[assignment.pk]
        verdict = readiness(
            criteria_of(assignment.level),
            at_level.entries,
            since=timezone.localtime(at_level.since) if at_level.since else None,
            has_next=next_level is not None,
            has_previous=previous_level is not None,
        )
        statuses.append(AssignmentStatus(assignment, verdict, next_level, previous_level))
    return statuses


def active_assignments_prefetch(to_attr: str = "active_assignments") -> Prefetch:
    # The exercise is prefetched, not joined: a roster has hundreds of
    # assignments but a handful of exercises, and one shared instance each
    # (with its levels) costs far less than a copy per row (docs/performance.md).
    return Prefetch(
        "assignments",
        queryset=Assignment.objects.active()
        .select_related("level")
        .prefetch_related("exercise__levels")
        .order_by("exercise__name"),
        to_attr=to_attr,
    )


@dataclass(frozen=True)
class Standing:
    """What the dashboard's search, filters and sorting read of a row: small,
    so the cache keeps it beside the row's HTML instead of the whole row."""

    pk: int
    name: str  # rows come by name_order
    needs_attention: bool
    ready: bool
    adherence_pct: int | None
    last_session: datetime.date | None
    max_pain: int | None
    lsi: int | None  # the symmetry cell\'s LSI (sort_lsi), None when old or not computable


@dataclass
class DashboardRow:
    """One athlete on the coach's dashboard."""

    athlete: Athlete
    statuses: list[AssignmentStatus]
    planned: int
    completed: int
    last_session: datetime.date | None
    max_pain: int | None  # the highest pain above 3 in the last 2 weeks, else None
    lsi: Result | None  # the symmetry cell: athletes.selectors.symmetry_headline
    reasons: list[str] = field(default_factory=list)

    @property
    def adherence_pct(self) -> int | None:
        return round(100 * self.completed / self.planned) if self.planned else None

    @property
    def ready(self) -> bool:
        return any(s.readiness.verdict.is_ready for s in self.statuses)

    @property
    def needs_attention(self) -> bool:
        return bool(self.reasons)

    @property
    def ready_status(self) -> AssignmentStatus | None:
        """The first assignment ready to advance: its reason goes on the row."""
        return next((s for s in self.statuses if s.readiness.verdict.is_ready), None)

    @property
    def lsi_value(self) -> int | None:
        """What the LSI column sorts by: the symmetry cell's own sort value."""
        return self.lsi.sort_lsi if self.lsi is not None else None

    @property
    def standing(self) -> Standing:
        return Standing(
            self.athlete.pk,
            self.athlete.name,
            self.needs_attention,
            self.ready,
            self.adherence_pct,
            self.last_session,
            self.max_pain,
            self.lsi_value,
        )

    def attention_reasons(self) -> list[str]:
        reasons = []
        if self.max_pain is not None:
            reasons.append(f"Pain {self.max_pain}/10 in the last 2 weeks")
        if any(s.readiness.verdict == Verdict.REGRESS for s in self.statuses):
            reasons.append("Consider regressing")
        pct = self.adherence_pct
        if pct is not None and self.planned >= 2 and pct < LOW_ADHERENCE_PCT:
            reasons.append(f"Low adherence ({pct} %)")
        if self.lsi is not None and self.lsi.flagged:
            symmetry, test = self.lsi.symmetry, self.lsi.test.short_name
            lsi = f"LSI {symmetry.lsi} %" if symmetry.lsi is not None else symmetry.sentence
            reasons.append(f"{lsi} on {test}")
        unread = getattr(self.athlete, "unread_notes", None) or 0  # annotated by roster()
        if unread:
            reasons.append(f"{unread} unread note{'s' if unread > 1 else ''}")
        return reasons


def roster(
    coach, today: datetime.date | None = None, *, athlete_ids: Sequence[int] | None = None
) -> list[DashboardRow]:
    """One row per active athlete of this coach (or of those of them in
    `athlete_ids`), in 6 queries however many."""
    today = today or timezone.localdate()
    athletes = Athlete.objects.for_coach(coach).active()
    if athlete_ids is not None:
        athletes = athletes.filter(pk__in=athlete_ids)
    since = today - datetime.timedelta(days=ADHERENCE_DAYS - 1)
    in_window = Q(sessions__date__gte=since, sessions__date__lte=today)
    done = session_done("sessions")
    # Today's session counts as planned only once done: the day is not over.
    planned = in_window & (Q(sessions__date__lt=today) | done)
    pain = (
        SessionEntry.objects.filter(
            session__athlete=OuterRef("pk"),
            session__date__gt=today - datetime.timedelta(days=PAIN_ALERT_DAYS),
            session__date__lte=today,
            pain__gt=PAIN_ALERT_ABOVE,
        )
        .order_by("-pain")
        .values("pain")[:1]
    )
    athletes = list(
        athletes.annotate(
            unread_notes=Subquery(unread_count()),
            planned_count=Count("sessions", filter=planned),
            completed_count=Count("sessions", filter=in_window & done),
            last_session=Max("sessions__date", filter=done & Q(sessions__date__lte=today)),
            max_pain=Subquery(pain),
        )
        .prefetch_related(active_assignments_prefetch())
        .order_by("name", "pk")
    )
    statuses = assignment_statuses(
        [a for athlete in athletes for a in athlete.active_assignments], split_days=RECENT_DAYS
    )
    by_assignment = {s.assignment.pk: s for s in statuses}
    lsi = latest_results_for(athletes, today=today)
    rows = []
    for athlete in athletes:
        row = DashboardRow(
            athlete=athlete,
            statuses=[by_assignment[a.pk] for a in athlete.active_assignments],
            planned=athlete.planned_count,
            completed=athlete.completed_count,
            last_session=athlete.last_session,
            max_pain=athlete.max_pain,
            lsi=symmetry_headline(lsi[athlete.pk]),
        )
        row.reasons = row.attention_reasons()
        rows.append(row)
    return rows


SHOW_CHOICES = {"attention": "Needs attention", "ready": "Ready to advance", "all": "All"}
SORT_CHOICES = {
    "name": "Name",
    "adherence": "Adherence",
    "last_session": "Last session",
    "pain": "Pain",
    "lsi": "Latest LSI",
}
COLUMN_LABELS = {
    "name": "Athlete",
    "adherence": "Adherence (4 weeks)",
    "last_session": "Last session",
    "pain": "Pain (2 weeks)",
    "lsi": "Symmetry (latest LSI)",
}
# Each column's first direction: the one that puts who needs a look on top
# (lowest adherence, longest ago, most pain, least symmetric).
FIRST_ORDER = {
    "name": "asc",
    "adherence": "asc",
    "last_session": "asc",
    "pain": "desc",
    "lsi": "asc",
}
# What each column sorts by; None (nothing to compare) goes last either way.
SORT_KEYS = {
    "adherence": lambda s: s.adherence_pct,
    "last_session": lambda s: s.last_session or datetime.date.min,  # never = longest ago
    "pain": lambda s: s.max_pain or 0,  # none above 3/10 counts as none
    "lsi": lambda s: s.lsi,
}


def filter_rows[Row](rows: list[Row], show: str) -> list[Row]:
    if show == "attention":
        return [r for r in rows if r.standing.needs_attention]
    if show == "ready":
        return [r for r in rows if r.standing.ready]
    return rows


def name_order(standing: Standing) -> tuple:
    """The dashboard's order by name, the same on every database: ignoring
    case ("ana" beside "Ana", before "Bea"), then exactly, then by id."""
    return (standing.name.casefold(), standing.name, standing.pk)


def sort_rows[Row](rows: list[Row], sort: str, *, descending: bool = False) -> list[Row]:
    """Rows come by name_order; any other column sorts them, ties keeping name order."""
    if sort not in SORT_KEYS:
        return rows[::-1] if descending else rows
    key = SORT_KEYS[sort]
    known = [r for r in rows if key(r.standing) is not None]
    unknown = [r for r in rows if key(r.standing) is None]
    return sorted(known, key=lambda r: key(r.standing), reverse=descending) + unknown


@dataclass(frozen=True)
class TrainingOverview:
    """The athlete training page: active assignments with their readiness and
    ended ones, in 5 queries (assignments, levels, level and prescription changes,
    entries)."""

    statuses: list[AssignmentStatus]
    ended: list[Assignment]


def _changes(model, **columns) -> JSONRows:
    """An assignment's changes (newest first) as an array of JSON objects in
    the assignment's own row: its history costs no query of its own."""
    by = {"by_first": "changed_by__first_name", "by_last": "changed_by__last_name"}
    row = JSONObject(
        at="created_at", reason="reason", by_username="changed_by__username", **by, **columns
    )
    changes = model.objects.filter(assignment_id=OuterRef("pk")).order_by("-created_at", "-pk")
    return JSONRows(changes.values(json=row))


def _with_history(assignments):
    sides = [f"{which}_{name}" for which in ("from", "to") for name in PrescriptionChange.FIELDS]
    return (
        assignments.select_related("exercise", "level")
        .prefetch_related("exercise__levels")
        .annotate(
            level_history=_changes(
                LevelChange,
                direction="direction",
                from_order="from_level__order",
                to_order="to_level__order",
            ),
            prescription_history=_changes(PrescriptionChange, **{name: name for name in sides}),
        )
    )


def training_overview(athlete: Athlete) -> TrainingOverview:
    assignments = list(
        _with_history(athlete.assignments.all())
        .alias(ended=ExpressionWrapper(~ACTIVE, output_field=BooleanField()))
        .order_by("ended", "exercise__name", "-ended_at")
    )
    return TrainingOverview(
        statuses=assignment_statuses(assignments),
        ended=[a for a in assignments if not a.active],
    )


def status_of(assignment: Assignment) -> AssignmentStatus | None:
    """The card data of one assignment (None once it has ended)."""
    fresh = _with_history(Assignment.objects.filter(pk=assignment.pk)).get()
    statuses = assignment_statuses([fresh])
    return statuses[0] if statuses else None


def session_history(athlete: Athlete, today: datetime.date | None = None):
    """Sessions up to today, newest first, with their entries (for a paginator)."""
    today = today or timezone.localdate()
    return (
        athlete.sessions.filter(date__lte=today)
        .prefetch_related(
            Prefetch(
                "entries",
                queryset=SessionEntry.objects.select_related("assignment__exercise", "level"),
            )
        )
        .order_by("-date")
    )


def with_history_count(athletes, today: datetime.date | None = None):
    """Athletes annotated with `history_count` (sessions up to today), which
    history_page() takes instead of a COUNT query of its own."""
    today = today or timezone.localdate()
    return athletes.annotate(history_count=Count("sessions", filter=Q(sessions__date__lte=today)))


def training_athlete(user, pk: int, today: datetime.date) -> Athlete | None:
    """One of the coach's athletes with `history_count`, `unread_notes` and
    the library's version, for the training page, or None; compiled once a
    day (coaching/site/compiled.py: building it took longer than running it)."""
    if not getattr(user, "is_authenticated", False):
        return None
    key = f"training athlete:{today.isoformat()}"

    def build(coach: int, pk: int):
        athletes = Athlete.objects.for_coach(get_user_model()(pk=coach))
        return with_library_version(
            with_history_count(athletes, today)
            .annotate(unread_notes=Subquery(unread_count()))
            .filter(pk=pk)
        )

    found = compiled.run(key, build, coach=user.pk, pk=pk)
    return found[0] if found else None


def history_page_number(athlete: Athlete, number, per_page: int) -> int:
    """The page `number` stands for, as history_page() would show it (the
    first for junk, the last for past the end), without a query: the count
    comes annotated (with_history_count)."""
    return Paginator(range(athlete.history_count), per_page).get_page(number).number


def history_page(athlete: Athlete, number, per_page: int) -> Page:
    """One page of the session history; each session gets a `state` (a
    SessionState) from its prefetched entries."""
    today = timezone.localdate()
    paginator = Paginator(session_history(athlete, today), per_page)
    if hasattr(athlete, "history_count"):  # see with_history_count()
        paginator.count = athlete.history_count
    page = paginator.get_page(number)
    for session in page:
        session.state = session_state(
            date=session.date,
            today=today,
            completed=session.is_completed,
            any_done=any(entry.is_completed for entry in session.entries.all()),
        )
    return page
