"""What the athlete's week page shows, read in a fixed number of queries.

Read-only: nothing here plans or writes (planning runs on assignment changes
and in the daily `plan_sessions` command, never on a page view)."""

import datetime
import functools
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from athletes.models import Athlete
from coaching.models import Assignment, LevelChange, SessionEntry, TrainingSession
from coaching.prescribing import weaker_leg
from coaching.prescription import first_leg, hand_hint, prescription_text, shaped
from coaching.readiness import Readiness, Verdict, readiness
from coaching.roster import (
    AtLevel,
    at_level_of,
    criteria_of,
    recent_results,
    recent_results_column,
)
from coaching.running.week import CombinedWeek, Day, combined_week
from coaching.services.sessions import (
    is_open_for_check_off,
    is_open_for_next_morning,
    monday_of,
)
from coaching.session_state import SessionState, session_state
from coaching.site import compiled
from coaching.site.formats import kg
from coaching.week_forms import ResultForm
from exercises.models import CommonMistake, ProgressionLevel

ONE_DAY = datetime.timedelta(days=1)
ONE_WEEK = datetime.timedelta(days=7)
# The weeks there are to open: from 2000 to two years ahead. Years 1 to 9999
# let one athlete fill the page cache with thousands of weeks.
FIRST_MONDAY = datetime.date(2000, 1, 3)  # the first Monday of 2000
WEEKS_AHEAD = 104
MOVED_SHOWN_DAYS = 14  # how long the card says why the level changed


def entries_for(user):
    """The signed-in athlete's entries, with everything an entry card shows,
    in ONE query: the exercise's top mistake comes as two subquery columns
    rather than a prefetch of every mistake (a query less on each page)."""
    top_mistake = CommonMistake.objects.filter(
        exercise_id=OuterRef("assignment__exercise_id")
    ).order_by("order")[:1]
    next_level = ProgressionLevel.objects.filter(
        exercise_id=OuterRef("assignment__exercise_id"),
        order__gt=OuterRef("assignment__level__order"),
    ).order_by("order")[:1]
    moved = LevelChange.objects.filter(assignment_id=OuterRef("assignment_id")).order_by(
        "-created_at"
    )[:1]
    return (
        SessionEntry.objects.for_athlete(user)
        .select_related("session__athlete", "assignment__exercise", "assignment__level", "level")
        .annotate(
            mistake_title=Subquery(top_mistake.values("title")),
            mistake_fix=Subquery(top_mistake.values("how_to_fix")),
            next_level_order=Subquery(next_level.values("order")),
            moved_at=Subquery(moved.values("created_at")),
            moved_direction=Subquery(moved.values("direction")),
            moved_reason=Subquery(moved.values("reason")),
        )
    )


@dataclass(frozen=True)
class Target:
    """What the athlete aims for at this level and how far they are: "Aim for
    10 each leg" and "2 of 2 sessions at target: ask your coach about level 3"."""

    reps: int
    load_kg: Decimal | None
    readiness: Readiness
    next_level: int | None

    @property
    def aim(self) -> str:
        words = f"Aim for {self.reps} each leg"
        return words + (f" with {kg(self.load_kg)}" if self.load_kg else "")

    @property
    def progress(self) -> str:
        r = self.readiness
        words = f"{r.streak} of {_sessions(r.needed)} at target"
        if r.verdict == Verdict.READY and self.next_level:
            return f"{words}: ask your coach about level {self.next_level}"
        if r.verdict == Verdict.ADD_LOAD:
            return f"{words}: ask your coach about more weight"
        if r.verdict == Verdict.TOP_LEVEL:
            return f"{words}: the top level, well done"
        return f"{words} in a row"

    @property
    def reached(self) -> bool:
        return self.readiness.streak >= self.readiness.needed


def _sessions(n: int) -> str:
    return "1 session" if n == 1 else f"{n} sessions"


def _targets(cards: list["EntryCard"]) -> None:
    """Each card of a current assignment gets its Target: ONE query for all
    (roster.recent_results) and the one rule (coaching/readiness.py)."""
    current = {c.entry.assignment_id: c.entry for c in cards if not c.is_history}
    current = {pk: e for pk, e in current.items() if e.assignment.active}
    if not current:
        return
    results = recent_results([e.assignment for e in current.values()])
    targets = {pk: _target(entry, results[pk]) for pk, entry in current.items()}
    for card in cards:
        card.target = targets.get(card.entry.assignment_id)


