"""Forms of the group and programme pages."""

import datetime

from django import forms
from django.utils import timezone

from athletes.groups import Group
from athletes.models import Athlete
from exercises.models import ProgressionLevel

from .prescription import WEEKDAY_CHOICES
from .programmes import Programme


class NameForm(forms.Form):
    name = forms.CharField(max_length=80, help_text="For example “Tuesday club” or “Base phase”.")


class MembersForm(forms.Form):
    athletes = forms.ModelMultipleChoiceField(
        queryset=Athlete.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Members",
    )

    def __init__(self, *args, coach, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["athletes"].queryset = Athlete.objects.for_coach(coach).active()


class LevelField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.exercise.name}: level {obj.order} ({obj.name})"


class ProgrammeItemForm(forms.Form):
    """One exercise of a programme: the level names the exercise; an empty
    prescription takes the level's defaults."""

    level = LevelField(
        queryset=ProgressionLevel.objects.filter(exercise__published=True)
        .select_related("exercise")
        .order_by("exercise__name", "order"),
        label="Exercise and level",
        empty_label="Choose…",
    )
    sets = forms.IntegerField(min_value=1, max_value=20, required=False)
    reps_per_leg = forms.IntegerField(
        label="Reps per leg", min_value=1, max_value=100, required=False
    )
    load_kg = forms.DecimalField(
        label="Load (kg)", required=False, min_value=0, max_value=500, max_digits=5,
        decimal_places=1,
    )  # fmt: skip
    sessions_per_week = forms.IntegerField(
        label="Sessions per week", min_value=1, max_value=7, initial=2
    )
    weekdays = forms.TypedMultipleChoiceField(
        label="Preferred weekdays",
        choices=WEEKDAY_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave empty to let the plan spread the sessions over the week.",
    )

    def clean(self):
        data = super().clean()
        days, per_week = data.get("weekdays"), data.get("sessions_per_week")
        if days and per_week and len(days) != per_week:
            self.add_error("weekdays", f"Pick {per_week} day(s) for {per_week} a week, or none.")
        return data


class AssignProgrammeForm(forms.Form):
    """A programme, to a group or one athlete ("group-3", "athlete-7")."""

    programme = forms.ModelChoiceField(
        queryset=Programme.objects.none(),
        empty_label="Choose…",
        error_messages={
            "required": "Choose a programme.",
            "invalid_choice": "Choose one of your programmes.",
        },
    )
    target = forms.ChoiceField(
        label="Assign to",
        error_messages={
            "required": "Choose a group or an athlete.",
            "invalid_choice": "Choose one of your groups or athletes.",
        },
    )
    start_date = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        initial=timezone.localdate,
    )

    def __init__(self, *args, coach, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.for_coach(coach).active()
        self.groups = {g.pk: g for g in Group.objects.for_coach(coach).active()}
        self.athletes = {a.pk: a for a in Athlete.objects.for_coach(coach).active()}
        self.fields["target"].choices = [
            ("", "Choose…"),
            ("Groups", [(f"group-{pk}", g.name) for pk, g in self.groups.items()]),
            ("Athletes", [(f"athlete-{pk}", a.name) for pk, a in self.athletes.items()]),
        ]

    def clean_start_date(self):
        start = self.cleaned_data["start_date"]
        today = timezone.localdate()
        if start < today - datetime.timedelta(days=7):
            raise forms.ValidationError("Start at most a week in the past.")
        if start > today + datetime.timedelta(days=365):
            raise forms.ValidationError("Start within the next year.")
        return start

    def chosen(self) -> tuple[str, Group | Athlete, list[Athlete]]:
        """(label, group or athlete, the athletes) of the valid form's target."""
        kind, _, pk = self.cleaned_data["target"].partition("-")
        if kind == "group":
            group = self.groups[int(pk)]
            return group.name, group, list(group.members.active())
        athlete = self.athletes[int(pk)]
        return athlete.name, athlete, [athlete]
