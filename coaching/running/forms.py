"""Forms of the running plan: a file to import, a run's kind, the rules."""

from django import forms
from django.core.validators import URLValidator

from coaching.running.fetch import normalised
from coaching.running.models import Kind, RunningPlan
from coaching.running.parsers import ACCEPTED, MAX_BYTES, Refused, parse
from coaching.running.plan import RULE_FIELDS


class RunFileForm(forms.Form):
    file = forms.FileField(
        label="Running plan or activity file",
        help_text=f"Upload {ACCEPTED} (up to {MAX_BYTES // (1024 * 1024)} MB).",
        error_messages={
            "required": "Choose a file to upload.",
            "empty": "This file is empty.",
            "invalid": "Choose a file to upload.",
        },
    )

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["file"].widget.attrs["accept"] = ".ics,.ical,.fit,.gpx,.tcx,.csv"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # The size first: a 50 MB file is refused before a byte of it is parsed.
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"This file is larger than {MAX_BYTES // (1024 * 1024)} MB: nothing was imported."
            )
        try:
            self.cleaned_data["runs"] = parse(upload.name, upload.read(), today=self.today)
        except Refused as refused:
            raise forms.ValidationError(refused.message) from None
        return upload


class RunKindForm(forms.Form):
    kind = forms.ChoiceField(label="Kind", choices=Kind.choices)
    goal_race = forms.BooleanField(label="Goal race", required=False)


class RunRulesForm(forms.ModelForm):
    # webcal:// is what calendar apps hand out: read as https://.
    calendar_url = forms.CharField(label="Calendar link", required=False, max_length=500)

    class Meta:
        model = RunningPlan
        fields = ["calendar_url", *RULE_FIELDS]

    def clean_calendar_url(self):
        url = normalised(self.cleaned_data["calendar_url"])
        if url:
            URLValidator(
                schemes=["http", "https"],
                message="A calendar link starts with https:// (or webcal://).",
            )(url)
        return url
