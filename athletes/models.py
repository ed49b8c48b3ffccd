from django.conf import settings
from django.db import models
from django.urls import reverse


class Leg(models.TextChoices):
    LEFT = "left", "Left"
    RIGHT = "right", "Right"


class AthleteQuerySet(models.QuerySet):
    def active(self):
        return self.filter(archived_at__isnull=True)

    def archived(self):
        return self.filter(archived_at__isnull=False)

    def for_coach(self, user):
        """The athletes this user coaches (none for anyone else)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(coach=user)

    def for_athlete(self, user):
        """The athlete record of this signed-in user (zero or one row)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(user=user)


class Athlete(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="athlete",
        help_text="Set when the athlete accepts the invite; empty until then.",
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="athletes"
    )
    name = models.CharField(max_length=120)
    dominant_leg = models.CharField(max_length=5, choices=Leg.choices, default=Leg.RIGHT)
    goal_event = models.CharField(
        "goal event",
        max_length=120,
        blank=True,
        help_text="For example 10 km, marathon, trail 50 km.",
    )
    notes = models.TextField(blank=True)
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AthleteQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["coach", "archived_at"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("athletes:detail", args=[self.pk])

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None
