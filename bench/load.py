"""A bounded mixed load, then a consistency check of the database.

    python -m bench load [--duration 60] [--connections 32] [--athletes 16]

`connections` threads, each with its own keep-alive HTTP connection, for
`duration` seconds: athletes read their week and the library and check off
today's exercises ("done" taps and "log details" posts, two threads per
athlete so the same entry is tapped concurrently), the coach reads the
dashboard. Afterwards, SQL: no duplicate session or entry, every check-off
that got a 200 recorded exactly once, nothing else changed, each session's
completion matching its entries. Then the pages: each athlete's week, read
through every worker (each has its own page cache), shows each entry done
exactly when the database says so. Exits non-zero on any error or mismatch."""

import argparse
import gzip
import http.client
import os
import random
import re
import threading
import time
import urllib.parse
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from bench.http import Session, fetch, require_loopback, sign_in
from bench.seed import BIG_COACH, PASSWORD
from coaching.models import SessionEntry, TrainingSession

LOGGED = {"reps_left": 7, "reps_right": 6, "load_kg": "", "pain": 2, "rpe": 6, "form_note": "load"}
# (kind, weight): what a thread does next.
MIX = [("week", 30), ("done", 25), ("log", 10), ("exercise", 15), ("library", 10), ("dash", 10)]


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter = field(default_factory=Counter)
    checked: set[int] = field(default_factory=set)  # entries with a 200 on a check-off
    lock: threading.Lock = field(default_factory=threading.Lock)


def today_entries(usernames: list[str]) -> dict[str, list[int]]:
    today = timezone.localdate()
    rows = SessionEntry.objects.filter(
        session__athlete__user__username__in=usernames, session__date=today
    ).values_list("session__athlete__user__username", "pk")
    found: dict[str, list[int]] = defaultdict(list)
    for username, pk in rows.order_by("pk"):
        found[username].append(pk)
    return found


@transaction.atomic
def reset(entry_ids: list[int]) -> None:
    """Today's entries of the load's athletes back to planned: reruns start equal."""
    entries = SessionEntry.objects.filter(pk__in=entry_ids)
    sessions = TrainingSession.objects.filter(entries__in=entries).distinct()
    TrainingSession.objects.filter(pk__in=sessions).update(rpe=None)
    entries.update(
        completed_at=None,
        reps_left=None,
        reps_right=None,
        load_done_kg=None,
        pain=None,
        form_note="",
    )


def snapshot() -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "select (select count(*) from coaching_sessionentry),"
            " (select count(*) from coaching_trainingsession),"
            " (select count(*) from coaching_sessionentry where completed_at is not null)"
        )
        entries, sessions, completed = cursor.fetchone()
    return {"entries": entries, "sessions": sessions, "completed": completed}


def worker(base, session: Session, entries, coach: Session, deadline, tally, seed):
    rng = random.Random(seed)
    host, port = urllib.parse.urlsplit(base).hostname, urllib.parse.urlsplit(base).port
    conn = http.client.HTTPConnection(host, port, timeout=10)
    kinds, weights = zip(*MIX, strict=True)
    library = reverse("exercises:list") + "?q=single"
    exercise = reverse("exercises:detail", args=["single-leg-deadlift"])
    while time.monotonic() < deadline:
        kind = rng.choices(kinds, weights)[0]
        body, entry = None, None
        headers = session.headers()
        method, path = "GET", reverse("coaching:week")
        if kind in ("done", "log"):
            entry = rng.choice(entries)
            method, headers = "POST", session.headers(post=True, htmx=True)
            path = reverse(f"coaching:entry_{kind}", args=[entry])
            if kind == "log":
                body = urllib.parse.urlencode({f"entry-{entry}-{k}": v for k, v in LOGGED.items()})
        elif kind == "exercise":
            path = exercise
        elif kind == "library":
            path, headers = library, session.headers(htmx=True)
        elif kind == "dash":
            path, headers = reverse("coaching:dashboard"), coach.headers()
        started = time.perf_counter()
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as error:
            conn.close()
            with tally.lock:
                tally.errors[f"{kind}: {type(error).__name__}"] += 1
            continue
        took = time.perf_counter() - started
        with tally.lock:
            tally.latencies[kind].append(took)
            if not 200 <= status < 400:
                tally.errors[f"{kind}: HTTP {status}"] += 1
            elif entry is not None:
                tally.checked.add(entry)
    conn.close()


