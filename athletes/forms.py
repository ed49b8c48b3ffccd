from datetime import timedelta

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from coaching.site.formats import long_date, number

from .models import AssessmentTest, Athlete, Leg, StrengthAssessment, WeightUnit

OLDEST_ASSESSMENT = timedelta(days=365 * 20)


class AthleteForm(forms.ModelForm):
    # Not a field of Athlete: each value saved becomes a dated BodyMass.
    body_mass_kg = forms.DecimalField(
        label="Body mass today (kg)",
        required=False,
        min_value=20,
        max_value=300,
        decimal_places=1,
        help_text="Force tests show N per kg with the latest mass on or before their day.",
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.1"}),
    )

    class Meta:
        model = Athlete
        fields = [
            "name",
            "email",
            "dominant_leg",
            "involved_leg",
            "involved_note",
            "involved_since",
            "leg_length_cm",
            "goal_event",
            "notes",
        ]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "off"}),
            "involved_since": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "involved_leg": forms.Select(choices=[("", "None"), *Leg.choices]),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "email": "The invite link is sent here; you can also copy it.",
            "notes": "Only you see these.",
        }

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("involved_leg") and (
            cleaned.get("involved_note") or cleaned.get("involved_since")
        ):
            self.add_error(
                "involved_leg", "Choose the involved leg, or clear what happened and since."
            )
        return cleaned

    def athlete_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "body_mass_kg"}


def _leg_field(label: str) -> forms.DecimalField:
    # No max_digits here: "1e9" must reach clean() and get the plausible-maximum
    # message rather than a message about digits.
    return forms.DecimalField(
        label=label,
        min_value=0,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "any", "min": "0"}),
        error_messages={
            "required": "Enter a result, or tick “could not do it”.",
            "invalid": "Enter a number, like 12 or 12.5.",
            "min_value": "Enter 0 or more.",
            "max_decimal_places": "Use at most 2 decimals.",
        },
    )


def _unable_field(side: str) -> forms.BooleanField:
    return forms.BooleanField(
        label=f"{side} leg could not do it",
        required=False,
        help_text="Pain, fear or no control: recorded as unable, never as 0.",
    )


class LegResultsForm(forms.Form):
    """Date, both legs (a value or "could not do it") and a note, for one test:
    what recording and correcting share. Subclasses say which test."""

    date = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": "Enter the day you measured.", "invalid": "Enter a date."},
    )
    left_value = _leg_field("Left leg")
    left_unable = _unable_field("Left")
    right_value = _leg_field("Right leg")
    right_unable = _unable_field("Right")
    notes = forms.CharField(
        required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, athlete: Athlete, **kwargs):
        super().__init__(*args, **kwargs)
        self.athlete = athlete
        for side in ("left", "right"):
            # Ticked "could not do it": no value is asked for that leg.
            if self.is_bound and self.fields[f"{side}_unable"].clean(
                self.fields[f"{side}_unable"].widget.value_from_datadict(
                    self.data, self.files, self.add_prefix(f"{side}_unable")
                )
            ):
                self.fields[f"{side}_value"].required = False
        today = timezone.localdate()
        self.fields["date"].initial = today
        self.fields["date"].widget.attrs["max"] = today.isoformat()

    def chosen_test(self, cleaned) -> AssessmentTest | None:
        """The test whose unit and limits apply: the chosen one (recording)."""
        return cleaned.get("test")

    def clean_date(self):
        day = self.cleaned_data["date"]
        today = timezone.localdate()
        if day > today:
            raise forms.ValidationError("The date cannot be in the future.")
        if day < today - OLDEST_ASSESSMENT:
            raise forms.ValidationError("Enter a date within the last 20 years.")
        return day

    def clean(self):
        cleaned = super().clean()
        test = self.chosen_test(cleaned)
        for side in ("left", "right"):
            name, value = f"{side}_value", cleaned.get(f"{side}_value")
            if name in self.errors:
                continue
            if cleaned.get(f"{side}_unable"):
                if value is not None:
                    self.add_error(name, "Either a result or “could not do it”: clear one of them.")
                cleaned[name] = None
                continue
            if test and value > test.plausible_max:
                self.add_error(
                    name,
                    f"More than {number(test.plausible_max)} {test.get_unit_display()} is not "
                    "plausible for this test. Check the value.",
                )
            elif test and value == 0 and not test.higher_is_better:
                self.add_error(
                    name,
                    f"A time of 0 {test.get_unit_display()} is not possible. If the leg "
                    "could not do the test, tick “could not do it”.",
                )
        return cleaned

    def duplicate_error(self, test: AssessmentTest, day) -> str:
        return (
            f"{self.athlete.name} already has a {test.short_name} result on "
            f"{long_date(day)}. Pick another day or test."
        )

    def leg_values(self) -> dict:
        """What the services take: a value, or None for "could not do it"."""
        c = self.cleaned_data
        return {
            "date": c["date"],
            "left_value": c["left_value"],
            "right_value": c["right_value"],
            "notes": c["notes"],
        }


