"""The assessment test catalogue every installation starts with. Editors can
change the wording, thresholds and maximums in the admin afterwards."""

from decimal import Decimal

from django.db import migrations

TESTS = [
    {
        "slug": "single-leg-deadlift",
        "name": "Single-leg deadlift, reps to form break",
        "short_name": "single-leg deadlift",
        "unit": "reps",
        "higher_is_better": True,
        "max_value": Decimal(100),
        "instructions": (
            "Bodyweight, hands on hips. Hinge on one leg until the chest is close to level, "
            "then stand tall. Count clean reps; stop when the hips turn open, the free foot "
            "touches down or the back rounds."
        ),
    },
    {
        "slug": "single-leg-heel-raise",
        "name": "Single-leg heel raise to fatigue",
        "short_name": "heel raise",
        "unit": "reps",
        "higher_is_better": True,
        "max_value": Decimal(150),
        "instructions": (
            "On one leg at the edge of a step, fingertips on a wall for balance only. Rise as "
            "high as you can and lower all the way, one rep every two seconds. Stop when the "
            "height drops off or the rhythm breaks."
        ),
    },
    {
        "slug": "single-leg-squat-to-box",
        "name": "Single-leg squat to a box",
        "short_name": "squat to box",
        "unit": "reps",
        "higher_is_better": True,
        "max_value": Decimal(100),
        "instructions": (
            "Knee-height box behind you. Sit back on one leg until you brush the box, then "
            "stand without help from the other foot. Stop when the knee falls inward or you "
            "drop onto the box."
        ),
    },
    {
        "slug": "single-leg-balance-eyes-closed",
        "name": "Single-leg balance, eyes closed",
        "short_name": "balance",
        "unit": "seconds",
        "higher_is_better": True,
        "max_value": Decimal(300),
        "instructions": (
            "Barefoot, hands on hips. Close your eyes and lift one foot. Stop the clock when "
            "the lifted foot touches down, a hand leaves the hip or the standing foot shifts. "
            "Best of three tries."
        ),
    },
    {
        "slug": "single-leg-hop-distance",
        "name": "Single-leg hop for distance",
        "short_name": "hop for distance",
        "unit": "cm",
        "higher_is_better": True,
        "max_value": Decimal(400),
        "instructions": (
            "Toes behind the line, hop as far forward as you can and land on the same leg. "
            "Hold the landing for two seconds or the try does not count. Measure line to "
            "heel; best of three."
        ),
    },
    {
        "slug": "single-leg-timed-hop",
        "name": "Single-leg timed hop, 6 m",
        "short_name": "timed hop",
        "unit": "seconds",
        "higher_is_better": False,
        "max_value": Decimal(30),
        "instructions": (
            "Hop on one leg over 6 metres as fast as you can. Time from the start signal to "
            "crossing the line; best of two. Lower is better."
        ),
    },
]


def seed(apps, schema_editor):
    AssessmentTest = apps.get_model("athletes", "AssessmentTest")
    for order, data in enumerate(TESTS, start=1):
        AssessmentTest.objects.get_or_create(
            slug=data["slug"], defaults={**data, "order": order, "lsi_threshold": 90}
        )


class Migration(migrations.Migration):
    dependencies = [("athletes", "0002_assessments_invites_email")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
