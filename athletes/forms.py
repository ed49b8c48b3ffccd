from datetime import timedelta
from decimal import Decimal

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.urls import reverse
from django.utils import timezone

from coaching.site.formats import long_date, number

from .models import AssessmentTest, Athlete, StrengthAssessment

OLDEST_ASSESSMENT = timedelta(days=365 * 20)


class AthleteForm(forms.ModelForm):
    class Meta:
        model = Athlete
        fields = ["name", "email", "dominant_leg", "goal_event", "notes"]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "off"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "email": "The invite link is sent here; you can also copy it.",
            "notes": "Only you see these.",
        }


def _leg_field(label: str) -> forms.DecimalField:
    # No max_digits here: "1e9" must reach clean() and get the plausible-maximum
    # message rather than a message about digits.
    return forms.DecimalField(
        label=label,
        min_value=0,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "any", "min": "0"}),
        error_messages={
            "required": "Enter a result for this leg (0 if it could not do the test).",
            "invalid": "Enter a number, like 12 or 12.5.",
            "min_value": "Enter 0 or more.",
            "max_decimal_places": "Use at most 2 decimals.",
        },
    )


class AssessmentForm(forms.ModelForm):
    """One test, both legs, one day. `athlete` is fixed by the URL, not the form."""

    test = forms.ModelChoiceField(
        queryset=AssessmentTest.objects.active(),
        empty_label="Choose a test",
        error_messages={"required": "Choose the test you measured."},
    )
    date = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": "Enter the day you measured.", "invalid": "Enter a date."},
    )
    left_value = _leg_field("Left leg")
    right_value = _leg_field("Right leg")
    notes = forms.CharField(
        required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )

    class Meta:
        model = StrengthAssessment
        fields = ["test", "date", "left_value", "right_value", "notes"]

    def __init__(self, *args, athlete: Athlete, **kwargs):
        super().__init__(*args, **kwargs)
        self.athlete = athlete
        today = timezone.localdate()
        self.fields["date"].initial = today
        self.fields["date"].widget.attrs["max"] = today.isoformat()
        # Choosing a test reloads the form (htmx) so the labels show its unit
        # and its instructions; what was typed so far comes along.
        self.fields["test"].widget.attrs.update(
            {
                "hx-get": reverse("athletes:record_assessment", args=[athlete.pk]),
                "hx-trigger": "change",
                "hx-target": "#record-assessment",
                "hx-swap": "outerHTML",
                "hx-include": "closest form",
            }
        )
        self.selected_test = self._selected_test()
        if self.selected_test:
            unit = self.selected_test.get_unit_display()
            self.fields["left_value"].label = f"Left leg ({unit})"
            self.fields["right_value"].label = f"Right leg ({unit})"

    def _selected_test(self) -> AssessmentTest | None:
        """The test chosen so far (bound data or initial), to label the units."""
        raw = self.data.get("test") if self.is_bound else self.initial.get("test")
        if isinstance(raw, AssessmentTest):
            return raw
        if not raw or not str(raw).isdigit():
            return None
        return next((t for t in self.fields["test"].queryset if str(t.pk) == str(raw)), None)

    def clean_date(self):
        day = self.cleaned_data["date"]
        today = timezone.localdate()
        if day > today:
            raise forms.ValidationError("The date cannot be in the future.")
        if day < today - OLDEST_ASSESSMENT:
            raise forms.ValidationError("Enter a date within the last 20 years.")
        return day

    def clean(self):
        # The (athlete, test, date) unique rule involves the athlete, which is
        # not a form field, so Django skips it: check it here in plain words.
        cleaned = super().clean()
        test = cleaned.get("test")
        if not test:
            return cleaned
        unit = test.get_unit_display()
        for name in ("left_value", "right_value"):
            value: Decimal | None = cleaned.get(name)
            if value is None:
                continue
            if value > test.plausible_max:
                self.add_error(
                    name,
                    f"More than {number(test.plausible_max)} {unit} is not plausible "
                    "for this test. Check the value.",
                )
            elif value == 0 and not test.higher_is_better:
                self.add_error(name, f"A time of 0 {unit} is not possible on this test.")
        day = cleaned.get("date")
        if (
            day
            and StrengthAssessment.objects.filter(
                athlete=self.athlete, test=test, date=day
            ).exists()
        ):
            self.add_error(
                "date",
                f"{self.athlete.name} already has a {test.short_name} result on "
                f"{long_date(day)}. Pick another day or test.",
            )
        return cleaned


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
