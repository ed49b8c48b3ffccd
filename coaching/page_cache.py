"""Rendered fragments of the busiest pages, cached under their version.

A key names everything its fragment depends on, so an entry is never stale
and is never deleted, only outlived (old versions age out of the cache):

- the athlete's `data_changed_at`, which every service writing their data
  moves on, in the same transaction (AthleteQuerySet.mark_changed), and
  every content edit too (exercises, levels, mistakes, assessment tests:
  coaching/signals.py);
- today's date: what is due, missed or open for check-off moves with it;
- the fragment's own parameters (which week, history page, filter and
  sort; the viewer's role where the page differs by role).

Fragments with forms are rendered with a placeholder for the CSRF token,
put in per response: the token belongs to the browser session, the rest of
the fragment only to the athlete's data. Each process keeps its own cache
(LocMemCache, settings.CACHES); a shared one only raises the hit rate,
correctness never depends on it. docs/performance.md has the numbers."""

import datetime
from collections.abc import Callable

from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from athletes.models import Athlete

# Safe (not escaped) where {% csrf_token %} puts it, so the raw "<" can only
# come from here: anything a user typed is escaped to "&lt;" in our templates.
CSRF_PLACEHOLDER = mark_safe("<csrf-token-rendered-per-response>")
TIMEOUT = 60 * 60 * 24  # a day: today's date is in every key anyway


def athlete_version(athlete: Athlete, today: datetime.date) -> str:
    return f"{athlete.pk}:{athlete.data_changed_at.timestamp():.6f}:{today}"


def cached_render(request, key: str, template: str, context: Callable[[], dict]) -> SafeString:
    """`template` (a page's partial) as cached under `key`; on a miss it is
    rendered with `context()`, built only then, the CSRF token left as a
    placeholder. The token of this request is put in on the way out."""
    html = cache.get(key)
    if html is None:
        html = render_to_string(template, {**context(), "csrf_token": CSRF_PLACEHOLDER}, request)
        cache.set(key, html, TIMEOUT)
    # Rendered by our templates from escaped values: safe, as render() would be.
    return mark_safe(html.replace(CSRF_PLACEHOLDER, get_token(request)))
