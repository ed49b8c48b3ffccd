"""What a load balancer asks each app server: can you serve? Yes (200) when
the database answers and has every migration this code knows; otherwise 503,
so the balancer takes this server out of rotation until it can.

Cheap enough to be asked every second: one query on the pooled connection.
The migrations this code expects (the leaf of each app's history) are read
from disk once per process; a release changes them only with a restart."""

from functools import cache

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.db.migrations.loader import MigrationLoader
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@cache
def expected_migrations() -> tuple[tuple[str, str], ...]:
    loader = MigrationLoader(None, ignore_no_migrations=True, load=True)
    return tuple(sorted(loader.graph.leaf_nodes()))


def missing_migrations() -> list[str]:
    """The expected migrations the database has not recorded (raises DatabaseError)."""
    expected = expected_migrations()
    pairs = ", ".join(["(%s, %s)"] * len(expected))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT app, name FROM django_migrations WHERE (app, name) IN ({pairs})",
            [part for pair in expected for part in pair],
        )
        applied = set(cursor.fetchall())
    return [f"{app}.{name}" for app, name in expected if (app, name) not in applied]


def _answer(status: int, text: str) -> HttpResponse:
    return HttpResponse(text + "\n", status=status, content_type="text/plain; charset=utf-8")


@login_not_required
@never_cache
@require_GET
def health(request):
    try:
        missing = missing_migrations()
    except DatabaseError as error:
        return _answer(503, f"database unreachable: {type(error).__name__}")
    if missing:
        return _answer(503, "migrations not applied: " + ", ".join(missing))
    return _answer(200, "ok")