def _target(entry: SessionEntry, at_level: AtLevel) -> Target:
    """The Target of an entry's (active) assignment: the one rule (coaching/readiness.py)."""
    level = entry.assignment.level
    verdict = readiness(
        criteria_of(level),
        at_level.entries,
        since=timezone.localtime(at_level.since) if at_level.since else None,
        has_next=entry.next_level_order is not None,
        has_previous=True,  # the athlete's card does not suggest regressing
    )
    return Target(
        reps=level.advance_reps_per_leg,
        load_kg=level.advance_load_kg or entry.assignment.load_kg,
        readiness=verdict,
        next_level=entry.next_level_order,
    )


@dataclass
class EntryCard:
    entry: SessionEntry
    today: datetime.date
    # The "Log details" form, shown in the card: a bound one with errors, or the
    # one the entry's log page opens. Otherwise the card only links to it (the
    # form is loaded when opened: rendering it on every card was the costliest
    # part of the week page and of the check-off response).
    form: ResultForm | None = None
    weaker_leg: str | None = None  # from the assessments (prescribing.weaker_leg)
    target: Target | None = None  # set by _targets()

    def __post_init__(self):
        entry = self.entry
        self.session = entry.session
        self.exercise = entry.assignment.exercise
        self.level = entry.level
        self.prescription = prescription_text(
            **shaped(entry), load_note=self.level.load_note, unilateral=self.exercise.unilateral
        )
        # The leg with the extra sets is the one the coach wants stronger.
        self.start_leg = first_leg(
            self.session.athlete.dominant_leg, entry.extra_sets_leg or self.weaker_leg
        )
        self.hand_hint = (
            hand_hint(load_note=self.level.load_note, standing_leg=self.start_leg)
            if entry.load_kg and self.exercise.unilateral
            else ""
        )
        self.mistake: CommonMistake | None = None
        if getattr(entry, "mistake_title", None):  # annotated by entries_for()
            self.mistake = CommonMistake(
                exercise=self.exercise, title=entry.mistake_title, how_to_fix=entry.mistake_fix
            )
        self.can_check_off = is_open_for_check_off(day=self.session.date, today=self.today)
        self.is_done = entry.completed_at is not None
        self.is_missed = not self.is_done and self.session.date < self.today
        # Past and closed: a record rather than a to-do.
        self.is_history = self.session.date < self.today and not self.can_check_off
        # The how-to (cue, mistake, which leg first) where it is about to be used;
        # elsewhere it would repeat down a long phone page.
        self.show_coaching = self.can_check_off and not self.is_done

    @property
    def dom_id(self) -> str:
        return f"entry-{self.entry.pk}"

    @property
    def coach_moved(self) -> str:
        """ "Your coach moved you to level 3: the target reached 2 planned
        sessions in a row", on the current cards at the new level, for two weeks."""
        entry = self.entry
        moved_at = getattr(entry, "moved_at", None)  # annotated by entries_for()
        if moved_at is None or self.is_history or entry.level_id != entry.assignment.level_id:
            return ""
        if (self.today - timezone.localtime(moved_at).date()).days > MOVED_SHOWN_DAYS:
            return ""
        way = "back " if entry.moved_direction == LevelChange.Direction.REGRESS else ""
        words = f"Your coach moved you {way}to level {self.level.order}"
        return f"{words}: {entry.moved_reason}" if entry.moved_reason else words

    @property
    def result_text(self) -> str:
        """What was logged, in words: "8 left, 7 right, 8 kg, pain 2/10"."""
        entry = self.entry
        if not self.is_done:
            return ""
        if self.exercise.unilateral:
            words = f"{entry.reps_left} left, {entry.reps_right} right"
        else:
            words = f"{entry.reps_left} reps"
        if entry.load_done_kg:
            words += f", {kg(entry.load_done_kg)}"
        if entry.pain is not None:
            words += f", pain {entry.pain}/10"
        return words


