"""Profile one page in-process with pyinstrument (how the fixes were found).

    python -m bench profile week [--requests 50] [--one] [--sql] [--all]
    python -m bench profile all --time      # ms per request for every page

Requests go through the Django test client and every middleware, against
the benchmark database, as the page's user. Prints the call tree and the
query count; --one uses the small ("one row") side. --time prints the best
of 5 batches instead (no profiler overhead; other load on the machine only
makes a batch slower, so the best one is the least disturbed)."""

import argparse
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pyinstrument import Profiler

from bench import targets as t


def best_ms(page: t.Page, requests: int) -> float:
    client = Client()
    if page.many.username:
        client.force_login(t.user(page.many.username))
    headers = {"HX-Request": "true"} if page.htmx else {}
    if page.method == "POST":
        t.reset_entry(page.many.path)  # the first tap writes; the rest repeat it
    best = float("inf")
    for _ in range(6):  # the first batch warms up
        started = time.perf_counter()
        for _ in range(requests):
            response = client.generic(page.method, page.many.path, headers=headers)
        best = min(best, (time.perf_counter() - started) / requests)
        assert response.status_code == 200, (page.name, response.status_code)
    return best * 1000


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench profile")
    parser.add_argument("page", help="a page name, e.g. week, dashboard; all with --time")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--one", action="store_true", help="the one-row side")
    parser.add_argument("--sql", action="store_true", help="print the queries of one request")
    parser.add_argument("--time", action="store_true", help="ms per request, no profiler")
    parser.add_argument("--all", action="store_true", help="Django's own frames too")
    args = parser.parse_args(argv)
    if args.time:
        for page in t.pages():
            if args.page in ("all", page.name):
                batch = max(1, min(args.requests, 1000) // (10 if page.name == "dashboard" else 1))
                print(f"{page.label:<34} {best_ms(page, batch):7.2f} ms", flush=True)
        return
    page = next(p for p in t.pages() if p.name == args.page)
    side = page.one if args.one else page.many
    path = side.path
    client = Client()
    if side.username:
        client.force_login(t.user(side.username))
    headers = {"HX-Request": "true"} if page.htmx else {}

    def request():
        if page.method == "POST":
            t.reset_entry(path)
        response = client.generic(page.method, path, headers=headers)
        assert response.status_code == 200, response.status_code

    request()  # warm: templates compiled, connection open
    with CaptureQueriesContext(connection) as captured:
        request()
    queries = list(captured)  # now: each request start empties the query log
    if args.sql:
        for query in queries:
            print(f"{query['time']:>6}s  {query['sql'][:400]}\n")
    profiler = Profiler(interval=0.0005)
    started = time.perf_counter()
    with profiler:
        for _ in range(max(1, min(args.requests, 1000))):
            request()
    took = (time.perf_counter() - started) / args.requests
    print(profiler.output_text(unicode=True, color=False, show_all=args.all))
    print(f"{page.label} {path}: {len(queries)} queries, {took * 1000:.1f} ms a request")
