"""Forms of the coach's pages: assigning, level and prescription changes, session comments."""

import datetime

from django import forms
from django.utils import timezone

from athletes.models import Athlete
from coaching.prescription import (
    PRESCRIPTION_FIELDS,
    WEEKDAY_CHOICES,
    shaped,
    shaped_prescription,
)
from exercises.models import Exercise, ProgressionLevel


class ExerciseChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, assigned: set[int], **kwargs):
        self.assigned = assigned
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return f"{obj.name} (already assigned)" if obj.pk in self.assigned else obj.name


class LevelChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"Level {obj.order}: {obj.name}"


class AssignForm(forms.Form):
    """Pick an exercise, one of its levels, and the prescription.

    The level list follows the chosen exercise (bound data first, then the
    initial value), so a full-page re-render without JS shows the right levels."""

    exercise = forms.ModelChoiceField(queryset=Exercise.objects.none(), empty_label="Choose…")
    level = LevelChoiceField(
        queryset=ProgressionLevel.objects.none(),
        empty_label=None,
        help_text="The prescription below starts from this level's defaults.",
    )
    sets = forms.IntegerField(min_value=1, max_value=20)
    reps_per_leg = forms.IntegerField(label="Reps per leg", min_value=1, max_value=100)
    load_kg = forms.DecimalField(
        label="Load (kg)",
        required=False,
        min_value=0,
        max_value=500,
        max_digits=5,
        decimal_places=1,
    )
    sessions_per_week = forms.IntegerField(label="Sessions per week", min_value=1, max_value=7)
    weekdays = forms.TypedMultipleChoiceField(
        label="Preferred weekdays",
        choices=WEEKDAY_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave empty to let the plan spread the sessions over the week.",
    )
    start_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    notes = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown to the athlete with the exercise.",
    )

    def __init__(self, *args, athlete: Athlete, **kwargs):
        super().__init__(*args, **kwargs)
        self.athlete = athlete
        assigned = set(athlete.assignments.active().values_list("exercise_id", flat=True))
        self.fields["exercise"] = ExerciseChoiceField(
            queryset=Exercise.objects.published(), empty_label="Choose…", assigned=assigned
        )
        # Named *_choice: in templates `form.exercise` is the bound field.
        self.exercise_choice = self._chosen_exercise()
        self.level_choice = None
        if self.exercise_choice is not None:
            levels = list(self.exercise_choice.levels.all())
            self.fields["level"].queryset = self.exercise_choice.levels.all()
            suggestion = self.exercise_choice.sessions_per_week_label
            self.fields["sessions_per_week"].help_text = f"The library suggests {suggestion}."
            self.level_choice = self._chosen_level(levels)

    def _raw(self, name: str):
        return self.data.get(name) if self.is_bound else self.initial.get(name)

    def _chosen_exercise(self) -> Exercise | None:
        value = self._raw("exercise")
        if isinstance(value, Exercise):
            return value
        try:
            return Exercise.objects.published().get(pk=int(value))
        except (TypeError, ValueError, Exercise.DoesNotExist):
            return None

    def _chosen_level(self, levels: list[ProgressionLevel]) -> ProgressionLevel | None:
        value = self._raw("level")
        pk = value.pk if isinstance(value, ProgressionLevel) else value
        return next((lv for lv in levels if str(lv.pk) == str(pk)), None)

    def clean_start_date(self):
        start = self.cleaned_data["start_date"]
        today = timezone.localdate()
        if start < today - datetime.timedelta(days=7):
            raise forms.ValidationError("Start at most a week in the past.")
        if start > today + datetime.timedelta(days=365):
            raise forms.ValidationError("Start within the next year.")
        return start

    def clean(self):
        data = super().clean()
        days, per_week = data.get("weekdays"), data.get("sessions_per_week")
        if days and per_week and len(days) != per_week:
            # The plan would silently add or drop days otherwise.
            sessions = "1 session" if per_week == 1 else f"{per_week} sessions"
            self.add_error(
                "weekdays",
                f"Pick {per_week} day{'s' if per_week > 1 else ''} for {sessions} a week, or none.",
            )
        return data


