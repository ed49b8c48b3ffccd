"""Runs and the placement rules a coach can switch off, per athlete.

Only what planning needs is kept: day, start time, title, sport, duration,
distance. No GPS track, no heart rate."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q

from athletes.models import Athlete
from athletes.querysets import AthleteScopedQuerySet


class Kind(models.TextChoices):
    LONG = "long", "Long run"
    QUALITY = "quality", "Quality"
    EASY = "easy", "Easy"
    RACE = "race", "Race"
    OTHER = "other", "Other"


class Source(models.TextChoices):
    FILE = "file", "Plan file"
    CALENDAR = "calendar", "Calendar link"
    ACTIVITY = "activity", "Activity file"


class RunQuerySet(AthleteScopedQuerySet):
    def current(self):
        """Runs still in the athlete's plan (not removed by a re-import)."""
        return self.filter(archived_at__isnull=True)

    def goal_race(self):
        return self.current().filter(is_goal_race=True)


class Run(models.Model):
    athlete = models.ForeignKey(Athlete, on_delete=models.PROTECT, related_name="runs")
    date = models.DateField()
    start_time = models.TimeField(null=True, blank=True)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    sport = models.CharField(max_length=40, default="running")
    duration = models.DurationField(null=True, blank=True)
    distance_m = models.PositiveIntegerField("distance (m)", null=True, blank=True)
    source = models.CharField(max_length=8, choices=Source.choices)
    # What makes a re-import the same run: the event's UID with its recurrence
    # id ("uid|20260310T183000"), or an activity's start time in UTC.
    source_key = models.CharField(max_length=300)
    # The classifier's answer at import; the coach's own, when given, wins
    # and survives re-imports.
    detected_kind = models.CharField(max_length=8, choices=Kind.choices)
    coach_kind = models.CharField(
        "kind set by the coach", max_length=8, choices=Kind.choices, blank=True
    )
    is_goal_race = models.BooleanField("goal race", default=False)
    # The uploaded plan file a run came from: the id its first import gave it,
    # kept by the re-imports that share events with it (a changed plan). Blank
    # for a calendar link's runs (the link is their plan) and activities.
    plan_file = models.CharField(max_length=32, blank=True)
    # When a re-import of its plan no longer held it: kept, not deleted, with
    # the coach's kind and goal-race flag, as history; planning ignores it.
    archived_at = models.DateTimeField("removed from the plan", null=True, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    touches = ("athlete",)
    objects = RunQuerySet.as_manager()

    class Meta:
        ordering = ["date", "start_time", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["athlete", "source_key"], name="one_run_per_source_key"
            ),
            # A removed goal race keeps its flag, as history.
            models.UniqueConstraint(
                fields=["athlete"],
                condition=Q(is_goal_race=True, archived_at__isnull=True),
                name="one_goal_race_per_athlete",
            ),
            # The goal race is a race, whoever said so.
            models.CheckConstraint(
                condition=Q(is_goal_race=False)
                | Q(coach_kind=Kind.RACE)
                | Q(coach_kind="", detected_kind=Kind.RACE),
                name="goal_race_is_a_race",
            ),
            models.CheckConstraint(
                condition=Q(detected_kind__in=Kind.values), name="run_detected_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(coach_kind="") | Q(coach_kind__in=Kind.values),
                name="run_coach_kind_known",
            ),
            models.CheckConstraint(
                condition=Q(duration__isnull=True) | Q(duration__gte=datetime.timedelta(0)),
                name="run_duration_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["athlete", "date"], name="run_athlete_date")]

    def __str__(self):
        return f"{self.athlete} · {self.date:%a %d %b %Y} · {self.title}"

    @property
    def kind(self) -> str:
        return self.coach_kind or self.detected_kind

    def get_kind_display(self) -> str:
        return Kind(self.kind).label

    @property
    def figures(self) -> str:
        """ "1 h 35 min · 21.1 km", what is known of it."""
        parts = []
        if self.duration:
            minutes = round(self.duration.total_seconds() / 60)
            hours, minutes = divmod(minutes, 60)
            parts.append(f"{hours} h {minutes:02d} min" if hours else f"{minutes} min")
        if self.distance_m:
            parts.append(f"{self.distance_m / 1000:.1f} km")
        return " · ".join(parts)


class RunningPlan(models.Model):
    """An athlete's running-plan settings: the calendar link re-read for new
    runs, and which placement rules hold; no row means no link and every rule
    (coaching/running/placement.py Rules, where each is stated)."""

    athlete = models.OneToOneField(Athlete, on_delete=models.PROTECT, related_name="running_plan")
    calendar_url = models.URLField(
        "calendar link",
        max_length=500,
        blank=True,
        help_text="The plan's address in the running app (https:// or webcal://), re-read daily.",
    )
    # The last reading of the link: when, and what came of it (or why not).
    calendar_read_at = models.DateTimeField(null=True, blank=True)
    calendar_status = models.CharField(max_length=300, blank=True)
    free_day_before_key_runs = models.BooleanField(
        "no strength the day before a long run, a quality run or a race", default=True
    )
    free_day_after_long_run = models.BooleanField(
        "no strength the day after a long run", default=True
    )
    prefer_quality_and_easy_days = models.BooleanField(
        "prefer quality-run days (strength after the run) and easy days", default=True
    )
    day_between_sessions = models.BooleanField(
        "at least one day between two strength sessions", default=True
    )
    goal_race_taper = models.BooleanField(
        "taper for the goal race (lighter in the last 10 days, none in the last 2)",
        default=True,
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    changed_at = models.DateTimeField(auto_now=True)

    touches = ("athlete",)
    objects = AthleteScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "running plan settings"
        verbose_name_plural = "running plan settings"

    def __str__(self):
        return f"Running plan of {self.athlete}"