@dataclass
class SessionCard:
    session: TrainingSession
    today: datetime.date
    entries: list[EntryCard] = field(default_factory=list)
    day: Day | None = None  # the runs that day, and why strength is on it

    @property
    def dom_id(self) -> str:
        return f"session-{self.session.pk}"

    @property
    def relative_day(self) -> str:
        """Today / Tomorrow / Yesterday, or empty: the date says the rest."""
        offset = (self.session.date - self.today).days
        return {0: "Today", 1: "Tomorrow", -1: "Yesterday"}.get(offset, "")

    @property
    def any_done(self) -> bool:
        return any(card.is_done for card in self.entries)

    @property
    def asks_effort(self) -> bool:
        """RPE once per session: when something is done and the day still open."""
        return self.any_done and is_open_for_check_off(day=self.session.date, today=self.today)

    @property
    def asks_morning(self) -> bool:
        """The next morning (or a day late), once: until it is answered."""
        return (
            self.any_done
            and self.session.next_morning_pain is None
            and is_open_for_next_morning(day=self.session.date, today=self.today)
        )

    @property
    def state(self) -> SessionState:
        return session_state(
            date=self.session.date,
            today=self.today,
            # The cards hold all of the session's entries: its completion
            # (derived from them) without asking the session.
            completed=bool(self.entries) and all(card.is_done for card in self.entries),
            any_done=any(card.is_done for card in self.entries),
        )


@dataclass
class WeekDates:
    """Which week, relative to today: all the page needs around the (cached)
    list of sessions."""

    monday: datetime.date
    today: datetime.date

    @classmethod
    def holding(cls, day: datetime.date, today: datetime.date) -> "WeekDates":
        return cls(monday=monday_of(day), today=today)

    @property
    def sunday(self) -> datetime.date:
        return self.monday + 6 * ONE_DAY

    @property
    def is_current(self) -> bool:
        return self.monday == monday_of(self.today)

    @property
    def previous_monday(self) -> datetime.date:
        return self.monday - ONE_WEEK

    @property
    def next_monday(self) -> datetime.date:
        return self.monday + ONE_WEEK

    @property
    def last_monday(self) -> datetime.date:
        return monday_of(self.today) + WEEKS_AHEAD * ONE_WEEK

    @property
    def exists(self) -> bool:
        return FIRST_MONDAY <= self.monday <= self.last_monday

    @property
    def has_previous(self) -> bool:
        return self.monday > FIRST_MONDAY

    @property
    def has_next(self) -> bool:
        return self.monday < self.last_monday


@dataclass
class Week(WeekDates):
    athlete: Athlete
    sessions: list[SessionCard]
    has_assignments: bool
    running: CombinedWeek | None = None

    @property
    def upcoming(self) -> list[SessionCard]:
        """This week: today first, then the days ahead."""
        return [s for s in self.sessions if s.session.date >= self.today]

    @property
    def earlier(self) -> list[SessionCard]:
        shown_first = {id(s) for s in self.catch_up}
        return [
            s for s in self.sessions if s.session.date < self.today and id(s) not in shown_first
        ]

    @property
    def rest_day(self) -> bool:
        """This week, and nothing planned today."""
        return self.is_current and all(s.session.date != self.today for s in self.sessions)

    @property
    def next_session(self) -> SessionCard | None:
        return next((s for s in self.sessions if s.session.date > self.today), None)

    @property
    def catch_up(self) -> list[SessionCard]:
        """On a rest day, the earlier sessions of this week still open to log
        (missed or partly done), latest first: the only "Done" there is to
        tap, so on the first screen, above the days ahead (which have none)."""
        if not self.rest_day:
            return []
        open_ = (SessionState.MISSED, SessionState.PARTLY)
        return [
            s
            for s in reversed(self.sessions)
            if s.session.date < self.today
            and s.state in open_
            and any(card.can_check_off for card in s.entries)
        ]


