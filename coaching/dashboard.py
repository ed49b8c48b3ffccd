"""The coach dashboard, rendered once per version of its athletes' data.

Computing a row (readiness over recent results, adherence, pain, the latest
LSI) and rendering it cost ~1 ms an athlete: 100 ms for a roster of 100, on
every visit. A row only changes when its athlete's data does, so each is
kept with the athlete's version (`updated_at`, see coaching/site/page_cache.py),
under a key holding the library's version (a content edit shows in every
row). Two layers, both read after the roster's ids and versions and the
library's version (one query):

- the whole section (search, filters, table, pages) per query (search,
  group, filter, sort, page) and set of versions: what a visit meets when
  nothing changed;
- every row with the version it was rendered at: after a change, only the
  rows whose athlete moved on are computed, in the same fixed number of
  queries as the whole roster would take.

Search, group, filter and sort work on every row's small `standing`; only
the page shown (PAGE_SIZE rows) is sent."""

import datetime
import hashlib
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import (
    CharField,
    Exists,
    OuterRef,
    StringAgg,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Concat
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from athletes.groups import Group, Membership
from athletes.models import Athlete
from athletes.versions import library_columns, library_digest
from coaching import roster
from coaching.site import compiled, page_cache

ROW_TEMPLATE = "coaching/dashboard.html#roster_row"
SECTION_TEMPLATE = "coaching/dashboard.html#roster"
PAGE_SIZE = 25
CACHE_VERSION = 3  # of the cached entries' shape (roster.Standing, versions as text)


@dataclass(frozen=True)
class DashboardQuery:
    """What the coach asked for, all of it in the URL (a bookmark), each part
    checked: junk falls back to the default."""

    q: str = ""
    group: int | None = None
    show: str = "all"
    sort: str = "name"
    order: str = "asc"
    page: int = 1

    @classmethod
    def from_params(cls, params, group_ids: set[int]) -> "DashboardQuery":
        sort = params.get("sort", "name")
        sort = sort if sort in roster.SORT_CHOICES else "name"
        show, order = params.get("show", "all"), params.get("order", "")
        group, page = params.get("group", ""), params.get("page", "1")
        return cls(
            q=cls.clean(params.get("q", "")),
            group=_number(group) if _number(group) in group_ids else None,
            show=show if show in roster.SHOW_CHOICES else "all",
            sort=sort,
            order=order if order in ("asc", "desc") else roster.FIRST_ORDER[sort],
            page=int(page) if page.isdigit() and 0 < int(page) < 10_000 else 1,
        )

    @staticmethod
    def clean(q: str) -> str:
        # PostgreSQL text cannot hold NUL; a search longer than a name finds nothing.
        return q.replace("\x00", "").strip()[:120]

    def url(self, **changes) -> str:
        """This query with `changes`, as "?..." naming only what is not the default."""
        changed = replace(self, **changes)
        defaults = DashboardQuery(order=roster.FIRST_ORDER[changed.sort])
        params = {
            name: value
            for name, value in vars(changed).items()
            if value not in (None, "") and value != getattr(defaults, name)
        }
        return "?" + urlencode(params)

    @property
    def key(self) -> str:
        return hashlib.blake2b(repr(self).encode(), digest_size=12).hexdigest()


@dataclass(frozen=True)
class RenderedRow:
    """A dashboard row as cached: its standing (for filters and sorting) and
    the table row our template rendered (no request, no forms: nothing in it
    is per visit)."""

    standing: roster.Standing
    html: str


def _row(row: roster.DashboardRow, template) -> RenderedRow:
    return RenderedRow(row.standing, template.render({"row": row}))


Versions = dict[int, str]  # athlete id: updated_at, as the database writes it
Groups = list[tuple[int, str]]
SEPARATOR = "\x1f"  # between the groups' "pk:name" in one string (no name holds it)


@dataclass(frozen=True)
class RosterVersions:
    versions: Versions  # of the coach's active athletes
    searched: set[int]  # the ids the search keeps
    kept: set[int]  # the ids the search and the group keep
    groups: Groups  # the coach's active groups (pk, name), by name
    library: str  # the library's version

    @property
    def digest(self) -> str:
        """The versions and the groups as one short key part."""
        state = repr((sorted(self.versions.items()), self.groups))
        return hashlib.blake2b(state.encode(), digest_size=16).hexdigest()


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() and int(text) < 2**31 else None


def _ids(joined: str | None, delimiter: str = ",") -> list[str]:
    return joined.split(delimiter) if joined else []


def _pairs(joined: str | None, delimiter: str = ",") -> list[tuple[int, str]]:
    """ "pk:text" parts, as the database joined them, as (pk, text)."""
    return [
        (int(pk), text) for pk, _, text in (part.partition(":") for part in _ids(joined, delimiter))
    ]


def roster_versions(coach, *, q: str = "", group: int | None = None) -> RosterVersions:
    """What the dashboard checks its caches against, and the search and
    group filter applied: ONE row, every part folded in by the database
    (coaching/site/compiled.py compiles it once per search/group shape).
    `group` counts only if it is one of the coach's.

    One row, and text, because a row per athlete cost more than the rest of
    a visit: reading 200 of them, their timestamps and the library's parsed
    each time, took 0.8 ms, this row 0.3-0.5 (docs/performance.md, round 6). The
    database joins the parts in no set order (SQLite cannot order them):
    sets and sorting here make the same data give the same key."""
    values = {"coach": coach.pk} | ({"q": q} if q else {}) | ({"group": group} if group else {})
    key = f"roster versions:{sorted(values)}"
    versions, searched, kept, names, library = compiled.run(key, _roster_query, **values)[0]
    searched = {int(pk) for pk in _ids(searched)}
    return RosterVersions(
        versions=dict(_pairs(versions)),
        searched=searched,
        kept={int(pk) for pk in _ids(kept)} & searched if group else set(),
        groups=sorted(_pairs(names, SEPARATOR), key=lambda group: (group[1].casefold(), group[0])),
        library=library_digest((library,)),
    )


def _roster_query(coach: int, q: str = "", group: int | None = None):
    coach = get_user_model()(pk=coach)

    def joined(rows, *parts, delimiter=","):
        # A constant "group": no GROUP BY, one row (NULL when there are none).
        folded = StringAgg(Concat(*parts) if len(parts) > 1 else parts[0], Value(delimiter))
        return Subquery(
            rows.order_by().annotate(all=Value(1)).values("all").annotate(v=folded).values("v")
        )

    pk = Cast("pk", CharField())
    athletes = Athlete.objects.for_coach(coach).active()
    members = Membership.objects.filter(
        group_id=group, group__coach=coach, group__archived_at__isnull=True, athlete=OuterRef("pk")
    )
    library = [Cast(column, CharField()) for column in library_columns().values()]
    return (
        get_user_model()
        .objects.filter(pk=coach.pk)
        .annotate(
            versions=joined(athletes, pk, Value(":"), Cast("updated_at", CharField())),
            searched=joined(athletes.filter(name__icontains=q) if q else athletes, pk),
            kept=joined(athletes.filter(Exists(members)), pk) if group else Value(""),
            coach_groups=joined(
                Group.objects.for_coach(coach).active(), pk, Value(":"), "name", delimiter=SEPARATOR
            ),
            library=Concat(*(part for column in library for part in (column, Value("|")))),
        )
        .values_list("versions", "searched", "kept", "coach_groups", "library")
    )


REMEMBERED = "dashboard"  # cookie: the query an athlete's page goes back to


def remember(request, response, query: "DashboardQuery") -> None:
    """Keep the dashboard's query for the way back from an athlete's page
    (coaching/templatetags/dashboard.py): a cookie, set only when it
    changes, so a visit writes no session row."""
    url = query.url()
    if request.COOKIES.get(REMEMBERED) != url:
        response.set_cookie(
            REMEMBERED, url, httponly=True, samesite="Lax", secure=request.is_secure()
        )


def roster_section(request) -> tuple["DashboardQuery", SafeString]:
    """The dashboard's query, and its search, filters, table and pages for
    the signed-in coach.

    Cached whole per coach, day, query, the coach's groups and set of row
    versions: a visit that finds nothing changed reads the versions (one
    query) and one entry. Otherwise the rows still current come from
    dashboard_rows' entry."""
    coach, today = request.user, timezone.localdate()
    q, group = DashboardQuery.clean(request.GET.get("q", "")), request.GET.get("group", "")
    found = roster_versions(coach, q=q, group=_number(group))
    query = DashboardQuery.from_params(request.GET, {pk for pk, _ in found.groups})
    shown = found.kept if query.group is not None else found.searched
    groups, versions, library = found.groups, found.versions, found.library

    def context() -> dict:
        rows = [r for r in dashboard_rows(coach, today, versions=versions, library=library)
                if r.standing.pk in shown]  # fmt: skip
        counts = {key: len(roster.filter_rows(rows, key)) for key in roster.SHOW_CHOICES}
        chosen = roster.sort_rows(
            roster.filter_rows(rows, query.show), query.sort, descending=query.order == "desc"
        )
        page = Paginator(chosen, PAGE_SIZE).get_page(query.page)
        return {
            "rows": table_body(page.object_list),
            "page": page,
            "pages": _page_links(query, page),
            "has_athletes": bool(versions),
            "query": query,
            "groups": groups,
            "group_name": dict(groups).get(query.group, ""),
            "filters": [
                (key, label, counts[key], query.url(show=key, page=1))
                for key, label in roster.SHOW_CHOICES.items()
            ],
            "columns": _sort_links(query),
            "show_label": roster.SHOW_CHOICES[query.show],
            "sort_label": roster.SORT_CHOICES[query.sort],
            "all_url": query.url(show="all", q="", group=None, page=1),
        }

    key = (
        f"dashboard-section:{CACHE_VERSION}:{coach.pk}:{today}:{library}:{query.key}:{found.digest}"
    )
    return query, page_cache.cached_render(request, key, SECTION_TEMPLATE, context)


@dataclass(frozen=True)
class SortLink:
    key: str
    label: str
    url: str
    aria_sort: str  # "ascending" / "descending" on the sorted column, else ""


def _sort_links(query: DashboardQuery) -> dict[str, SortLink]:
    """Each column's header link: the other direction on the sorted column,
    else the column's own first direction (the one that puts who needs a look on top)."""
    links = {}
    for key, label in roster.COLUMN_LABELS.items():
        if key == query.sort:
            flipped = "desc" if query.order == "asc" else "asc"
            url = query.url(order=flipped, page=1)
            aria = "ascending" if query.order == "asc" else "descending"
        else:
            url, aria = query.url(sort=key, order=roster.FIRST_ORDER[key], page=1), ""
        links[key] = SortLink(key, label, url, aria)
    return links


def _page_links(query: DashboardQuery, page) -> list[tuple[str, str, bool]]:
    """(label, url or "" when there is none, current): Previous, every page
    (8 at most for 200 athletes), Next."""
    if page.paginator.num_pages < 2:
        return []
    previous = query.url(page=page.number - 1) if page.has_previous() else ""
    following = query.url(page=page.number + 1) if page.has_next() else ""
    numbers = [
        (str(number), query.url(page=number), number == page.number)
        for number in page.paginator.page_range
    ]
    return [("Previous", previous, False), *numbers, ("Next", following, False)]


def dashboard_rows(
    coach,
    today: datetime.date | None = None,
    *,
    versions: Versions | None = None,
    library: str | None = None,
) -> list[RenderedRow]:
    """The coach's active athletes' rows, by roster.name_order.

    One cache entry per coach, day and library version holds every row with
    the version it was rendered at (one lookup, not one per athlete); rows whose athlete
    has moved on since, or is new, are computed and the entry is replaced."""
    today = today or timezone.localdate()
    if versions is None or library is None:
        found = roster_versions(coach)
        versions, library = found.versions, found.library
    key = f"dashboard:{CACHE_VERSION}:{coach.pk}:{today}:{library}"
    cached: dict[int, tuple[str, RenderedRow]] = cache.get(key) or {}
    missing = [pk for pk, changed in versions.items() if cached.get(pk, (None,))[0] != changed]
    if missing:
        template = get_template(ROW_TEMPLATE)
        for row in roster.roster(coach, today, athlete_ids=missing):
            cached[row.athlete.pk] = (versions[row.athlete.pk], _row(row, template))
    if missing or len(cached) != len(versions):  # new rows, or athletes gone
        cached = {pk: cached[pk] for pk in versions if pk in cached}
        cache.set(key, cached, page_cache.TIMEOUT)
    rows = [row for _, row in cached.values()]
    return sorted(rows, key=lambda row: roster.name_order(row.standing))


def table_body(rows: list[RenderedRow]) -> SafeString:
    """The rows as one string: joined here, not looped over in the template
    (a hundred variable lookups cost more than the join)."""
    return mark_safe("".join(row.html for row in rows))  # autoescaped by roster_row
