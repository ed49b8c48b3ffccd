"""The version of what an athlete's cached pages show (coaching/site/page_cache.py).

Two parts, both moved on by any ORM write beneath them (coaching/site/touch.py):
the athlete's own `updated_at` (their record, assignments, sessions, entries,
results, assessments, invites) and the library's, shared by every athlete
(exercises with their steps, mistakes and levels, and the assessment tests).
Here, not in exercises: the library version spans both apps."""

import datetime
import functools
import hashlib

from django.db.models import Count, Max, Subquery, Value

from coaching.site import compiled
from exercises.models import Exercise

from .models import AssessmentTest, Athlete


def library_columns() -> dict[str, Subquery]:
    """Latest edit and row count of exercises and of assessment tests, as
    scalar subqueries to add to a query of athletes (no extra round trip).
    The count catches a deletion that leaves the latest edit where it was."""
    columns = {}
    for model in (Exercise, AssessmentTest):
        # A constant "group": no GROUP BY, one row even for an empty table.
        rows = model.objects.order_by().annotate(all=Value(1)).values("all")
        name = model._meta.model_name
        columns[f"{name}_latest"] = Subquery(rows.annotate(v=Max("updated_at")).values("v"))
        columns[f"{name}_rows"] = Subquery(rows.annotate(v=Count("pk")).values("v"))
    return columns


@functools.cache
def _library_names() -> tuple[str, ...]:
    return tuple(library_columns())


def with_library_version(athletes):
    """`athletes` with library_columns() beside each row: athlete_version()
    then reads the library's version off the athlete, not in a query of its
    own (one round trip fewer on the coach's athlete pages)."""
    return athletes.annotate(**library_columns())


def library_digest(values) -> str:
    """library_columns()' values as one short key part (as the database returns them)."""
    return hashlib.blake2b(repr(tuple(values)).encode(), digest_size=12).hexdigest()


def _library_query():
    columns = library_columns()
    return Athlete.objects.order_by().annotate(**columns).values_list(*columns)[:1]


def library_version() -> str:
    """ONE query, read off any athlete row: an athlete's page exists only with
    one. Compiled once (coaching/site/compiled.py: on the week page, compiling
    it cost more than running it), its values converted as an annotation's
    are, so the digest is with_library_version()'s on every database."""
    rows = compiled.run("library version", _library_query)
    return library_digest(rows[0] if rows else ())


def athlete_version(athlete: Athlete, today: datetime.date) -> str:
    """What every key of the athlete's fragments starts with (the page adds
    its parameters). The library's part comes with the athlete when it was
    loaded with_library_version(), the same digest as library_version()'s."""
    names = _library_names()
    if hasattr(athlete, names[0]):
        library = library_digest(getattr(athlete, name) for name in names)
    else:
        library = library_version()
    return f"{athlete.pk}:{athlete.updated_at.timestamp():.6f}:{library}:{today}"
