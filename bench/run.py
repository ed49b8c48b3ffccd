"""Load each key page with wrk and print one table (bench/run.sh starts the server).

    python -m bench run [--duration 10] [--connections 16] [--threads 2]
                        [--only week,dashboard] [--label after]

Per page: req/s, p50, p95, errors (non-2xx/3xx and socket errors), queries per
request at one row and at many (Django test client + CaptureQueriesContext on
the same database), response bytes as sent with gzip, and req/s as a share of
the 20-row reference page. Then the targets of issue 9, met or missed.
Results also go to artifacts/bench/<label>.json."""

import argparse
import gzip
import json
import os
import re
import subprocess
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urljoin

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench import targets as t
from bench.http import Session, fetch, require_loopback, sign_in
from bench.seed import PASSWORD

REFERENCE = "ref-page"
WRK_JSON = re.compile(r"^BENCH_JSON (.*)$", re.MULTILINE)
ASSET = re.compile(r'<(?:link[^>]+rel="(?:stylesheet|icon)"[^>]+href|script[^>]+src)="([^"]+)"')

# Targets from issue 9, as ratios to the 20-row reference page measured in
# the same run (absolute times drift two-fold between runs on shared machines).
MAX_QUERIES = 10
MIN_SHARE = {"week": 40, "dashboard": 25, "dashboard-200": 25, "check-off": 25}  # % of req/s
MIN_SHARE_OTHER_READS = 30
MAX_P95_TIMES = {"check-off": 3}  # x the reference page's p95
MAX_P95_TIMES_READS = 2
MAX_WEEK_FIRST_LOAD = 40 * 1024


@dataclass
class Row:
    name: str
    label: str
    rps: float = 0
    p50_ms: float = 0
    p95_ms: float = 0
    errors: int = 0
    requests: int = 0
    queries_one: int | None = None  # with an empty page cache
    queries_many: int | None = None
    warm_one: int | None = None  # the same request again, the cache warm
    warm_many: int | None = None
    gzip_bytes: int = 0
    raw_bytes: int = 0
    share_pct: float = 0


def count_queries(page: t.Page, side: t.Side) -> tuple[int, int]:
    """Queries for one request, through every middleware, as the page's user:
    with the page cache empty (coaching/site/page_cache.py), then warm."""
    client = Client()
    if side.username:
        client.force_login(t.user(side.username))
    headers = {"HX-Request": "true"} if page.htmx else {}
    cache.clear()
    counts = []
    for _ in range(2):
        if page.method == "POST":
            t.reset_entry(side.path)
        with CaptureQueriesContext(connection) as queries:
            response = client.generic(page.method, side.path, headers=headers)
        assert response.status_code == 200, f"{page.name} {side.path}: {response.status_code}"
        counts.append(len(queries))
    return counts[0], counts[1]


def wrk(url: str, session: Session | None, page: t.Page, args) -> dict:
    headers = session.headers(post=page.method == "POST", htmx=page.htmx) if session else {}
    if page.htmx and not session:
        headers["HX-Request"] = "true"
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s"]
    command += ["--latency", "--timeout", "5s", "-s", str(Path(__file__).with_name("report.lua"))]
    for key, value in headers.items():
        command += ["-H", f"{key}: {value}"]
    env = {**os.environ, "WRK_METHOD": page.method}
    out = subprocess.run(
        [*command, url], capture_output=True, text=True, env=env, timeout=args.duration + 30
    )
    match = WRK_JSON.search(out.stdout)
    if not match:
        raise SystemExit(f"wrk gave no result for {url}:\n{out.stdout}\n{out.stderr}")
    return json.loads(match.group(1))


def measure(page: t.Page, sessions: dict, args) -> Row:
    row = Row(page.name, page.label)
    row.queries_one, row.warm_one = count_queries(page, page.one)
    row.queries_many, row.warm_many = count_queries(page, page.many)
    session = sessions.get(page.many.username)
    url = args.base_url + page.many.path
    headers = session.headers(post=page.method == "POST", htmx=page.htmx) if session else {}
    if page.htmx:
        headers["HX-Request"] = "true"
    if page.method == "POST":
        t.reset_entry(page.many.path)
    for _ in range(5):  # warm every worker's template cache; the last one is measured
        got = fetch(url, headers=headers, method=page.method)
    if got.status != 200:
        raise SystemExit(f"{page.name}: {url} answered {got.status}, not 200")
    row.gzip_bytes = len(got.body)
    row.raw_bytes = len(gzip.decompress(got.body)) if got.content_encoding else len(got.body)
    result = wrk(url, session, page, args)
    seconds = result["duration_us"] / 1e6
    row.requests = result["requests"]
    row.rps = result["requests"] / seconds
    row.p50_ms = result["p50_us"] / 1000
    row.p95_ms = result["p95_us"] / 1000
    row.errors = sum(result[k] for k in ("connect", "read", "write", "status", "timeout"))
    return row


def first_load(base_url: str, session: Session, path: str) -> list[tuple[str, int]]:
    """The week page and what it pulls in (CSS, htmx, icon), bytes as sent with gzip."""
    page = fetch(base_url + path, headers=session.headers())
    parts = [(path, len(page.body))]
    html = gzip.decompress(page.body).decode() if page.content_encoding else page.body.decode()
    for asset in dict.fromkeys(ASSET.findall(html)):
        got = fetch(urljoin(base_url + path, asset))
        assert got.status == 200, f"{asset}: {got.status}"
        parts.append((asset, len(got.body)))
    return parts


