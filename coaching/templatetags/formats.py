"""{% load formats %}: the filters every app's templates format with
(coaching/site/formats.py has the rules), and the prescription's words."""

from django import template

from coaching.prescription import prescription_text, schedule_text
from coaching.site import formats

register = template.Library()

register.filter("measure", formats.number)
register.filter("kg", formats.kg)
register.filter("weight", formats.weight)  # {{ mass_kg|weight:weight_unit }}
# Datetimes are shown in the current time zone, as with Django's `date` filter.
register.filter("short_date", formats.short_date, expects_localtime=True)
register.filter("long_date", formats.long_date, expects_localtime=True)

# {% prescription sets=... reps_per_leg=... load_kg=... load_note=... unilateral=... %}
register.simple_tag(prescription_text, name="prescription")
# {% schedule sessions_per_week=... weekdays=... %}: "2 x a week (Tue, Fri)"
register.simple_tag(schedule_text, name="schedule")
