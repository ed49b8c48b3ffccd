from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse

from coaching.site.touch import TouchingQuerySet

from .pictures import Pictured

# A picture, uploaded or shipped, always comes with its description (alt text).
DESCRIBED = Q(image="", illustration="") | ~Q(image_alt="")
# The check constraints below are the database's word; these validators and
# the models' clean() say the same beside the field in a form (the admin puts a
# violated constraint's message at the top, away from the field it is about).
AT_LEAST_1 = [MinValueValidator(1)]
NOT_NEGATIVE = [MinValueValidator(Decimal(0))]


class Focus(models.TextChoices):
    POSTERIOR_CHAIN = "posterior_chain", "Posterior chain"
    CALF = "calf", "Calf and Achilles"
    KNEE = "knee", "Quads and knee control"
    HIP_STABILITY = "hip_stability", "Hip stability"
    BALANCE = "balance", "Balance and ankle"


class ExerciseQuerySet(TouchingQuerySet):
    def published(self):
        return self.filter(published=True)

    def visible_to(self, user):
        """Whoever may change exercises (editors) sees drafts; everyone else the published ones."""
        return self if user.has_perm("exercises.change_exercise") else self.published()

    def search(self, text: str):
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(
            Q(name__icontains=text) | Q(summary__icontains=text) | Q(equipment__icontains=text)
        )

    def with_focus(self, focus: str):
        return self.filter(focus=focus) if focus else self

    def for_library(self, *, text: str = "", focus: str = ""):
        """The library list: search and focus applied, level count in the same
        query (one query however many exercises)."""
        return (
            self.search(text)
            .with_focus(focus)
            .annotate(level_count=models.Count("levels"))
            .order_by(Lower("name"))  # GROUP BY drops Meta.ordering
        )

    def with_details(self):
        """Everything the detail page shows, in a fixed number of queries."""
        return self.prefetch_related("steps", "mistakes", "levels")


class Exercise(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    summary = models.TextField(
        help_text="One or two sentences: what it is and why a runner does it."
    )
    key_points = models.TextField(
        blank=True, help_text="One point per line, shown as a list at the top of the page."
    )
    key_cue = models.CharField(
        max_length=200,
        help_text="The one cue that matters, shown to athletes next to each session.",
    )
    focus = models.CharField(max_length=20, choices=Focus.choices)
    unilateral = models.BooleanField(default=True, help_text="Done one leg at a time.")
    equipment = models.CharField(max_length=120, blank=True)
    sessions_per_week_min = models.PositiveSmallIntegerField(
        "sessions per week (from)", default=1, validators=[MinValueValidator(1)]
    )
    sessions_per_week_max = models.PositiveSmallIntegerField(
        "sessions per week (to)", default=2, validators=[MaxValueValidator(7)]
    )
    published = models.BooleanField(default=False, help_text="Drafts are visible to editors only.")
    # The exercise page's version, moved on by its steps, mistakes and levels
    # too (coaching/site/touch.py); in the library's version (athletes/versions.py).
    updated_at = models.DateTimeField(auto_now=True)

    objects = ExerciseQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sessions_per_week_min__gte=1)
                & Q(sessions_per_week_max__gte=models.F("sessions_per_week_min"))
                & Q(sessions_per_week_max__lte=7),
                name="exercise_sessions_per_week_range",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("exercises:detail", args=[self.slug])

    def clean(self):
        super().clean()
        low, high = self.sessions_per_week_min, self.sessions_per_week_max
        if low is not None and high is not None and high < low:
            message = f"Enter {low} or more: at least the “from”."
            raise ValidationError({"sessions_per_week_max": message})

    @property
    def key_point_list(self) -> list[str]:
        return [line.strip() for line in self.key_points.splitlines() if line.strip()]

    @property
    def sessions_per_week_label(self) -> str:
        low, high = self.sessions_per_week_min, self.sessions_per_week_max
        times = f"{low}" if low == high else f"{low}-{high}"
        return f"{times} × a week"


class TechniqueStep(Pictured):
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(validators=AT_LEAST_1)
    title = models.CharField(max_length=80)
    instruction = models.TextField()

    touches = ("exercise",)
    objects = TouchingQuerySet.as_manager()

    class Meta:
        ordering = ["exercise", "order"]
        constraints = [
            models.UniqueConstraint(fields=["exercise", "order"], name="unique_step_order"),
            models.CheckConstraint(condition=Q(order__gte=1), name="step_order_from_1"),
            models.CheckConstraint(condition=DESCRIBED, name="step_picture_described"),
        ]

    def __str__(self):
        return f"{self.order}. {self.title}"


class CommonMistake(models.Model):
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="mistakes")
    order = models.PositiveSmallIntegerField(default=1, validators=AT_LEAST_1)
    title = models.CharField(max_length=100)
    what_happens = models.TextField("what happens and why")
    how_to_fix = models.TextField("how to fix it")
    sign_of_success = models.CharField(
        "the sign you are doing it right", max_length=240, blank=True
    )

    touches = ("exercise",)
    objects = TouchingQuerySet.as_manager()

    class Meta:
        ordering = ["exercise", "order"]
        constraints = [
            models.UniqueConstraint(fields=["exercise", "order"], name="unique_mistake_order"),
            models.CheckConstraint(condition=Q(order__gte=1), name="mistake_order_from_1"),
        ]

    def __str__(self):
        return self.title


