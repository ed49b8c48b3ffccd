"""Assignments, planned training sessions, what was done, and level changes.

A SessionEntry keeps a snapshot of the level and prescription at planning time
so history stays true after the coach changes a level."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Case, DateTimeField, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact
from django.utils import timezone

from athletes.models import Athlete, Leg
from athletes.querysets import AthleteScopedQuerySet
from coaching.prescription import PRESCRIPTION_FIELDS
from coaching.site.touch import TouchingQuerySet
from exercises.models import Exercise, ProgressionLevel

PAIN_SCALE = "0 = none, 10 = worst imaginable"


class PainSide(models.TextChoices):
    """Where it hurt: a leg, both, or somewhere else (a back, a shoulder)."""

    LEFT = "left", "Left leg"
    RIGHT = "right", "Right leg"
    BOTH = "both", "Both legs"
    ELSEWHERE = "elsewhere", "Elsewhere"


def extra_sets_constraints(prefix: str) -> list[models.CheckConstraint]:
    """One leg shaped apart (extra sets, other reps) names that leg, and
    differs; 20 sets at most on a leg; a rep range reads low to high on both legs."""
    return [
        models.CheckConstraint(
            condition=Q(extra_sets=0, extra_sets_leg="", leg_reps__isnull=True)
            | Q(extra_sets_leg__in=[Leg.LEFT, Leg.RIGHT])
            & (Q(extra_sets__gte=1) | Q(leg_reps__isnull=False) & ~Q(leg_reps=F("reps_per_leg"))),
            name=f"{prefix}_shaped_leg_named",
        ),
        models.CheckConstraint(
            condition=Q(sets__lte=20 - F("extra_sets")), name=f"{prefix}_sets_per_leg_at_most_20"
        ),
        models.CheckConstraint(
            condition=Q(leg_reps__isnull=True) | Q(leg_reps__gte=1, leg_reps__lte=100),
            name=f"{prefix}_leg_reps_1_100",
        ),
        models.CheckConstraint(
            condition=Q(reps_max__isnull=True)
            | Q(reps_max__gte=F("reps_per_leg"), reps_max__lte=100)
            & (Q(leg_reps__isnull=True) | Q(reps_max__gte=F("leg_reps"))),
            name=f"{prefix}_rep_range_ordered",
        ),
    ]


def shaped_fields() -> dict[str, models.Field]:
    """The prescription fields an assignment, its entries' snapshots share
    beyond sets x reps and load: one leg shaped apart, and a rep range."""
    return {
        # Per leg when wanted: `extra_sets` more and/or `leg_reps` on one leg
        # (the weaker or involved one).
        "extra_sets": models.PositiveSmallIntegerField("extra sets on one leg", default=0),
        "extra_sets_leg": models.CharField(
            "leg shaped apart", max_length=5, choices=Leg.choices, blank=True
        ),
        "leg_reps": models.PositiveSmallIntegerField(
            "reps on that leg", null=True, blank=True, help_text="Empty: the same reps."
        ),
        "reps_max": models.PositiveSmallIntegerField(
            "up to reps", null=True, blank=True, help_text='The top of a range ("8-10").'
        ),
    }


class AssignmentQuerySet(AthleteScopedQuerySet):
    def active(self):
        return self.filter(ACTIVE)


# Active means not ended: derived from ended_at, never stored beside it.
ACTIVE = Q(ended_at__isnull=True)


class Assignment(models.Model):
    athlete = models.ForeignKey(Athlete, on_delete=models.PROTECT, related_name="assignments")
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="assignments")
    level = models.ForeignKey(
        ProgressionLevel, on_delete=models.PROTECT, related_name="assignments"
    )
    sets = models.PositiveSmallIntegerField()
    reps_per_leg = models.PositiveSmallIntegerField("reps per leg")
    load_kg = models.DecimalField(
        "load (kg)", max_digits=5, decimal_places=1, null=True, blank=True
    )
    extra_sets, extra_sets_leg, leg_reps, reps_max = shaped_fields().values()
    sessions_per_week = models.PositiveSmallIntegerField(default=1)
    # ISO weekdays (1 = Monday ... 7 = Sunday); empty means "let planning spread them".
    weekdays = models.JSONField("preferred weekdays", default=list, blank=True)
    start_date = models.DateField(default=datetime.date.today)
    notes = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.TextField("why it ended", blank=True)

    touches = ("athlete",)
    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["athlete", "exercise__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["athlete", "exercise"],
                condition=ACTIVE,
                name="one_active_assignment_per_exercise",
            ),
            # `exercise` repeats level.exercise (the constraint above needs it);
            # a composite foreign key (level, exercise) -> the level's
            # (id, exercise) proves they agree: migration 0002.
            models.CheckConstraint(
                condition=Q(sets__gte=1, sets__lte=20), name="assignment_sets_1_20"
            ),
            models.CheckConstraint(
                condition=Q(reps_per_leg__gte=1, reps_per_leg__lte=100),
                name="assignment_reps_1_100",
            ),
            models.CheckConstraint(
                condition=Q(sessions_per_week__gte=1, sessions_per_week__lte=7),
                name="assignment_sessions_per_week_1_7",
            ),
            models.CheckConstraint(
                condition=Q(load_kg__isnull=True) | Q(load_kg__gte=0),
                name="assignment_load_not_negative",
            ),
            *extra_sets_constraints("assignment"),
        ]

    def __str__(self):
        return f"{self.athlete} · {self.exercise} · level {self.level.order}"

    @property
    def active(self) -> bool:
        return self.ended_at is None


def session_done(session: str = "pk") -> Q:
    """A session is done when it has entries and every one is completed.
    `session`: the outer query's reference to the session ("pk" on a session
    query, "sessions" on an athlete query), so it works in filters and in
    aggregate filters alike. Nothing stores it: it cannot go out of step."""
    entries = SessionEntry.objects.filter(session=OuterRef(session)).order_by()
    return Q(Exists(entries)) & ~Q(Exists(entries.filter(completed_at__isnull=True)))


def session_completed_at(session: str = "pk") -> Case:
    """When the session was done: its latest entry's completed_at, once every
    entry is completed; NULL until then (and for a session with no entries)."""
    latest = (
        SessionEntry.objects.filter(session=OuterRef(session))
        .order_by("-completed_at")
        .values("completed_at")[:1]
    )
    return Case(
        When(session_done(session), then=Subquery(latest)),
        default=Value(None),
        output_field=DateTimeField(),
    )


class TrainingSessionQuerySet(AthleteScopedQuerySet):
    """Sessions, scoped through their athlete."""

    def with_completion(self):
        """Each session with its derived `completed_at` (two subqueries on the
        entries, no join, so it also works under select_for_update)."""
        return self.annotate(completed_at=session_completed_at())

    def done(self):
        return self.filter(session_done())


class TrainingSession(models.Model):
    athlete = models.ForeignKey(Athlete, on_delete=models.PROTECT, related_name="sessions")
    date = models.DateField()
    rpe = models.PositiveSmallIntegerField(
        "RPE", null=True, blank=True, help_text="Rate of perceived exertion, 1 (easy) to 10 (max)."
    )
    note = models.TextField("athlete's note", blank=True)
    # The 24-hour response of the pain-monitoring model, asked the day after.
    next_morning_pain = models.PositiveSmallIntegerField(
        "pain the next morning", null=True, blank=True, help_text=PAIN_SCALE
    )
    coach_comment = models.TextField(blank=True)
    coach_comment_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    touches = ("athlete",)
    objects = TrainingSessionQuerySet.as_manager()

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["athlete", "date"], name="one_session_per_athlete_day"),
            models.CheckConstraint(
                condition=Q(rpe__isnull=True) | Q(rpe__gte=1, rpe__lte=10), name="session_rpe_1_10"
            ),
            models.CheckConstraint(
                condition=Q(next_morning_pain__isnull=True) | Q(next_morning_pain__lte=10),
                name="session_next_morning_pain_0_10",
            ),
        ]

    def __str__(self):
        return f"{self.athlete} · {self.date:%a %d %b %Y}"

    @property
    def completed_at(self) -> datetime.datetime | None:
        """Derived from the entries (session_completed_at): annotated by
        with_completion(), else worked out from the entries (prefetched ones
        when there are, or one query)."""
        if "_completed_at" in self.__dict__:
            return self._completed_at
        states = [entry.completed_at for entry in self.entries.all()]
        return max(states) if states and all(states) else None

    @completed_at.setter
    def completed_at(self, value):  # the with_completion() annotation lands here
        self._completed_at = value

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None


class SessionEntryQuerySet(AthleteScopedQuerySet):
    athlete_path = "session__athlete__"


class SessionEntry(models.Model):
    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="entries")
    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="entries")
    # Snapshot of what was prescribed when the session was planned.
    level = models.ForeignKey(ProgressionLevel, on_delete=models.PROTECT, related_name="+")
    sets = models.PositiveSmallIntegerField()
    reps_per_leg = models.PositiveSmallIntegerField("reps per leg")
    load_kg = models.DecimalField(
        "load (kg)", max_digits=5, decimal_places=1, null=True, blank=True
    )
    extra_sets, extra_sets_leg, leg_reps, reps_max = shaped_fields().values()
    # What was done.
    completed_at = models.DateTimeField(null=True, blank=True)
    reps_left = models.PositiveSmallIntegerField("reps done, left leg", null=True, blank=True)
    reps_right = models.PositiveSmallIntegerField("reps done, right leg", null=True, blank=True)
    load_done_kg = models.DecimalField(
        "load used (kg)", max_digits=5, decimal_places=1, null=True, blank=True
    )
    pain = models.PositiveSmallIntegerField(null=True, blank=True, help_text=PAIN_SCALE)
    pain_side = models.CharField("where it hurt", max_length=9, choices=PainSide, blank=True)
    form_note = models.CharField(
        "form note", max_length=240, blank=True, help_text="For example: touched down twice."
    )

    touches = ("session__athlete",)
    objects = SessionEntryQuerySet.as_manager()

    class Meta:
        ordering = ["session__date", "assignment__exercise__name"]
        verbose_name_plural = "session entries"
        constraints = [
            models.UniqueConstraint(
                fields=["session", "assignment"], name="one_entry_per_assignment_per_session"
            ),
            models.CheckConstraint(
                condition=Q(pain__isnull=True) | Q(pain__lte=10), name="entry_pain_0_10"
            ),
            models.CheckConstraint(
                condition=Q(reps_left__isnull=True) | Q(reps_left__lte=200),
                name="entry_reps_left_plausible",
            ),
            models.CheckConstraint(
                condition=Q(reps_right__isnull=True) | Q(reps_right__lte=200),
                name="entry_reps_right_plausible",
            ),
            models.CheckConstraint(
                condition=Q(load_done_kg__isnull=True) | Q(load_done_kg__gte=0),
                name="entry_load_not_negative",
            ),
            *extra_sets_constraints("entry"),
            # A side only for a pain there is.
            models.CheckConstraint(
                condition=Q(pain_side="")
                | Q(pain__isnull=False, pain__gte=1, pain_side__in=PainSide.values),
                name="entry_pain_side_with_pain",
            ),
            # A result (reps or pain) only exists on a completed entry.
            models.CheckConstraint(
                condition=Q(completed_at__isnull=False)
                | Q(reps_left__isnull=True, reps_right__isnull=True, pain__isnull=True),
                name="entry_result_only_when_completed",
            ),
        ]

    def __str__(self):
        return f"{self.session} · {self.assignment.exercise}"

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None


class LevelChange(models.Model):
    class Direction(models.TextChoices):
        ADVANCE = "advance", "Advanced"
        REGRESS = "regress", "Regressed"

    assignment = models.ForeignKey(
        Assignment, on_delete=models.PROTECT, related_name="level_changes"
    )
    from_level = models.ForeignKey(ProgressionLevel, on_delete=models.PROTECT, related_name="+")
    to_level = models.ForeignKey(ProgressionLevel, on_delete=models.PROTECT, related_name="+")
    direction = models.CharField(max_length=7, choices=Direction.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    touches = ("assignment__athlete",)
    objects = TouchingQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_level=F("to_level")), name="level_change_changes_level"
            ),
        ]

    def __str__(self):
        change = f"{self.from_level.order} → {self.to_level.order}"
        return f"{self.assignment}: {self.get_direction_display()} {change}"


class ScheduledRun(models.Model):
    """One row per periodic task and time slot (coaching/periodic.py): the
    unique pair makes enqueuing idempotent, however many workers tick at once."""

    task = models.CharField(max_length=200)
    slot = models.DateTimeField(help_text="Start of the period this run is for.")
    enqueued_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["task", "slot"], name="one_run_per_task_and_slot")
        ]

    def __str__(self):
        return f"{self.task} @ {self.slot:%Y-%m-%d %H:%M}"


def default_time_zone() -> str:
    return settings.TIME_ZONE


class ReminderSettings(models.Model):
    """An athlete's morning mail: on unless they turned it off, sent in the
    morning of their time zone. No row means the defaults."""

    athlete = models.OneToOneField(
        Athlete, on_delete=models.PROTECT, related_name="reminder_settings"
    )
    morning_mail = models.BooleanField("morning mail on training days", default=True)
    time_zone = models.CharField(max_length=64, default=default_time_zone)
    changed_at = models.DateTimeField(default=timezone.now)

    touches = ("athlete",)
    objects = AthleteScopedQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "reminder settings"

    def __str__(self):
        return f"{self.athlete}: morning mail {'on' if self.morning_mail else 'off'}"


class MorningMail(models.Model):
    """What was sent: one row per athlete and (their local) day, created with
    the task that sends it. The unique pair keeps it to one a day, whoever
    enqueues; `sent_at` tells a re-run the mail already went."""

    athlete = models.ForeignKey(Athlete, on_delete=models.PROTECT, related_name="morning_mails")
    day = models.DateField(help_text="The athlete's local date the mail is for.")
    enqueued_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_to = models.EmailField(blank=True)
    subject = models.CharField(max_length=240, blank=True)

    touches = ("athlete",)
    objects = AthleteScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["athlete", "day"], name="one_morning_mail_a_day"),
            models.CheckConstraint(
                condition=Q(sent_at__isnull=True) | ~Q(sent_to=""), name="sent_mail_has_address"
            ),
        ]

    def __str__(self):
        return f"{self.athlete} · {self.day} · {'sent' if self.sent_at else 'queued'}"


class CalendarFeed(models.Model):
    """A user's private calendar URL (coaching/calendar_feed.py): an athlete's
    sessions, or a coach's athletes' sessions. Calendar apps send no cookie,
    so the URL's token is the key; only its SHA-256 is kept (a random token
    of 32 bytes needs no slow hash). A new token replaces the old at once."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.user}'s calendar (since {self.created_at:%Y-%m-%d})"


