import hashlib
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from coaching.site.touch import TouchingQuerySet

from .lsi import Symmetry, limb_symmetry
from .querysets import AthleteScopedQuerySet


class Leg(models.TextChoices):
    LEFT = "left", "Left"
    RIGHT = "right", "Right"


class AthleteArchived(ValidationError):
    """A write reached an archived athlete: archived means read-only history.
    A ValidationError, so a view shows it as a message beside the form."""

    def __init__(self):
        super().__init__(
            "This athlete is archived: their history is read-only. Restore them to change it.",
            code="archived",
        )


class AthleteQuerySet(AthleteScopedQuerySet):
    athlete_path = ""

    def lock_for_write(self, pk: int) -> "Athlete":
        """SELECT ... FOR UPDATE of one athlete row: the first lock of every
        writing service (the lock order: coaching/services/__init__.py).
        Raises AthleteArchived for an archived athlete."""
        athlete = self.select_for_update().get(pk=pk)
        if athlete.is_archived:
            raise AthleteArchived
        return athlete

    def lock_many_for_write(self, pks) -> list["Athlete"]:
        """lock_for_write for many athletes (a group): ONE SELECT ... FOR
        UPDATE, in pk order so two such writers cannot cross. Archived
        athletes are left out (nothing is written to them), not refused."""
        return list(self.select_for_update().filter(pk__in=pks).active().order_by("pk"))

    def active(self):
        return self.filter(archived_at__isnull=True)

    def archived(self):
        return self.filter(archived_at__isnull=False)

    def search(self, text: str):
        text = (text or "").strip()
        return self.filter(name__icontains=text) if text else self


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
    email = models.EmailField(
        blank=True, help_text="Optional. The invite link is sent here; you can also copy it."
    )
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The version of everything the athlete's pages show (this record and
    # every row that declares `touches = ("athlete",)` or a path to it:
    # coaching/site/touch.py), in the key of their cached fragments. A
    # timestamp rather than a counter, so a database restored from a backup
    # cannot meet a cache entry rendered from other data under the same version.
    updated_at = models.DateTimeField(auto_now=True)

    objects = AthleteQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["coach", "archived_at"])]
        # What the "Coaches" group holds (migration 0006). Which athletes a
        # coach sees is the queryset's business (for_coach), not the permission's.
        permissions = [("coach_athletes", "Can coach athletes: roster, assessments, training")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("athletes:detail", args=[self.pk])

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class Unit(models.TextChoices):
    REPS = "reps", "reps"
    SECONDS = "seconds", "seconds"
    CM = "cm", "cm"
    KG = "kg", "kg"


# The largest believable single-leg result per unit, used when a test sets no
# maximum of its own. Generous on purpose: it catches typos (1500 for 15.0),
# not strong athletes.
UNIT_MAX = {
    Unit.REPS: Decimal(300),
    Unit.SECONDS: Decimal(600),
    Unit.CM: Decimal(500),
    Unit.KG: Decimal(300),
}


class AssessmentTestQuerySet(TouchingQuerySet):
    def active(self):
        return self.filter(active=True)


class AssessmentTest(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    short_name = models.CharField(
        max_length=40, help_text='Used in sentences: "weaker on the heel raise test".'
    )
    unit = models.CharField(max_length=10, choices=Unit.choices)
    higher_is_better = models.BooleanField(
        default=True, help_text="Untick for timed tests where a lower value is better."
    )
    instructions = models.TextField(help_text="Short instructions, shown when recording.")
    lsi_threshold = models.PositiveSmallIntegerField(
        "LSI threshold (%)",
        default=90,
        help_text="Results with a Limb Symmetry Index below this are flagged.",
    )
    max_value = models.DecimalField(
        "plausible maximum",
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Largest believable result on one leg. Empty: the unit's default.",
    )
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True, help_text="Retired tests keep their history.")
    updated_at = models.DateTimeField(auto_now=True)  # in the library's version (versions.py)

    objects = AssessmentTestQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(lsi_threshold__gte=50) & Q(lsi_threshold__lte=100),
                name="assessment_test_threshold_range",
            ),
            models.CheckConstraint(
                condition=Q(max_value__isnull=True) | Q(max_value__gt=0),
                name="assessment_test_max_positive",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def plausible_max(self) -> Decimal:
        return self.max_value if self.max_value is not None else UNIT_MAX[self.unit]


class AssessmentQuerySet(AthleteScopedQuerySet):
    def history(self):
        """Oldest first, with what a history table or chart shows."""
        return self.select_related("test", "recorded_by").order_by("date", "created_at", "pk")


class StrengthAssessment(models.Model):
    athlete = models.ForeignKey(Athlete, on_delete=models.PROTECT, related_name="assessments")
    test = models.ForeignKey(AssessmentTest, on_delete=models.PROTECT, related_name="assessments")
    date = models.DateField()
    left_value = models.DecimalField("left leg", max_digits=7, decimal_places=2)
    right_value = models.DecimalField("right leg", max_digits=7, decimal_places=2)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    touches = ("athlete",)
    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_value__gte=0) & Q(right_value__gte=0),
                name="assessment_values_not_negative",
            ),
            models.UniqueConstraint(
                fields=["athlete", "test", "date"], name="assessment_one_per_test_and_day"
            ),
        ]
        indexes = [models.Index(fields=["athlete", "test", "-date"])]

    def __str__(self):
        return f"{self.athlete} · {self.test} · {self.date}"

    @property
    def symmetry(self) -> Symmetry:
        return limb_symmetry(
            self.left_value,
            self.right_value,
            higher_is_better=self.test.higher_is_better,
            threshold=self.test.lsi_threshold,
        )


INVITE_LIFETIME = timedelta(days=7)


def hash_token(token: str) -> str:
    """Only the hash is stored, so a database leak does not leak usable links."""
    return hashlib.sha256(token.encode()).hexdigest()


class InviteQuerySet(AthleteScopedQuerySet):
    pass


class AthleteInvite(models.Model):
    class State(models.TextChoices):
        VALID = "valid", "Valid"
        EXPIRED = "expired", "Expired"
        USED = "used", "Used"

    athlete = models.ForeignKey(Athlete, on_delete=models.CASCADE, related_name="invites")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_to = models.EmailField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    touches = ("athlete",)
    objects = InviteQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("created_at")), name="invite_expires_after_created"
            ),
        ]

    def __str__(self):
        return f"Invite for {self.athlete} ({self.created_at:%Y-%m-%d})"

    def state(self, now=None) -> str:
        if self.used_at is not None or self.athlete.user_id is not None:
            return self.State.USED
        if self.expires_at <= (now or timezone.now()) or self.athlete.is_archived:
            return self.State.EXPIRED
        return self.State.VALID


# Groups have their own module; imported here so Django registers them.
from .groups import Group, Membership  # noqa: E402, F401
