"""The coach dashboard, rendered once per version of its athletes' data.

Computing a row (readiness over recent results, adherence, pain, the latest
LSI) and rendering it cost ~1 ms an athlete: 100 ms for a roster of 100, on
every visit. A row only changes when its athlete's data does, so each is
kept with the athlete's version (`updated_at`, see coaching/site/page_cache.py),
under a key holding the library's version (a content edit shows in every
row). Two layers, both read after the roster's ids and versions and the
library's version (one query):

- the whole section (filters and table) per filter, sort and set of
  versions: what a visit meets when nothing changed;
- every row with the version it was rendered at: after a change, only the
  rows whose athlete moved on are computed, in the same fixed number of
  queries as the whole roster would take."""

import datetime
import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from athletes.models import Athlete
from athletes.versions import library_columns, library_digest
from coaching import roster
from coaching.site import page_cache

ROW_TEMPLATE = "coaching/dashboard.html#roster_row"
SECTION_TEMPLATE = "coaching/dashboard.html#roster"


@dataclass(frozen=True)
class RenderedRow:
    """A dashboard row as cached: its standing (for filters and sorting) and
    the table row our template rendered (no request, no forms: nothing in it
    is per visit)."""

    standing: roster.Standing
    html: str


def _row(row: roster.DashboardRow, template) -> RenderedRow:
    return RenderedRow(row.standing, template.render({"row": row}))


Versions = list[tuple[int, datetime.datetime]]


def roster_versions(coach) -> tuple[Versions, str]:
    """(id, updated_at) of the coach's active athletes, by name, and the
    library's version: ONE query."""
    columns = library_columns()
    rows = list(
        Athlete.objects.for_coach(coach)
        .active()
        .order_by("name", "pk")
        .annotate(**columns)
        .values_list("pk", "updated_at", *columns)
    )
    return [row[:2] for row in rows], library_digest(rows[0][2:] if rows else ())


def roster_section(request, *, show: str, sort: str) -> SafeString:
    """The dashboard's filters and table for the signed-in coach.

    Cached whole per coach, day, filter, sort and set of row versions: a visit
    that finds nothing changed reads the versions (one query) and one entry.
    Otherwise the rows still current come from dashboard_rows' entry."""
    coach, today = request.user, timezone.localdate()
    versions, library = roster_versions(coach)
    digest = hashlib.blake2b(repr(versions).encode(), digest_size=16).hexdigest()

    def context() -> dict:
        rows = dashboard_rows(coach, today, versions=versions, library=library)
        counts = {key: len(roster.filter_rows(rows, key)) for key in roster.SHOW_CHOICES}
        return {
            "rows": table_body(roster.sort_rows(roster.filter_rows(rows, show), sort)),
            "has_athletes": bool(rows),
            "show": show,
            "sort": sort,
            "filters": [(key, label, counts[key]) for key, label in roster.SHOW_CHOICES.items()],
            "show_label": roster.SHOW_CHOICES[show],
            "sort_label": roster.SORT_CHOICES[sort],
        }

    key = f"dashboard-section:{coach.pk}:{today}:{library}:{show}:{sort}:{digest}"
    return page_cache.cached_render(request, key, SECTION_TEMPLATE, context)


def dashboard_rows(
    coach,
    today: datetime.date | None = None,
    *,
    versions: Versions | None = None,
    library: str | None = None,
) -> list[RenderedRow]:
    """The coach's active athletes' rows, by name.

    One cache entry per coach, day and library version holds every row with
    the version it was rendered at (one lookup, not one per athlete); rows whose athlete
    has moved on since, or is new, are computed and the entry is replaced."""
    today = today or timezone.localdate()
    if versions is None or library is None:
        versions, library = roster_versions(coach)
    key = f"dashboard:{coach.pk}:{today}:{library}"
    cached: dict[int, tuple[datetime.datetime, RenderedRow]] = cache.get(key) or {}
    missing = [pk for pk, changed in versions if cached.get(pk, (None,))[0] != changed]
    if missing:
        template = get_template(ROW_TEMPLATE)
        changed_at = dict(versions)
        for row in roster.roster(coach, today, athlete_ids=missing):
            cached[row.athlete.pk] = (changed_at[row.athlete.pk], _row(row, template))
    if missing or len(cached) != len(versions):  # new rows, or athletes gone
        cached = {pk: cached[pk] for pk, _ in versions if pk in cached}
        cache.set(key, cached, page_cache.TIMEOUT)
    return [cached[pk][1] for pk, _ in versions if pk in cached]


def table_body(rows: list[RenderedRow]) -> SafeString:
    """The rows as one string: joined here, not looped over in the template
    (a hundred variable lookups cost more than the join)."""
    return mark_safe("".join(row.html for row in rows))  # autoescaped by roster_row