class ProgressionLevel(Pictured):
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="levels")
    order = models.PositiveSmallIntegerField(
        help_text="1 is the easiest level.", validators=AT_LEAST_1
    )
    name = models.CharField(max_length=80)
    description = models.TextField()
    support = models.CharField(
        "support or load", max_length=120, blank=True, help_text="For example: hand on a wall."
    )
    default_sets = models.PositiveSmallIntegerField(default=3, validators=AT_LEAST_1)
    default_reps_per_leg = models.PositiveSmallIntegerField(
        "default reps per leg", default=8, validators=AT_LEAST_1
    )
    default_reps_max = models.PositiveSmallIntegerField(
        "up to reps per leg",
        null=True,
        blank=True,
        help_text='The top of the rep range ("8-10 reps"); empty for a fixed number.',
    )
    default_load_kg = models.DecimalField(
        "default load (kg)",
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
    )
    load_note = models.CharField(
        max_length=120,
        blank=True,
        help_text="Where the load goes, e.g. 'in the hand opposite the standing leg'.",
    )
    advance_reps_per_leg = models.PositiveSmallIntegerField(
        "reps per leg to advance",
        help_text="Reps to reach on both legs before moving up.",
        validators=AT_LEAST_1,
    )
    advance_load_kg = models.DecimalField(
        "load to advance (kg)",
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="Empty: the prescribed load, if there is one.",
        validators=NOT_NEGATIVE,
    )
    advance_max_pain = models.PositiveSmallIntegerField(
        "maximum pain to advance (0-10)", default=3, validators=[MaxValueValidator(10)]
    )
    advance_max_rpe = models.PositiveSmallIntegerField(
        "maximum RPE to advance (1-10)",
        null=True,
        blank=True,
        default=8,
        help_text="When the athlete logs one. Empty: effort is not a criterion.",
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    advance_sessions_in_row = models.PositiveSmallIntegerField(
        "qualifying sessions in a row", default=2, validators=AT_LEAST_1
    )
    load_step_kg = models.DecimalField(
        "load step (kg)",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="How much to add once the criteria are met at the top level.",
        validators=[MinValueValidator(Decimal("0.1"))],
    )

    touches = ("exercise",)
    objects = TouchingQuerySet.as_manager()

    class Meta:
        ordering = ["exercise", "order"]
        constraints = [
            models.UniqueConstraint(fields=["exercise", "order"], name="unique_level_order"),
            # The target of a composite foreign key elsewhere (a row that
            # names a level and its exercise): they cannot disagree.
            models.UniqueConstraint(fields=["id", "exercise"], name="level_id_with_exercise"),
            models.CheckConstraint(condition=Q(order__gte=1), name="level_order_from_1"),
            models.CheckConstraint(condition=DESCRIBED, name="level_picture_described"),
            models.CheckConstraint(condition=Q(default_sets__gte=1), name="level_sets_positive"),
            models.CheckConstraint(
                condition=Q(default_reps_per_leg__gte=1), name="level_reps_positive"
            ),
            models.CheckConstraint(
                condition=Q(advance_reps_per_leg__gte=1), name="level_advance_reps_positive"
            ),
            models.CheckConstraint(
                condition=Q(advance_max_pain__lte=10), name="level_advance_pain_0_10"
            ),
            models.CheckConstraint(
                condition=Q(advance_sessions_in_row__gte=1), name="level_sessions_in_row_positive"
            ),
            models.CheckConstraint(
                condition=Q(default_load_kg__isnull=True) | Q(default_load_kg__gte=0),
                name="level_load_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(default_reps_max__isnull=True)
                | Q(default_reps_max__gte=models.F("default_reps_per_leg")),
                name="level_rep_range_ordered",
            ),
            models.CheckConstraint(
                condition=Q(advance_load_kg__isnull=True) | Q(advance_load_kg__gte=0),
                name="level_advance_load_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(advance_max_rpe__isnull=True)
                | Q(advance_max_rpe__gte=1, advance_max_rpe__lte=10),
                name="level_advance_rpe_1_10",
            ),
            models.CheckConstraint(
                condition=Q(load_step_kg__isnull=True) | Q(load_step_kg__gt=0),
                name="level_load_step_positive",
            ),
        ]

    def __str__(self):
        return f"{self.exercise.name} · level {self.order}: {self.name}"

    def clean(self):
        super().clean()
        low, high = self.default_reps_per_leg, self.default_reps_max
        if low is not None and high is not None and high < low:
            message = f"Enter {low} or more: the top of the range, at least the reps per leg."
            raise ValidationError({"default_reps_max": message})

    @property
    def rep_range(self) -> str:
        """ "8-10", or "8" for a fixed number."""
        low, high = self.default_reps_per_leg, self.default_reps_max
        return f"{low}-{high}" if high and high != low else f"{low}"

    @property
    def default_prescription(self) -> dict:
        """What an assignment at this level starts with: sets, reps per leg, load."""
        return {
            "sets": self.default_sets,
            "reps_per_leg": self.default_reps_per_leg,
            "load_kg": self.default_load_kg,
        }
