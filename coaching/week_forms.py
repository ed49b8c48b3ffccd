"""The athlete's "Log details" form for one entry of a session."""

from decimal import Decimal

from django import forms

from coaching.models import PainSide, SessionEntry
from coaching.prescription import legs_of

REPS_ERRORS = {
    "required": "How many reps on this leg? 0 if none.",
    "min_value": "Reps can't be negative.",
    "max_value": "That is more than 200 reps: please check the number.",
}


class ResultForm(forms.Form):
    """Per-leg reps, load, pain and where it hurt (the effort is asked once per
    session, not here: SessionCard.asks_effort). Each entry on the page gets its own
    prefix (`entry-<pk>`), so field ids stay unique on a page with many forms."""

    reps_left = forms.IntegerField(
        label="Reps, left leg", min_value=0, max_value=200, error_messages=REPS_ERRORS
    )
    reps_right = forms.IntegerField(
        label="Reps, right leg", min_value=0, max_value=200, error_messages=REPS_ERRORS
    )
    load_kg = forms.DecimalField(
        label="Load (kg)",
        required=False,
        min_value=Decimal(0),
        max_value=Decimal("999.9"),
        max_digits=5,
        decimal_places=1,
        error_messages={
            "min_value": "The load can't be negative.",
            "max_value": "That is more than 999.9 kg: please check the number.",
            "max_decimal_places": "Use at most one decimal, like 7.5.",
        },
    )
    pain = forms.IntegerField(
        label="Pain (0-10)",
        min_value=0,
        max_value=10,
        help_text="0 = none, 10 = worst imaginable.",
        error_messages={
            "required": "How much did it hurt? 0 if not at all.",
            "min_value": "Pain goes from 0 (none) to 10.",
            "max_value": "Pain goes from 0 (none) to 10.",
        },
    )
    pain_side = forms.ChoiceField(
        label="Where did it hurt?",
        required=False,
        choices=[("", "No pain / not saying"), *PainSide.choices],
        help_text="Only with a pain above 0.",
    )
    form_note = forms.CharField(
        label="Note",
        required=False,
        max_length=240,
        help_text="For example: touched down twice.",
    )

    def __init__(self, *args, entry: SessionEntry, **kwargs):
        kwargs.setdefault("prefix", f"entry-{entry.pk}")
        if not args and "data" not in kwargs:
            kwargs.setdefault("initial", self.initial_for(entry))
        super().__init__(*args, **kwargs)
        numeric = {"inputmode": "numeric", "pattern": "[0-9]*"}
        for name in ("reps_left", "reps_right", "pain"):
            self.fields[name].widget.attrs.update(numeric)
        self.fields["load_kg"].widget.attrs.update({"inputmode": "decimal", "step": "0.5"})

    @staticmethod
    def initial_for(entry: SessionEntry) -> dict:
        """Start from what was logged, or from the prescription: most sessions
        go as planned, so the athlete only changes what differed."""
        if entry.completed_at is not None:
            return {
                "reps_left": entry.reps_left,
                "reps_right": entry.reps_right,
                "load_kg": entry.load_done_kg,
                "pain": entry.pain,
                "pain_side": entry.pain_side,
                "form_note": entry.form_note,
            }
        legs = legs_of(entry)
        return {
            "reps_left": legs["left"][1],
            "reps_right": legs["right"][1],
            "load_kg": entry.load_kg,
        }

    def clean(self):
        data = super().clean()
        if not data.get("pain"):
            data["pain_side"] = ""  # no pain, no side
        return data


SCALE_ERRORS = {
    "required": "Tap a number.",
    "min_value": "Tap a number.",
    "max_value": "Tap a number.",
}


class EffortForm(forms.Form):
    """How hard the whole session felt: one tap, 1 (easy) to 10 (all-out)."""

    rpe = forms.IntegerField(min_value=1, max_value=10, error_messages=SCALE_ERRORS)


class MorningForm(forms.Form):
    """How it feels the morning after: one tap, 0 (nothing) to 10."""

    pain = forms.IntegerField(min_value=0, max_value=10, error_messages=SCALE_ERRORS)
