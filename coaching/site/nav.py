"""The main navigation: each role's pages (templates/partials/nav_items.html).

The links are reversed once per process, since the URL conf does not change
while it runs, and each permission is asked once per request. As seven
`{% url %}` tags and seven `perms` lookups, the nav was half of the base
template's render (0.7 of 1.4 ms, on every page); the header's two other
`{% url %}` tags cost 0.1 ms more."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from django.urls import reverse

COACH = "athletes.coach_athletes"
ATHLETE = "athletes.log_training"
EDITOR = "exercises.change_exercise"


def views(*names: str) -> Callable[[str], bool]:
    return lambda view: view in names


@dataclass(frozen=True)
class Link:
    label: str
    url_name: str
    permission: str | None  # None: everyone signed in
    is_current: Callable[[str], bool]  # of the view name being shown


LINKS = (
    Link("Dashboard", "coaching:dashboard", COACH, views("coaching:dashboard")),
    # Every athletes page but the athlete's own results (their link below).
    Link(
        "Athletes",
        "athletes:roster",
        COACH,
        lambda view: view.startswith("athletes:") and view != "athletes:my_results",
    ),
    Link(
        "Groups",
        "coaching:groups",
        COACH,
        views("coaching:groups", "coaching:group", "coaching:programmes", "coaching:programme"),
    ),
    Link("This week", "coaching:week", ATHLETE, views("coaching:week", "coaching:week_of")),
    Link("My results", "athletes:my_results", ATHLETE, views("athletes:my_results")),
    Link("Library", "exercises:list", None, views("exercises:list", "exercises:detail")),
    Link("Admin", "admin:index", EDITOR, views()),  # the admin has its own navigation
)


PERMISSIONS = frozenset(link.permission for link in LINKS if link.permission)


@dataclass(frozen=True)
class Shown:
    label: str
    url: str
    current: bool


@cache
def _urls() -> tuple[str, ...]:
    return tuple(reverse(link.url_name) for link in LINKS)


@cache
def site_urls() -> dict[str, str]:
    """The header's own links (brand, sign-out), for every page."""
    return {"home": reverse("home"), "logout": reverse("logout")}


def links_for(user, view_name: str) -> list[Shown]:
    if not user.is_authenticated:
        return []
    allowed = {permission: user.has_perm(permission) for permission in PERMISSIONS}
    return [
        Shown(link.label, url, link.is_current(view_name))
        for link, url in zip(LINKS, _urls(), strict=True)
        if link.permission is None or allowed[link.permission]
    ]


def nav(request) -> dict:
    """Context processor: `nav_links`, worked out only if a template shows it
    (htmx fragments do not), and `site_urls`."""
    match = getattr(request, "resolver_match", None)
    return {
        "nav_links": lambda: links_for(request.user, match.view_name if match else ""),
        "site_urls": site_urls(),
    }
