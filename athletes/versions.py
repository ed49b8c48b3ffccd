"""The version of what an athlete's cached pages show (coaching/site/page_cache.py).

Two parts, both moved on by any ORM write beneath them (coaching/site/touch.py):
the athlete's own `updated_at` (their record, assignments, sessions, entries,
results, assessments, invites) and the library's, shared by every athlete
(exercises with their steps, mistakes and levels, and the assessment tests).
Here, not in exercises: the library version spans both apps."""

import datetime
import functools
import hashlib

from django.db import connection
from django.db.models import Count, Max, Subquery, Value

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


def library_digest(values) -> str:
    """library_columns()' values as one short key part (as the database returns them)."""
    return hashlib.blake2b(repr(tuple(values)).encode(), digest_size=12).hexdigest()


@functools.cache
def _library_sql() -> tuple[str, tuple]:
    # Compiled once: on the week page, compiling it cost more than running it.
    columns = library_columns()
    query = Athlete.objects.order_by().annotate(**columns).values_list(*columns)[:1]
    return query.query.sql_with_params()


def library_version() -> str:
    """ONE query, read off any athlete row: an athlete's page exists only with one."""
    with connection.cursor() as cursor:
        cursor.execute(*_library_sql())
        return library_digest(cursor.fetchone() or ())


def athlete_version(athlete: Athlete, today: datetime.date) -> str:
    """What every key of the athlete's fragments starts with (the page adds its parameters)."""
    return f"{athlete.pk}:{athlete.updated_at.timestamp():.6f}:{library_version()}:{today}"
