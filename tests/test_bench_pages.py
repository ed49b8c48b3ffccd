"""Every page the benchmark loads, on a small seeded world: answers 200 and
reads in the same number of queries (at most 10) for one row and for many.
The same check `make bench` prints, kept here so a change cannot slip past."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench import seed as bench_seed
from bench import targets

pytestmark = pytest.mark.urls("bench.urls")

MAX_QUERIES = 10


@pytest.fixture
def pages(db):
    bench_seed.seed(timezone.localdate(), coaches=1, per_coach=2, big=4, weeks=8)
    targets.user.cache_clear()  # users from an earlier test's database
    return [p for p in targets.pages() if not p.name.startswith("ref")]


def queries(page: targets.Page, side: targets.Side, *, warm: bool) -> int:
    """One request's queries, the page cache empty or (`warm`) after a first request."""
    client = Client()
    client.force_login(targets.user(side.username))
    headers = {"HX-Request": "true"} if page.htmx else {}
    cache.clear()
    for _ in range(2 if warm else 1):
        if page.method == "POST":
            targets.reset_entry(side.path)
        with CaptureQueriesContext(connection) as captured:
            response = client.generic(page.method, side.path, headers=headers)
        assert response.status_code == 200, (page.name, side.path)
    return len(captured)


@pytest.mark.parametrize("warm", [False, True], ids=["empty-cache", "warm-cache"])
def test_every_page_reads_in_a_constant_number_of_queries(pages, warm):
    counts = {
        page.name: (queries(page, page.one, warm=warm), queries(page, page.many, warm=warm))
        for page in pages
    }
    assert set(counts) >= {"dashboard", "dashboard-200", "week", "check-off", "athlete-training"}
    for name, (one, many) in counts.items():
        assert one == many, (name, one, many)
        assert many <= MAX_QUERIES, (name, many)
    if warm:  # the cached pages: the session and the signed-in user, then the cache
        assert counts["week"] == (3, 3)  # and the library's version
        # and the roster's and the library's versions, with the coach's groups
        assert counts["dashboard"] == counts["dashboard-200"] == (3, 3)