class SyncedAction(models.Model):
    """An action the athlete's phone sent with an idempotency key (offline
    check-offs replayed by static/js/offline.js): recorded in the
    transaction of the write it made, so a replay of the same key (a retry, a
    second tab, a lost answer) finds it and changes nothing."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    key = models.UUIDField()
    path = models.CharField(max_length=200)
    refused = models.BooleanField(default=False)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="one_action_per_key"),
        ]

    def __str__(self):
        return f"{self.user} {self.path} ({self.key})"


NO_LOAD = Value(Decimal(-1), output_field=models.DecimalField(max_digits=5, decimal_places=1))


class PrescriptionChange(models.Model):
    """The coach shaped the prescription within a level: from what, to what, why."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.PROTECT, related_name="prescription_changes"
    )
    from_sets = models.PositiveSmallIntegerField()
    from_reps_per_leg = models.PositiveSmallIntegerField()
    from_load_kg = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    from_extra_sets = models.PositiveSmallIntegerField(default=0)
    from_extra_sets_leg = models.CharField(max_length=5, choices=Leg.choices, blank=True)
    from_leg_reps = models.PositiveSmallIntegerField(null=True, blank=True)
    from_reps_max = models.PositiveSmallIntegerField(null=True, blank=True)
    to_sets = models.PositiveSmallIntegerField()
    to_reps_per_leg = models.PositiveSmallIntegerField()
    to_load_kg = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    to_extra_sets = models.PositiveSmallIntegerField(default=0)
    to_extra_sets_leg = models.CharField(max_length=5, choices=Leg.choices, blank=True)
    to_leg_reps = models.PositiveSmallIntegerField(null=True, blank=True)
    to_reps_max = models.PositiveSmallIntegerField(null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    touches = ("assignment__athlete",)
    objects = TouchingQuerySet.as_manager()

    FIELDS = PRESCRIPTION_FIELDS

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(
                    from_sets=F("to_sets"),
                    from_reps_per_leg=F("to_reps_per_leg"),
                    from_extra_sets=F("to_extra_sets"),
                    from_extra_sets_leg=F("to_extra_sets_leg"),
                )
                # No load reads as -1 kg (no reps as 0), so "none to none" is
                # equal, not NULL.
                | ~Q(Exact(Coalesce("from_load_kg", NO_LOAD), Coalesce("to_load_kg", NO_LOAD)))
                | ~Q(Exact(Coalesce("from_leg_reps", 0), Coalesce("to_leg_reps", 0)))
                | ~Q(Exact(Coalesce("from_reps_max", 0), Coalesce("to_reps_max", 0))),
                name="prescription_change_changes_something",
            ),
        ]

    def __str__(self):
        return f"{self.assignment}: prescription changed"

    def side(self, which: str) -> dict:
        """The prescription before ("from") or after ("to") as field values."""
        return {name: getattr(self, f"{which}_{name}") for name in self.FIELDS}


# Programmes, notes and the running plan (issue 14) have their own modules;
# imported here so Django registers them.
from coaching.running.models import Run, RunningPlan  # noqa: E402, F401

from .notes import Note, NoteRevision  # noqa: E402, F401
from .programmes import Programme, ProgrammeItem  # noqa: E402, F401