def athlete_week(
    *,
    user,
    athlete: Athlete,
    day: datetime.date,
    today: datetime.date,
    forms: dict[int, ResultForm] | None = None,
) -> Week:
    """The week holding `day`. `forms`: bound forms with errors, by entry pk."""
    forms = forms or {}
    monday = monday_of(day)
    # The entries carry their sessions (one query, not sessions + entries):
    # a session without entries (emptied by an ended assignment) is not a
    # to-do, so it is right that it never shows up.
    entries = entries_for(user).filter(
        session__date__gte=monday, session__date__lt=monday + ONE_WEEK
    )
    cards: dict[int, SessionCard] = {}
    weaker = weaker_leg(athlete)
    for entry in entries:  # ordered by session date, then exercise name
        card = cards.get(entry.session_id)
        if card is None:
            card = cards[entry.session_id] = SessionCard(session=entry.session, today=today)
        card.entries.append(
            EntryCard(entry=entry, today=today, form=forms.get(entry.pk), weaker_leg=weaker)
        )
    _targets([entry for card in cards.values() for entry in card.entries])
    # Ever assigned (ended ones count): "hasn't assigned yet" is for newcomers.
    has_assignments = bool(cards) or Assignment.objects.for_athlete(user).exists()
    strength = [(c.session.date, e.exercise.name) for c in cards.values() for e in c.entries]
    of_entries = {
        e.entry.assignment_id: e.entry.assignment for c in cards.values() for e in c.entries
    }
    running = combined_week(
        athlete=athlete, monday=monday, strength=strength, assignments=list(of_entries.values())
    )
    for card in cards.values():
        card.day = running.on(card.session.date)
    return Week(
        running=running,
        athlete=athlete,
        monday=monday,
        today=today,
        sessions=list(cards.values()),
        has_assignments=has_assignments,
    )


def entry_with_session(
    *,
    user,
    pk: int,
    today: datetime.date,
    form: ResultForm | None = None,
    coaching: bool = True,
    target: bool = False,
) -> tuple[EntryCard, SessionCard]:
    """One entry card and its session card, for the in-place swap after a
    check-off (the session's status may have changed with it). `coaching`:
    with the targets and the leg to start on (two queries; the log form goes
    without). `target`: the entry's own target, read in the same query (the
    check-off sends it to every card of the assignment: week.html's #entry,
    out of band). Raises SessionEntry.DoesNotExist for someone else's entry."""
    # Compiled once (coaching/site/compiled.py): building this six-table
    # join took longer than the rest of a check-off. Today's date shapes the
    # target's column, so it is part of the key.
    if target:
        build = functools.partial(_siblings, today=today)
        entries = compiled.run(f"entry with session, target {today}", build, user=user.pk, pk=pk)
    else:
        entries = compiled.run("entry with session", _siblings, user=user.pk, pk=pk)
    if not entries:
        raise SessionEntry.DoesNotExist
    weaker = weaker_leg(entries[0].session.athlete) if coaching else None
    cards = [
        EntryCard(entry=e, today=today, form=form if e.pk == pk else None, weaker_leg=weaker)
        for e in entries
    ]
    card = next((c for c in cards if c.entry.pk == pk), None)
    if card is None:
        raise SessionEntry.DoesNotExist
    if coaching:
        _targets(cards)
    elif target and not card.is_history and card.entry.assignment.active:
        card.target = _target(card.entry, at_level_of(card.entry, card.entry.moved_at))
    return card, SessionCard(session=card.session, today=today, entries=cards)


def own_entry(user, pk: int) -> SessionEntry | None:
    """The signed-in athlete's entry with its session, what a check-off's
    services need (the card is read after the write), or None; compiled once
    (coaching/site/compiled.py)."""
    if not getattr(user, "is_authenticated", False):
        return None
    found = compiled.run("own entry", _own_entry, user=user.pk, pk=pk)
    return found[0] if found else None


def _own_entry(user: int, pk: int):
    entries = SessionEntry.objects.for_athlete(get_user_model()(pk=user))
    return entries.select_related("session").filter(pk=pk)


def _siblings(user: int, pk: int, today: datetime.date | None = None):
    """The entry's siblings in one query: the session is found by a subquery
    on the (scoped) entry, not by a query of its own. With `today`, each
    carries its assignment's recent results (roster.recent_results_column)."""
    session = SessionEntry.objects.filter(pk=pk).values("session_id")
    entries = entries_for(get_user_model()(pk=user)).filter(session_id__in=session)
    return entries.annotate(recent=recent_results_column(today)) if today else entries


def session_card(*, user, pk: int, today: datetime.date) -> SessionCard:
    """One session card with its entries (after its effort or next-morning
    answer). Raises SessionEntry.DoesNotExist for someone else's session."""
    entries = list(entries_for(user).filter(session_id=pk))
    if not entries:
        raise SessionEntry.DoesNotExist
    cards = [EntryCard(entry=e, today=today) for e in entries]
    _targets(cards)
    return SessionCard(session=entries[0].session, today=today, entries=cards)
