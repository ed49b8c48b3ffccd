"""Demo athletes for `manage.py demo_data`. Idempotent."""

from .models import Athlete, Leg


def populate(*, coach, ana) -> None:
    Athlete.objects.get_or_create(
        user=ana,
        defaults={
            "coach": coach,
            "name": "Ana Ruiz",
            "dominant_leg": Leg.RIGHT,
            "goal_event": "Marathon",
        },
    )
