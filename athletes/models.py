import hashlib
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from coaching.site import compiled
from coaching.site.formats import number
from coaching.site.touch import TouchingQuerySet

from .lsi import Detectable, Symmetry, limb_symmetry
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
    # The injured or operated leg: with one, LSI = involved / uninvolved (athletes/lsi.py).
    involved_leg = models.CharField(
        "involved leg",
        max_length=5,
        choices=Leg.choices,
        blank=True,
        help_text="The injured or operated leg, if any. LSI then compares it to the other leg.",
    )
    involved_note = models.CharField(
        "what happened",
        max_length=120,
        blank=True,
        help_text='For example "Achilles tendinopathy".',
    )
    involved_since = models.DateField("since", null=True, blank=True)
    leg_length_cm = models.DecimalField(
        "leg length (cm)",
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="From the front hip bone to the inner ankle. Reach tests show % of it.",
    )
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
        constraints = [
            models.CheckConstraint(
                condition=Q(leg_length_cm=None) | Q(leg_length_cm__gt=0),
                name="athlete_leg_length_positive",
            ),
        ]
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

    @property
    def involved(self) -> str | None:
        return self.involved_leg or None


class Unit(models.TextChoices):
    REPS = "reps", "reps"
    SECONDS = "seconds", "seconds"
    CM = "cm", "cm"
    KG = "kg", "kg"
    NEWTON = "N", "N"


# The largest believable single-leg result per unit, used when a test sets no
# maximum of its own. Generous on purpose: it catches typos (1500 for 15.0),
# not strong athletes.
UNIT_MAX = {
    Unit.REPS: Decimal(300),
    Unit.SECONDS: Decimal(600),
    Unit.CM: Decimal(500),
    Unit.KG: Decimal(300),
    Unit.NEWTON: Decimal(3000),
}


class Normalisation(models.TextChoices):
    NONE = "", "None"
    BODY_MASS = "body_mass", "Per kg of body mass"
    LEG_LENGTH = "leg_length", "% of leg length"


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
    detectable_difference = models.DecimalField(
        "smallest detectable difference",
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Differences up to this are measurement noise: no flag, no "
        '"better / worse than before". Empty: every difference counts.',
    )
    detectable_in_lsi_points = models.BooleanField(
        "detectable difference in LSI points",
        default=True,
        help_text="Ticked: the difference is in LSI percentage points (hop tests). "
        "Unticked: in the test's unit, per leg (reps on a heel raise, cm of reach).",
    )
    normalisation = models.CharField(
        max_length=12,
        choices=Normalisation.choices,
        blank=True,
        help_text="Force tests: N per kg of body mass. Reach tests: % of leg length.",
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
            models.CheckConstraint(
                condition=Q(detectable_difference=None) | Q(detectable_difference__gt=0),
                name="assessment_test_detectable_positive",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def plausible_max(self) -> Decimal:
        return self.max_value if self.max_value is not None else UNIT_MAX[self.unit]

    @property
    def detectable(self) -> Detectable | None:
        if self.detectable_difference is None:
            return None
        return Detectable(self.detectable_difference, self.detectable_in_lsi_points)


class AssessmentQuerySet(AthleteScopedQuerySet):
    def current(self):
        """Not deleted: what every page and rule reads."""
        return self.filter(deleted_at=None)

    def deleted(self):
        return self.exclude(deleted_at=None)

    def history(self):
        """Oldest first, with what a history table or chart shows."""
        return self.select_related("test", "athlete", "recorded_by").order_by(
            "date", "created_at", "pk"
        )


def _value_field(label: str) -> models.DecimalField:
    return models.DecimalField(
        label,
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Empty: this leg could not do the test (unable).",
    )


class StrengthAssessment(models.Model):
    athlete = models.ForeignKey(Athlete, on_delete=models.PROTECT, related_name="assessments")
    test = models.ForeignKey(AssessmentTest, on_delete=models.PROTECT, related_name="assessments")
    date = models.DateField()
    # None: the leg could not do the test, its own outcome (never 0).
    left_value = _value_field("left leg")
    right_value = _value_field("right leg")
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Moved on by every correction: a correction names the revision it was
    # made from, so two coaches editing at once cannot lose one's change.
    revision = models.PositiveIntegerField(default=1)
    # Deleting keeps the row (and its history): it only leaves every page.
    deleted_at = models.DateTimeField(null=True, blank=True)

    touches = ("athlete",)
    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(left_value=None) | Q(left_value__gte=0))
                & (Q(right_value=None) | Q(right_value__gte=0)),
                name="assessment_values_not_negative",
            ),
            models.CheckConstraint(condition=Q(revision__gte=1), name="assessment_revision_from_1"),
            models.UniqueConstraint(
                fields=["athlete", "test", "date"],
                condition=Q(deleted_at=None),
                name="assessment_one_per_test_and_day",
            ),
        ]
        indexes = [models.Index(fields=["athlete", "test", "-date"])]

    def __str__(self):
        return f"{self.athlete} · {self.test} · {self.date}"

    @property
    def left_unable(self) -> bool:
        return self.left_value is None

    @property
    def right_unable(self) -> bool:
        return self.right_value is None

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def symmetry(self) -> Symmetry:
        """In the athlete's current frame (their involved leg, if any)."""
        return limb_symmetry(
            self.left_value,
            self.right_value,
            higher_is_better=self.test.higher_is_better,
            threshold=self.test.lsi_threshold,
            involved=self.athlete.involved,
            detectable=self.test.detectable,
        )

    def values(self) -> dict[str, str]:
        """What a correction can change, as text (kept in AssessmentChange)."""
        return {
            "date": self.date.isoformat(),
            "left": "unable" if self.left_value is None else number(self.left_value),
            "right": "unable" if self.right_value is None else number(self.right_value),
            "notes": self.notes,
        }