def print_table(rows: list[Row]) -> None:
    head = (
        f"{'page':<34} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'errors':>6} "
        f"{'queries 1/many':>15} {'gzip B':>7} {'raw B':>7} {'% ref':>6}"
    )
    print(head)
    print("-" * len(head))
    for r in rows:
        queries = f"{r.queries_one}/{r.queries_many}"
        if (r.warm_one, r.warm_many) != (r.queries_one, r.queries_many):
            queries += f" {r.warm_one}/{r.warm_many}"
        print(
            f"{r.label:<34} {r.rps:>7.0f} {r.p50_ms:>7.1f} {r.p95_ms:>7.1f} {r.errors:>6} "
            f"{queries:>15} {r.gzip_bytes:>7} {r.raw_bytes:>7} {r.share_pct:>5.0f}%"
        )
    print(
        "queries: one row / many rows, with an empty page cache"
        " (then, where it differs, the same request again with the cache warm)"
    )


def check_targets(rows: list[Row], load: list[tuple[str, int]]) -> list[str]:
    misses = []
    reference = next((r for r in rows if r.name == REFERENCE), None)
    for r in rows:
        if r.name.startswith("ref"):
            continue
        if r.queries_many > MAX_QUERIES or r.queries_one != r.queries_many:
            misses.append(f"{r.label}: queries {r.queries_one}/{r.queries_many}")
        if r.warm_one != r.warm_many:
            misses.append(f"{r.label}: queries with a warm cache {r.warm_one}/{r.warm_many}")
        if reference is None:  # --only without the reference: no ratios
            continue
        times = MAX_P95_TIMES.get(r.name, MAX_P95_TIMES_READS)
        if r.p95_ms > times * reference.p95_ms:
            misses.append(
                f"{r.label}: p95 {r.p95_ms:.1f} ms, over {times}x the reference's "
                f"{reference.p95_ms:.1f} ms"
            )
        share = MIN_SHARE.get(r.name, MIN_SHARE_OTHER_READS)
        if r.share_pct < share:
            misses.append(f"{r.label}: {r.share_pct:.0f} % of the reference (target {share} %)")
    misses += [f"{r.label}: {r.errors} errors" for r in rows if r.errors]
    total = sum(size for _, size in load)
    if load and total > MAX_WEEK_FIRST_LOAD:
        misses.append(f"athlete week first load: {total / 1024:.1f} KB")
    return misses


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def parse(argv):
    parser = argparse.ArgumentParser(prog="python -m bench run")
    parser.add_argument("--base-url", default=os.environ.get("BENCH_URL", "http://127.0.0.1:8123"))
    parser.add_argument("--duration", type=int, default=10, help="seconds per page (max 60)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--only", default="", help="comma-separated page names")
    parser.add_argument("--label", default="latest", help="artifacts/bench/<label>.json")
    args = parser.parse_args(argv)
    args.base_url = require_loopback(args.base_url)
    args.duration = max(1, min(args.duration, 60))
    return args


def main(argv: list[str]) -> None:
    args = parse(argv)
    pages = t.pages()
    if args.only:
        wanted = {REFERENCE, *args.only.split(",")}
        pages = [p for p in pages if p.name in wanted]
    for page in t.pages():  # today's sessions as in the morning, whatever ran before
        if page.method == "POST":
            t.reset_entry(page.many.path)
            t.reset_entry(page.one.path)
    usernames = {p.many.username for p in pages if p.many.username}
    sessions = {name: sign_in(args.base_url, name, PASSWORD) for name in sorted(usernames)}
    print(
        f"wrk {args.connections} connections, {args.threads} threads, {args.duration} s a page, "
        f"against {args.base_url} ({settings.DATABASES['default']['NAME']}); "
        f"load average before: {load_average()}"
    )
    rows = []
    for page in pages:
        rows.append(measure(page, sessions, args))
        print(f"  {page.label}: {rows[-1].rps:.0f} req/s", flush=True)
    reference = next((r.rps for r in rows if r.name == REFERENCE), 0)
    for r in rows:
        r.share_pct = 100 * r.rps / reference if reference else 0
    week = next((p for p in pages if p.name == "week"), None)
    load = first_load(args.base_url, sessions[week.many.username], week.many.path) if week else []

    print(f"Load average after: {load_average()} (other work on the machine skews req/s)\n")
    print_table(rows)
    if load:
        parts = ", ".join(f"{Path(name).name or name} {size / 1024:.1f}" for name, size in load)
        total = sum(size for _, size in load) / 1024
        print(f"\nAthlete week first load (gzip): {total:.1f} KB = {parts} KB")
    misses = check_targets(rows, load)
    print("\nTargets: " + ("all met." if not misses else "MISSED:\n  " + "\n  ".join(misses)))

    out = Path(settings.BASE_DIR) / "artifacts" / "bench" / f"{args.label}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    record = {
        "when": time.strftime("%Y-%m-%d %H:%M:%S"),
        "load_average_after": load_average(),
        "args": {k: v for k, v in vars(args).items()},
        "rows": [asdict(r) for r in rows],
        "week_first_load": load,
        "misses": misses,
    }
    out.write_text(json.dumps(record, indent=2))
    print(f"Saved {out.relative_to(settings.BASE_DIR)}")
    # A missed target is a finding; a failed request means the benchmark
    # itself is broken (and CI's short run must say so).
    failed = [r.name for r in rows if r.errors]
    if failed:
        raise SystemExit(f"Requests failed on: {', '.join(failed)}")