def check(entry_ids: list[int], tally: Tally, before: dict[str, int]) -> list[str]:
    """The database after the load: what must hold, as failures in words."""
    problems = []
    with connection.cursor() as cursor:
        cursor.execute(
            "select count(*) from (select session_id, assignment_id from coaching_sessionentry"
            " group by 1, 2 having count(*) > 1) d"
        )
        if (dupes := cursor.fetchone()[0]) != 0:
            problems.append(f"{dupes} duplicate entries per session and assignment")
        cursor.execute(
            "select count(*) from (select athlete_id, date from coaching_trainingsession"
            " group by 1, 2 having count(*) > 1) d"
        )
        if (dupes := cursor.fetchone()[0]) != 0:
            problems.append(f"{dupes} duplicate sessions per athlete and day")
    done = set(
        SessionEntry.objects.filter(pk__in=entry_ids, completed_at__isnull=False).values_list(
            "pk", flat=True
        )
    )
    if done != tally.checked:
        problems.append(
            f"completed entries {len(done)} != distinct entries checked off {len(tally.checked)}"
        )
    # Each result is what a "done" tap or the logged form sent, nothing else.
    odd = (
        SessionEntry.objects.filter(pk__in=done)
        .exclude(reps_left=LOGGED["reps_left"], reps_right=LOGGED["reps_right"])
        .exclude(reps_left=F("reps_per_leg"), reps_right=F("reps_per_leg"), pain=0)
    )
    if odd.exists():
        problems.append(f"{odd.count()} entries with a result nobody sent")
    after = snapshot()
    expected = {**before, "completed": before["completed"] + len(tally.checked)}
    if after != expected:
        problems.append(f"row counts {after} != expected {expected}")
    return problems


def stale_weeks(base: str, sessions: dict[str, Session], entries: dict[str, list[int]]) -> list:
    """Cached pages against the database, after the load: every athlete's week,
    read four times (so that each worker answers, from its own cache), shows
    each of today's entries done exactly when it is stored as done."""
    ids = [pk for pks in entries.values() for pk in pks]
    done = set(
        SessionEntry.objects.filter(pk__in=ids, completed_at__isnull=False).values_list(
            "pk", flat=True
        )
    )
    problems = []
    for name, pks in entries.items():
        for _ in range(4):
            got = fetch(base + reverse("coaching:week"), headers=sessions[name].headers())
            html = (gzip.decompress(got.body) if got.content_encoding else got.body).decode()
            for pk in pks:
                shown = re.search(rf'<article class="entry( entry-done)?" id="entry-{pk}"', html)
                if shown is None:
                    problems.append(f"{name}: entry {pk} is not on the week page")
                elif bool(shown.group(1)) != (pk in done):
                    problems.append(f"{name}: entry {pk} shown done={bool(shown.group(1))}")
    return sorted(set(problems))


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * pct / 100))] if ordered else 0.0


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench load")
    parser.add_argument("--base-url", default=os.environ.get("BENCH_URL", "http://127.0.0.1:8123"))
    parser.add_argument("--duration", type=int, default=60, help="seconds (max 300)")
    parser.add_argument("--connections", type=int, default=32, help="threads (max 64)")
    parser.add_argument("--athletes", type=int, default=16)
    args = parser.parse_args(argv)
    base = require_loopback(args.base_url)
    duration = max(1, min(args.duration, 300))
    threads = max(1, min(args.connections, 64))
    usernames = [f"bench-athlete-{i:03}" for i in range(1, args.athletes + 1)]
    entries = today_entries(usernames)
    entry_ids = [pk for pks in entries.values() for pk in pks]
    reset(entry_ids)
    before = snapshot()
    print(f"Signing in {len(usernames)} athletes and {BIG_COACH}...", flush=True)
    sessions = {name: sign_in(base, name, PASSWORD) for name in usernames}
    coach = sign_in(base, BIG_COACH, PASSWORD)

    tally = Tally()
    deadline = time.monotonic() + duration
    pool = [
        threading.Thread(
            target=worker,
            args=(base, sessions[name], entries[name], coach, deadline, tally, i),
            daemon=True,
        )
        for i, name in enumerate(usernames[i % len(usernames)] for i in range(threads))
    ]
    print(
        f"Load: {threads} connections for {duration} s against {base} "
        f"({len(entry_ids)} entries open today)...",
        flush=True,
    )
    started = time.monotonic()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(timeout=duration + 30)
    elapsed = time.monotonic() - started

    total = sum(len(v) for v in tally.latencies.values())
    print(f"\n{'kind':<10} {'requests':>9} {'p50 ms':>7} {'p95 ms':>7}")
    for kind, _ in MIX:
        values = tally.latencies[kind]
        p50, p95 = percentile(values, 50) * 1000, percentile(values, 95) * 1000
        print(f"{kind:<10} {len(values):>9} {p50:>7.1f} {p95:>7.1f}")
    errors = sum(tally.errors.values())
    print(f"\n{total} requests in {elapsed:.0f} s = {total / elapsed:.0f} req/s, {errors} errors")
    for what, count in tally.errors.most_common():
        print(f"  {count} x {what}")
    problems = check(entry_ids, tally, before)
    stale = stale_weeks(base, sessions, entries)
    print(
        f"Check-offs: {len(tally.checked)} distinct entries of {len(entry_ids)} open, "
        f"{len(tally.latencies['done']) + len(tally.latencies['log'])} check-off requests."
    )
    print(
        "Database: "
        + ("consistent." if not problems else "INCONSISTENT:\n  " + "\n  ".join(problems))
    )
    print(
        f"Pages: {len(usernames)} weeks read 4 times each against the database: "
        + ("all current." if not stale else "STALE:\n  " + "\n  ".join(stale))
    )
    if errors or problems or stale:
        raise SystemExit(1)