class AssessmentChangeQuerySet(AthleteScopedQuerySet):
    athlete_path = "assessment__athlete__"


class AssessmentChange(models.Model):
    """One correction or deletion of a result: who, when, why, before and after."""

    class Kind(models.TextChoices):
        CORRECTED = "corrected", "Corrected"
        DELETED = "deleted", "Deleted"

    assessment = models.ForeignKey(
        StrengthAssessment, on_delete=models.PROTECT, related_name="changes"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    revision = models.PositiveIntegerField(help_text="The result's revision this change made.")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    reason = models.CharField(max_length=200)
    before = models.JSONField()
    after = models.JSONField(null=True, blank=True)  # None for a deletion

    touches = ("assessment__athlete",)
    objects = AssessmentChangeQuerySet.as_manager()

    class Meta:
        ordering = ["changed_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="assessment_change_has_reason"),
            models.CheckConstraint(
                condition=Q(kind="deleted", after__isnull=True)
                | Q(kind="corrected", after__isnull=False),
                name="assessment_change_after_matches_kind",
            ),
            models.UniqueConstraint(
                fields=["assessment", "revision"], name="assessment_change_one_per_revision"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.assessment} ({self.changed_at:%Y-%m-%d})"

    @property
    def differences(self) -> list[tuple[str, str, str]]:
        """(field, old, new) of what changed, in the coach's words."""
        if self.after is None:
            return []
        labels = {"date": "date", "left": "left", "right": "right", "notes": "note"}
        return [
            (label, self.before.get(key, ""), self.after.get(key, ""))
            for key, label in labels.items()
            if self.before.get(key) != self.after.get(key)
        ]


class BodyMassQuerySet(AthleteScopedQuerySet):
    pass


class BodyMass(models.Model):
    """The athlete's body mass on a day: force tests show N/kg with the
    latest mass on or before the test's date."""

    athlete = models.ForeignKey(Athlete, on_delete=models.PROTECT, related_name="body_masses")
    date = models.DateField()
    kg = models.DecimalField("body mass (kg)", max_digits=5, decimal_places=1)
    note = models.CharField(max_length=120, blank=True, help_text="For example “morning, fasted”.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    touches = ("athlete",)
    objects = BodyMassQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name_plural = "body masses"
        constraints = [
            models.UniqueConstraint(fields=["athlete", "date"], name="body_mass_one_per_day"),
            models.CheckConstraint(
                condition=Q(kg__gte=20) & Q(kg__lte=300), name="body_mass_plausible"
            ),
        ]

    def __str__(self):
        return f"{self.athlete} · {self.kg} kg · {self.date}"


class WeightUnit(models.TextChoices):
    KG = "kg", "kg"
    LB = "lb", "lb"


class CoachPreference(models.Model):
    """How a coach reads the numbers: masses are stored in kg, shown in this."""

    coach = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach_preference"
    )
    weight_unit = models.CharField(max_length=2, choices=WeightUnit.choices, default="kg")

    def __str__(self):
        return f"{self.coach} · {self.weight_unit}"


def weight_unit_for(user) -> str:
    """The coach's display unit for masses (one query; kg when never chosen)."""
    unit = CoachPreference.objects.filter(coach=user).values_list("weight_unit", flat=True)
    return unit.first() or WeightUnit.KG


def latest_body_mass(athlete: Athlete, coach) -> BodyMass | None:
    """The athlete's latest body mass with `.unit`, the coach's display unit,
    read in the same query (the athlete page stays within its query budget),
    compiled once (coaching/site/compiled.py). An athlete read with_latest
    carries it already: no query."""
    if hasattr(athlete, "latest_mass_pk"):
        mass = _from_columns(athlete, BodyMass, "latest_mass", LATEST_MASS_FIELDS)
        unit = athlete.latest_mass_unit
    else:
        found = compiled.run("latest body mass", _body_masses, athlete=athlete.pk, coach=coach.pk)
        mass = found[0] if found else None
        unit = mass.unit if mass else None
    if mass is not None:
        mass.unit = unit or WeightUnit.KG
        mass.athlete = athlete
    return mass


def _body_masses(athlete: int, coach: int):
    masses = BodyMass.objects.filter(athlete_id=athlete).annotate(unit=_unit_of(coach))
    return masses.order_by(*BodyMass._meta.ordering)[:1]


def _unit_of(coach):
    unit = CoachPreference.objects.filter(coach_id=coach).values("weight_unit")[:1]
    return models.Subquery(unit)


LATEST_MASS_FIELDS = ("pk", "date", "kg")
LATEST_INVITE_FIELDS = ("pk", "sent_to", "created_at", "expires_at", "used_at")


def with_latest(athletes, coach):
    """The athlete page's two other reads as columns of the athlete's row:
    the latest body mass (with the coach's unit) and the latest invite, for
    latest_body_mass and latest_invite (two round trips fewer a page)."""
    mass = BodyMass.objects.filter(athlete_id=models.OuterRef("pk"))
    invite = AthleteInvite.objects.filter(athlete_id=models.OuterRef("pk"))
    columns = {"latest_mass_unit": _unit_of(coach)}
    for prefix, rows, fields in (
        ("latest_mass", mass, LATEST_MASS_FIELDS),
        ("latest_invite", invite, LATEST_INVITE_FIELDS),
    ):
        newest = rows.order_by(*rows.model._meta.ordering)[:1]
        for name in fields:
            columns[f"{prefix}_{name}"] = models.Subquery(newest.values(name))
    return athletes.annotate(**columns)


def _from_columns(athlete: Athlete, model, prefix: str, fields: tuple[str, ...]):
    """The instance with_latest read as columns (None when there is none),
    as the database would give it (saved, not new)."""
    values = {name: getattr(athlete, f"{prefix}_{name}") for name in fields}
    if values["pk"] is None:
        return None
    instance = model(athlete=athlete, **values)
    instance._state.adding = False
    instance._state.db = athlete._state.db
    return instance


INVITE_LIFETIME = timedelta(days=7)


def hash_token(token: str) -> str:
    """Only the hash is stored, so a database leak does not leak usable links."""
    return hashlib.sha256(token.encode()).hexdigest()


class InviteQuerySet(AthleteScopedQuerySet):
    pass


def latest_invite(athlete: Athlete) -> "AthleteInvite | None":
    """The athlete's latest invite (the athlete page shows its state),
    compiled once (coaching/site/compiled.py); one read with_latest carries it."""
    if hasattr(athlete, "latest_invite_pk"):
        return _from_columns(athlete, AthleteInvite, "latest_invite", LATEST_INVITE_FIELDS)
    found = compiled.run("latest invite", _invites, athlete=athlete.pk)
    if not found:
        return None
    found[0].athlete = athlete  # its state() reads the athlete: no query for it
    return found[0]


def _invites(athlete: int):
    return AthleteInvite.objects.filter(athlete_id=athlete).order_by(*AthleteInvite._meta.ordering)[
        :1
    ]


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
