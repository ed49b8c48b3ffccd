"""Demo athletes and assessments for `manage.py demo_data`.

Idempotent and deterministic: athletes are found by (coach, name), and an
athlete's assessments are only created when they have none yet, so running it
again (on any day) changes nothing. Dates count back from today."""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from .models import AssessmentTest, Athlete, Leg, StrengthAssessment

DEADLIFT = "single-leg-deadlift"
HEEL_RAISE = "single-leg-heel-raise"
SQUAT = "single-leg-squat-to-box"
BALANCE = "single-leg-balance-eyes-closed"
HOP = "single-leg-hop-distance"
TIMED_HOP = "single-leg-timed-hop"

# Ana: about three months of tests every two weeks; her left leg starts well
# behind on the heel raise and deadlift and catches up.
ANA_RESULTS = [
    # days ago, test, left, right
    *[
        (days, HEEL_RAISE, left, right)
        for days, left, right in [
            (91, 21, 29),
            (77, 23, 30),
            (63, 24, 30),
            (49, 26, 31),
            (35, 27, 31),
            (21, 29, 32),
            (7, 31, 33),
        ]
    ],
    *[
        (days, DEADLIFT, left, right)
        for days, left, right in [(91, 7, 10), (63, 8, 10), (35, 9, 11), (7, 10, 11)]
    ],
    *[
        (days, HOP, left, right)
        for days, left, right in [(84, 112, 138), (42, 121, 140), (7, 131, 141)]
    ],
    (84, BALANCE, Decimal("9.5"), Decimal("14")),
    (14, BALANCE, Decimal("14.5"), Decimal("15.5")),
]

OTHERS = [
    # name, dominant leg, goal, email, [(days ago, test, left, right)], archived
    ("Marco Bellini", Leg.LEFT, "10 km", "marco@example.com",
     [(40, HEEL_RAISE, 28, 27), (12, HEEL_RAISE, 30, 30), (12, HOP, 150, 146)], False),
    ("Lucía Fernández", Leg.RIGHT, "Trail 50 km", "",
     [(30, SQUAT, 10, 13), (5, SQUAT, 9, 13), (5, DEADLIFT, 9, 10)], False),
    ("Tomás Herrera", Leg.RIGHT, "Half marathon", "tomas@example.com",
     [(20, HOP, 160, 158)], False),
    ("Sofia Lindqvist", Leg.LEFT, "Marathon", "sofia@example.com",
     [(45, HEEL_RAISE, 34, 33), (10, HEEL_RAISE, 35, 29)], False),
    ("David Okafor", Leg.RIGHT, "5 km", "", [], False),
    ("Irene Castillo", Leg.RIGHT, "Ultra trail 100 km", "",
     [(60, BALANCE, 22, 20), (60, DEADLIFT, 14, 14), (15, DEADLIFT, 15, 16)], False),
    ("Pablo Navarro", Leg.LEFT, "10 km", "pablo@example.com",
     [(25, TIMED_HOP, Decimal("2.31"), Decimal("2.42")),
      (3, TIMED_HOP, Decimal("2.25"), Decimal("2.30"))], False),
    ("Nuria Gil", Leg.RIGHT, "Half marathon", "", [(18, DEADLIFT, 11, 12)], False),
    ("Beatriz Soto", Leg.RIGHT, "Marathon", "", [(120, HEEL_RAISE, 25, 26)], True),
]  # fmt: skip


def _add_results(athlete, coach, results, tests, today) -> None:
    if athlete.assessments.exists():
        return
    StrengthAssessment.objects.bulk_create(
        StrengthAssessment(
            athlete=athlete,
            test=tests[slug],
            date=today - timedelta(days=days),
            left_value=Decimal(left),
            right_value=Decimal(right),
            recorded_by=coach,
        )
        for days, slug, left, right in results
    )


@transaction.atomic
def populate(*, coach, ana) -> None:
    today = timezone.localdate()
    tests = AssessmentTest.objects.in_bulk(field_name="slug")
    athlete, _ = Athlete.objects.get_or_create(
        user=ana,
        defaults={
            "coach": coach,
            "name": "Ana Ruiz",
            "dominant_leg": Leg.RIGHT,
            "goal_event": "Marathon",
            "email": ana.email,
            "notes": "Building calf strength after the Achilles.",
            "involved_leg": Leg.LEFT,
            "involved_note": "Achilles tendinopathy",
            "involved_since": today - timedelta(days=150),
            "leg_length_cm": Decimal(88),
        },
    )
    _add_results(athlete, coach, ANA_RESULTS, tests, today)
    for name, leg, goal, email, results, archived in OTHERS:
        athlete, created = Athlete.objects.get_or_create(
            coach=coach,
            name=name,
            defaults={"dominant_leg": leg, "goal_event": goal, "email": email},
        )
        if created and archived:
            athlete.archived_at = timezone.now()
            athlete.save(update_fields=["archived_at"])
        _add_results(athlete, coach, results, tests, today)
