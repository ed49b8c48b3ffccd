"""Programmes: a coach's reusable, named set of exercises, each at a level with
a prescription, sessions per week and preferred weekdays ("Base phase: Single
Leg Deadlift L1 2 x 8, calf raise L1 3 x 12, Tue/Fri"). Assigning one
(coaching/services/programmes.py) makes ordinary assignments of it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from coaching.site.touch import TouchingQuerySet
from exercises.models import ProgressionLevel


class ProgrammeQuerySet(models.QuerySet):
    def for_coach(self, user):
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(coach=user)

    def active(self):
        return self.filter(archived_at__isnull=True)


class Programme(models.Model):
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="programmes"
    )
    name = models.CharField(max_length=80)
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                "coach",
                Lower("name"),
                condition=Q(archived_at__isnull=True),
                name="programme_name_unique_per_coach",
            ),
        ]

    def __str__(self):
        return self.name


class ProgrammeItemQuerySet(TouchingQuerySet):
    def for_coach(self, user):
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(programme__coach=user)


class ProgrammeItem(models.Model):
    """One exercise of a programme. The exercise is the level's (derived, not
    stored: a level belongs to one exercise); one item per exercise, checked
    by the service under the programme's row lock."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="items")
    level = models.ForeignKey(ProgressionLevel, on_delete=models.PROTECT, related_name="+")
    sets = models.PositiveSmallIntegerField()
    reps_per_leg = models.PositiveSmallIntegerField("reps per leg")
    load_kg = models.DecimalField(
        "load (kg)", max_digits=5, decimal_places=1, null=True, blank=True
    )
    sessions_per_week = models.PositiveSmallIntegerField(default=1)
    weekdays = models.JSONField("preferred weekdays", default=list, blank=True)

    # A path to an exercise, yet no cached page shows programmes: touching the
    # exercise would move the library's version, and every athlete's cached
    # pages with it, on each programme edit (tests/site/test_touch.py).
    touches_nothing = "no cached page shows a programme"
    objects = ProgrammeItemQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "level"], name="one_item_per_level"),
            models.CheckConstraint(
                condition=Q(sets__gte=1, sets__lte=20), name="programme_item_sets_1_20"
            ),
            models.CheckConstraint(
                condition=Q(reps_per_leg__gte=1, reps_per_leg__lte=100),
                name="programme_item_reps_1_100",
            ),
            models.CheckConstraint(
                condition=Q(sessions_per_week__gte=1, sessions_per_week__lte=7),
                name="programme_item_sessions_per_week_1_7",
            ),
            models.CheckConstraint(
                condition=Q(load_kg__isnull=True) | Q(load_kg__gte=0),
                name="programme_item_load_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.programme} · {self.level}"
