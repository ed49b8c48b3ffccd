"""Rendered fragments of the busiest pages, cached under their version.

A key names everything its fragment depends on, so an entry is never stale
and is never deleted, only outlived (old versions age out of the cache). The
caller builds it from:

- the `updated_at` of the rows the fragment shows, which every ORM write
  beneath them moves on in its own transaction (coaching/site/touch.py): the
  athlete's, with the library's version, for an athlete's pages
  (athletes/versions.py); the exercise's for the exercise page;
- today's date: what is due, missed or open for check-off moves with it;
- the fragment's own parameters (which week, history page, filter and
  sort; the viewer's role where the page differs by role).

Fragments with forms are rendered with a placeholder for the CSRF token,
put in per response: the token belongs to the browser session, the rest of
the fragment only to the data. Each process keeps its own cache
(LocMemCache, settings.CACHES); a shared one only raises the hit rate,
correctness never depends on it. docs/performance.md has the numbers.

Domain-free: it takes keys and templates, and knows no model."""

import functools
from collections.abc import Callable

from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.crypto import salted_hmac
from django.utils.safestring import SafeString, mark_safe

TIMEOUT = 60 * 60 * 24  # a day: today's date is in every key anyway


@functools.cache
def csrf_placeholder() -> SafeString:
    """Where {% csrf_token %} goes in a cached fragment. Safe (not escaped),
    so its raw "<" can only come from our template: text anyone typed is
    escaped to "&lt;". Derived from SECRET_KEY, so nobody can type it anyway.
    tests/site/test_csrf_placeholder.py proves it through every shown field."""
    digest = salted_hmac("flamingo.page_cache.csrf", "placeholder", algorithm="sha256").hexdigest()
    return mark_safe(f"<csrf-{digest}>")


def cached_render(request, key: str, template: str, context: Callable[[], dict]) -> SafeString:
    """`template` (a page's partial) as cached under `key`; on a miss it is
    rendered with `context()`, built only then, the CSRF token left as a
    placeholder. The token of this request is put in on the way out."""
    placeholder = csrf_placeholder()
    html = cache.get(key)
    if html is None:
        html = render_to_string(template, {**context(), "csrf_token": placeholder}, request)
        cache.set(key, html, TIMEOUT)
    # Rendered by our templates from escaped values: safe, as render() would be.
    return mark_safe(html.replace(placeholder, get_token(request)))