class AssessmentForm(LegResultsForm):
    """One test, both legs, one day. `athlete` is fixed by the URL, not the form."""

    test = forms.ModelChoiceField(
        queryset=AssessmentTest.objects.active(),
        empty_label="Choose a test",
        error_messages={"required": "Choose the test you measured."},
    )
    field_order = ["test", "date"]

    def __init__(self, *args, athlete: Athlete, **kwargs):
        super().__init__(*args, athlete=athlete, **kwargs)
        # Choosing a test fetches only its instructions and unit (htmx): the
        # fields already typed are never redrawn, so nothing typed is lost.
        self.fields["test"].widget.attrs.update(
            {
                "hx-get": reverse("athletes:test_details"),
                "hx-trigger": "change",
                "hx-target": "#test-details",
                "hx-swap": "outerHTML",
            }
        )
        self.selected_test = self._selected_test()
        unit = f"({self.selected_test.get_unit_display()})" if self.selected_test else ""
        for side in ("left", "right"):
            # The unit in its own element: the test's details swap it in place.
            self.fields[f"{side}_value"].label = format_html(
                '{} leg <span id="unit-{}">{}</span>', side.capitalize(), side, unit
            )

    def _selected_test(self) -> AssessmentTest | None:
        """The test chosen so far (bound data or initial), for its instructions."""
        raw = self.data.get("test") if self.is_bound else self.initial.get("test")
        if isinstance(raw, AssessmentTest):
            return raw
        if not raw or not str(raw).isdigit():
            return None
        return next((t for t in self.fields["test"].queryset if str(t.pk) == str(raw)), None)

    def clean(self):
        # The (athlete, test, date) unique rule involves the athlete, which is
        # not a form field: check it here in plain words.
        cleaned = super().clean()
        test, day = cleaned.get("test"), cleaned.get("date")
        if (
            test
            and day
            and StrengthAssessment.objects.current()
            .filter(athlete=self.athlete, test=test, date=day)
            .exists()
        ):
            self.add_error("date", self.duplicate_error(test, day))
        return cleaned

    def result(self) -> dict:
        return {"test": self.cleaned_data["test"], **self.leg_values()}


class CorrectionForm(LegResultsForm):
    """A result as it should have been, why, and the revision the coach saw."""

    reason = forms.CharField(
        max_length=200,
        help_text="Kept in the history beside the result, e.g. “typo: 131, not 13”.",
        error_messages={"required": "Say why, in a few words: it is kept with the history."},
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, assessment: StrengthAssessment, **kwargs):
        self.assessment = assessment
        initial = {
            "date": assessment.date,
            "left_value": assessment.left_value,
            "left_unable": assessment.left_unable,
            "right_value": assessment.right_value,
            "right_unable": assessment.right_unable,
            "notes": assessment.notes,
            "revision": assessment.revision,
        }
        super().__init__(*args, athlete=assessment.athlete, initial=initial, **kwargs)
        unit = assessment.test.get_unit_display()
        self.fields["left_value"].label = f"Left leg ({unit})"
        self.fields["right_value"].label = f"Right leg ({unit})"

    def chosen_test(self, cleaned):
        return self.assessment.test

    def clean(self):
        cleaned = super().clean()
        day = cleaned.get("date")
        if (
            day
            and StrengthAssessment.objects.current()
            .filter(athlete=self.athlete, test=self.assessment.test, date=day)
            .exclude(pk=self.assessment.pk)
            .exists()
        ):
            self.add_error("date", self.duplicate_error(self.assessment.test, day))
        return cleaned


class DeleteResultForm(forms.Form):
    reason = forms.CharField(
        max_length=200,
        help_text="Kept with the deleted result, e.g. “recorded for the wrong athlete”.",
        error_messages={"required": "Say why, in a few words: it is kept with the history."},
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class WeightUnitForm(forms.Form):
    weight_unit = forms.ChoiceField(
        label="Show body mass in", choices=WeightUnit.choices, widget=forms.RadioSelect
    )


class InviteAcceptForm(UserCreationForm):
    """Username, the athlete's own email and a password (Django's password
    validators). The email is the account's: password resets go there, so the
    athlete submits it; what the coach typed is only the starting value."""

    email = forms.EmailField(
        label="Your email",
        max_length=254,  # User.email's
        help_text="Password reset links go here, and only here. Check that it is yours.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Enter your email address: it is where a password reset link goes.",
            "invalid": "Enter an email address like name@example.com.",
        },
    )

    field_order = ["username", "email", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "username"
        ].help_text = "Letters, digits and @ . + - _ only. You sign in with it."
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.fields[
            "password1"
        ].help_text = "At least 8 characters, not only digits, and not a common password."
        self.fields["password2"].label = "Password again"
        self.fields["password2"].help_text = ""
