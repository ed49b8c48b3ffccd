"""What the athlete's week page shows, read in a fixed number of queries.

Read-only: nothing here plans or writes (planning runs on assignment changes
and in the daily `plan_sessions` command, never on a page view)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery

from athletes.models import Athlete
from coaching.models import Assignment, SessionEntry, TrainingSession
from coaching.prescription import first_leg, hand_hint, prescription_text
from coaching.running.week import CombinedWeek, Day, combined_week
from coaching.services.sessions import is_open_for_check_off, monday_of
from coaching.session_state import SessionState, session_state
from coaching.site.formats import kg
from coaching.week_forms import ResultForm
from exercises.models import CommonMistake

ONE_DAY = datetime.timedelta(days=1)
ONE_WEEK = datetime.timedelta(days=7)
# The weeks there are to open: from 2000 to two years ahead. Years 1 to 9999
# let one athlete fill the page cache with thousands of weeks.
FIRST_MONDAY = datetime.date(2000, 1, 3)  # the first Monday of 2000
WEEKS_AHEAD = 104


def entries_for(user):
    """The signed-in athlete's entries, with everything an entry card shows,
    in ONE query: the exercise's top mistake comes as two subquery columns
    rather than a prefetch of every mistake (a query less on each page)."""
    top_mistake = CommonMistake.objects.filter(
        exercise_id=OuterRef("assignment__exercise_id")
    ).order_by("order")[:1]
    return (
        SessionEntry.objects.for_athlete(user)
        .select_related("session__athlete", "assignment__exercise", "level")
        .annotate(
            mistake_title=Subquery(top_mistake.values("title")),
            mistake_fix=Subquery(top_mistake.values("how_to_fix")),
        )
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

    def __post_init__(self):
        entry = self.entry
        self.session = entry.session
        self.exercise = entry.assignment.exercise
        self.level = entry.level
        self.prescription = prescription_text(
            sets=entry.sets,
            reps_per_leg=entry.reps_per_leg,
            load_kg=entry.load_kg,
            load_note=self.level.load_note,
            unilateral=self.exercise.unilateral,
        )
        self.start_leg = first_leg(self.session.athlete.dominant_leg)
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
        return [s for s in self.sessions if s.session.date < self.today]


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
    for entry in entries:  # ordered by session date, then exercise name
        card = cards.get(entry.session_id)
        if card is None:
            card = cards[entry.session_id] = SessionCard(session=entry.session, today=today)
        card.entries.append(EntryCard(entry=entry, today=today, form=forms.get(entry.pk)))
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
    *, user, pk: int, today: datetime.date, form: ResultForm | None = None
) -> tuple[EntryCard, SessionCard]:
    """One entry card and its session card, for the in-place swap after a
    check-off (the session's status may have changed with it).
    Raises SessionEntry.DoesNotExist for someone else's entry."""
    # The entry's siblings in one query: the session is found by a subquery
    # on the (scoped) entry, not by a query of its own.
    session = SessionEntry.objects.filter(pk=pk).values("session_id")
    cards = [
        EntryCard(entry=e, today=today, form=form if e.pk == pk else None)
        for e in entries_for(user).filter(session_id__in=session)
    ]
    card = next((c for c in cards if c.entry.pk == pk), None)
    if card is None:
        raise SessionEntry.DoesNotExist
    return card, SessionCard(session=card.session, today=today, entries=cards)
