"""The athlete's reminder choices."""

import zoneinfo

from django import forms

TIME_ZONES = sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})


class ReminderForm(forms.Form):
    morning_mail = forms.BooleanField(
        label="Send me a morning mail on training days",
        required=False,
        help_text="Around 7:00 your time: today's exercises and the cue. At most one a day.",
    )
    time_zone = forms.ChoiceField(
        label="My time zone", choices=[(zone, zone.replace("_", " ")) for zone in TIME_ZONES]
    )
