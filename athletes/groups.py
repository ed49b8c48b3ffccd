"""Groups of athletes ("Tuesday club", "Marathon 2027"): a coach's own squads.
An athlete can be in several. Here, not in coaching: the Athletes list filters
by group, and the athletes app knows nothing of coaching."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from .querysets import AthleteScopedQuerySet


class GroupQuerySet(models.QuerySet):
    def for_coach(self, user):
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(coach=user)

    def active(self):
        return self.filter(archived_at__isnull=True)


class Group(models.Model):
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="athlete_groups"
    )
    name = models.CharField(max_length=80)
    members = models.ManyToManyField(
        "athletes.Athlete", through="Membership", related_name="groups", blank=True
    )
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = GroupQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                "coach",
                Lower("name"),
                condition=Q(archived_at__isnull=True),
                name="group_name_unique_per_coach",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class MembershipQuerySet(AthleteScopedQuerySet):
    pass


class Membership(models.Model):
    """An athlete in a group. Its writes move the athlete's version on, like
    every row with a path to an athlete (coaching/site/touch.py)."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    athlete = models.ForeignKey(
        "athletes.Athlete", on_delete=models.CASCADE, related_name="memberships"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    touches = ("athlete",)
    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "athlete"], name="one_membership_per_group"),
        ]

    def __str__(self):
        return f"{self.athlete_id} in {self.group}"
