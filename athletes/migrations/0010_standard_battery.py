"""The standard test battery: unit, direction, LSI threshold and smallest
detectable difference (SDD) from the literature, rounded to what a coach can
measure. Tests already installed keep their wording and gain only the noise
fields; editors change any of it in the admin afterwards.

Sources of the detectable differences (approximate, healthy and ACL cohorts):
hop tests (single, triple, crossover, 6 m timed) LSI SDD about 7-11 points
(Reid 2007; Munro & Herrington 2011); side hop about 10 points; heel raise to
fatigue about 6 reps per leg (Hébert-Losier 2017); single-leg bridge about
5 reps; Y-balance anterior reach: a difference over 4 cm is the asymmetry rule
(Plisky 2006); hand-held dynamometry about 10-15 % (Thorborg); single-leg
balance with eyes closed is noisy (8 s between legs) and flags only below 70 %."""

from decimal import Decimal as D

from django.db import migrations

LSI, UNIT = True, False

BATTERY = [
    # slug, name, short name, unit, higher is better, threshold, SDD, SDD in, normalisation, max, instructions
    ("single-leg-hop-distance", "Single-leg hop for distance", "hop for distance", "cm", True, 90,
     D(8), LSI, "", D(400),
     "Toes behind the line, hop as far forward as you can and land on the same leg. Hold the "
     "landing for two seconds or the try does not count. Measure line to heel; best of three."),
    ("triple-hop-distance", "Triple hop for distance", "triple hop", "cm", True, 90,
     D(8), LSI, "", D(1200),
     "Three hops in a row on the same leg, as far as you can, landing held for two seconds on "
     "the last. Measure line to heel; best of two after a practice try."),
    ("crossover-hop-distance", "Crossover hop for distance", "crossover hop", "cm", True, 90,
     D(9), LSI, "", D(1200),
     "Three hops on one leg zig-zagging over a 15 cm line, landing held on the last. Measure "
     "line to heel; best of two after a practice try."),
    ("single-leg-timed-hop", "Single-leg timed hop, 6 m", "timed hop", "seconds", False, 90,
     D(10), LSI, "", D(30),
     "Hop on one leg over 6 metres as fast as you can. Time from the start signal to crossing "
     "the line; best of two. Lower is better."),
    ("side-hop-30s", "Side hop, reps in 30 s", "side hop", "reps", True, 90,
     D(10), LSI, "", D(120),
     "On one leg, hop sideways over two lines 40 cm apart for 30 seconds. Count hops that "
     "clear the lines; touches on a line do not count."),
    ("single-leg-heel-raise", "Single-leg heel raise to fatigue", "heel raise", "reps", True, 90,
     D(6), UNIT, "", D(150),
     "On one leg at the edge of a step, fingertips on a wall for balance only. Rise as high as "
     "you can and lower all the way, one rep every two seconds. Stop when the height drops off "
     "or the rhythm breaks."),
    ("single-leg-bridge", "Single-leg bridge to fatigue", "bridge", "reps", True, 90,
     D(5), UNIT, "", D(150),
     "On your back, heel on a 60 cm box, other leg straight up. Lift the hips until level, "
     "touch down, repeat one every two seconds. Stop when the hips no longer reach level."),
    ("y-balance-anterior", "Y-balance anterior reach", "anterior reach", "cm", True, 100,
     D(4), UNIT, "leg_length", D(150),
     "Stand on one leg and push the reach box forward with the other foot as far as you can "
     "without touching down; best of three. A difference over 4 cm between the legs is "
     "flagged. Shown as % of leg length when the leg length is set."),
    ("hhd-calf-isometric", "Isometric calf push, hand-held dynamometer", "calf push", "N", True,
     90, D(12), LSI, "body_mass", D(3000),
     "Seated, knee bent, dynamometer under the ball of the foot against a fixed strap. Push "
     "as hard as you can for 3 seconds; best of three. Shown in N per kg of body mass."),
    ("hhd-hip-abduction", "Isometric hip abduction, hand-held dynamometer", "hip abduction", "N",
     True, 90, D(12), LSI, "body_mass", D(1500),
     "Lying on your back, dynamometer just above the ankle, strapped to the bed. Push the leg "
     "out as hard as you can for 3 seconds; best of three. Shown in N per kg of body mass."),
    ("single-leg-balance-eyes-closed", "Single-leg balance, eyes closed", "balance", "seconds",
     True, 70, D(8), UNIT, "", D(300),
     "Barefoot, hands on hips. Close your eyes and lift one foot. Stop the clock when the "
     "lifted foot touches down, a hand leaves the hip or the standing foot shifts. Best of "
     "three tries. Noisy: only large differences count."),
]  # fmt: skip

NOISE_FIELDS = (
    "lsi_threshold", "detectable_difference", "detectable_in_lsi_points", "normalisation", "order"
)  # fmt: skip


def seed(apps, schema_editor):
    AssessmentTest = apps.get_model("athletes", "AssessmentTest")
    # The battery first, in its order; other tests (kept) after it.
    slugs = [row[0] for row in BATTERY]
    for test in AssessmentTest.objects.exclude(slug__in=slugs):
        test.order = 100 + test.order
        test.save(update_fields=["order"])
    for order, row in enumerate(BATTERY, start=1):
        slug, name, short, unit, higher, threshold, sdd, in_lsi, norm, top, text = row
        fields = {
            "lsi_threshold": threshold,
            "detectable_difference": sdd,
            "detectable_in_lsi_points": in_lsi,
            "normalisation": norm,
            "order": order,
        }
        test = AssessmentTest.objects.filter(slug=slug).first()
        if test is not None:
            for name_, value in fields.items():
                setattr(test, name_, value)
            test.save(update_fields=NOISE_FIELDS)
            continue
        AssessmentTest.objects.create(
            slug=slug,
            name=name,
            short_name=short,
            unit=unit,
            higher_is_better=higher,
            max_value=top,
            instructions=text,
            **fields,
        )


class Migration(migrations.Migration):
    dependencies = [("athletes", "0009_assessments_trustworthy")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
