"""The version of what an athlete's cached pages show (coaching/site/page_cache.py).

Two parts, both moved on by any ORM write beneath them (coaching/site/touch.py):
the athlete's own `updated_at` (their record, assignments, sessions, entries,
results, assessments, invites) and the library's, shared by every athlete
(exercises with their steps, mistakes and levels, and the assessment tests).
Here, not in exercises: the library version spans both apps."""

import datetime

from django.db.models import Count, Max, Value

from exercises.models import Exercise

from .models import AssessmentTest, Athlete


def library_version() -> str:
    """Latest edit and row count of exercises and of assessment tests: ONE query.
    The count catches a deletion that leaves the latest edit where it was."""
    parts = [
        model.objects.order_by()
        .annotate(part=Value(model._meta.label))
        .values("part")  # a constant: no GROUP BY, one row even for an empty table
        .annotate(latest=Max("updated_at"), rows=Count("pk"))
        .values_list("part", "latest", "rows")
        for model in (Exercise, AssessmentTest)
    ]
    rows = sorted(parts[0].union(parts[1], all=True).order_by())
    return ";".join(
        f"{latest.timestamp() if latest else 0:.6f}/{count}" for _, latest, count in rows
    )


def athlete_version(athlete: Athlete, today: datetime.date) -> str:
    """What every key of the athlete's fragments starts with (the page adds its parameters)."""
    return f"{athlete.pk}:{athlete.updated_at.timestamp():.6f}:{library_version()}:{today}"
