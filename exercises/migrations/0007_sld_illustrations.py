"""The Single Leg Deadlift ships with drawings of its three levels and of the
"hips square" cue (static/img/technique/, drawn for Flamingo, MIT licence),
so a fresh library is not bare. Uploaded pictures replace them on the page."""

from django.db import migrations

LEVELS = {
    1: "Level 1: hinging on one leg, one hand on a wall for balance, the free leg reaching back in line with the body.",
    2: "Level 2: hinging on one leg without support, arms hanging under the shoulders, the free leg reaching back.",
    3: "Level 3: hinging on one leg with a kettlebell in the hand opposite the standing leg.",
}
HIPS = (
    "Hips square, seen from behind: both hips level, like two headlights pointing at the floor; "
    "not turned open with the lights pointing sideways."
)


def ship(apps, schema_editor):
    Exercise = apps.get_model("exercises", "Exercise")
    deadlift = Exercise.objects.filter(slug="single-leg-deadlift").first()
    if deadlift is None:
        return
    for order, alt in LEVELS.items():
        deadlift.levels.filter(order=order, image="").update(
            illustration=f"img/technique/sld-level-{order}.svg", image_alt=alt
        )
    steps = deadlift.steps.order_by("order")
    step = steps.filter(instruction__icontains="square").first() or steps.filter(order=2).first()
    if step is not None and not step.image:
        type(step).objects.filter(pk=step.pk).update(
            illustration="img/technique/sld-hips-square.svg", image_alt=HIPS
        )


def unship(apps, schema_editor):
    for name in ("ProgressionLevel", "TechniqueStep"):
        apps.get_model("exercises", name).objects.filter(
            illustration__startswith="img/technique/sld-"
        ).update(illustration="", image_alt="")


class Migration(migrations.Migration):
    dependencies = [("exercises", "0006_pictures")]
    operations = [migrations.RunPython(ship, unship)]