def prescription_initial(
    exercise: Exercise | None, level: ProgressionLevel | None
) -> dict[str, object]:
    """The form's starting values for an exercise and level (library defaults)."""
    initial: dict[str, object] = {"start_date": timezone.localdate()}
    if exercise is not None:
        initial["exercise"] = exercise
        initial["sessions_per_week"] = exercise.sessions_per_week_min
    if level is not None:
        initial.update(level=level, **level.default_prescription)
    return initial


def assign_form_for(athlete: Athlete, exercise_pk, level_pk, keep=None) -> AssignForm:
    """An unbound form prefilled for the chosen exercise and level (its first
    level when none or a foreign one is given). `keep`: posted values of the
    fields that do not depend on the level (weekdays, start date, notes)."""
    exercise = Exercise.objects.published().filter(pk=_int(exercise_pk)).first()
    level = None
    if exercise is not None:
        levels = exercise.levels.all()
        level = levels.filter(pk=_int(level_pk)).first() or levels.first()
    initial = prescription_initial(exercise, level)
    if keep is not None:
        initial["weekdays"] = keep.getlist("weekdays")
        initial.update({name: keep[name] for name in ("start_date", "notes") if keep.get(name)})
    return AssignForm(athlete=athlete, initial=initial)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class LevelChangeForm(forms.Form):
    to_level = forms.ModelChoiceField(queryset=ProgressionLevel.objects.none())
    reason = forms.CharField(required=False, max_length=1000, widget=forms.Textarea)

    def __init__(self, *args, exercise: Exercise, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_level"].queryset = exercise.levels.all()


class EndForm(forms.Form):
    reason = forms.CharField(required=False, max_length=1000, widget=forms.Textarea)


class PrescriptionForm(forms.Form):
    """Sets, reps (or a rep range) and load of an active assignment; one leg
    apart when wanted: extra sets on it, and/or its own reps."""

    sets = forms.IntegerField(label="Sets", min_value=1, max_value=20)
    reps_per_leg = forms.IntegerField(label="Reps per leg", min_value=1, max_value=100)
    reps_max = forms.IntegerField(
        label="Up to reps",
        min_value=1,
        max_value=100,
        required=False,
        help_text='For a range ("8-10"); empty for a fixed number.',
    )
    load_kg = forms.DecimalField(
        label="Load (kg)",
        required=False,
        min_value=0,
        max_value=500,
        max_digits=5,
        decimal_places=1,
        help_text="Empty for none.",
    )
    extra_sets_leg = forms.ChoiceField(
        label="One leg apart",
        choices=[("", "Both legs the same"), ("left", "Left leg"), ("right", "Right leg")],
        required=False,
        help_text="The weaker or involved leg, usually.",
    )
    extra_sets = forms.IntegerField(
        label="Extra sets on that leg", min_value=0, max_value=5, required=False
    )
    leg_reps = forms.IntegerField(
        label="Reps on that leg",
        min_value=1,
        max_value=100,
        required=False,
        help_text="Empty: the same reps.",
    )
    reason = forms.CharField(
        label="Reason",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, assignment=None, **kwargs):
        if assignment is not None and not args and "data" not in kwargs:
            kwargs.setdefault("initial", shaped(assignment))
        kwargs.setdefault("prefix", f"prescription-{assignment.pk}" if assignment else None)
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        # Every problem at once: the leg and the range are checked even when
        # another field failed (a stand-in 1 for missing sets or reps).
        values = {name: data.get(name) for name in PRESCRIPTION_FIELDS}
        values |= {name: values[name] or 1 for name in ("sets", "reps_per_leg")}
        try:
            shape = shaped_prescription(**values)
        except forms.ValidationError as error:
            self.add_error(None, error)
            return data
        if self.errors:
            return data
        if shape["sets"] + shape["extra_sets"] > 20:
            self.add_error("extra_sets", "At most 20 sets on a leg.")
        return {**data, **shape}


class SessionCommentForm(forms.Form):
    comment = forms.CharField(
        label="Comment for the athlete",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The athlete sees it on their phone. Empty removes it.",
    )
