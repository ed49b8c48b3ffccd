"""A mixed load through the balancer, as browsers would send it, with a safe
retry: reads, check-offs ("done" taps and logged details), assessment saves
and programmes assigned to a group.

Every write is idempotent, so a client that got no answer (a dropped
connection, a 502/503/504) sends the same request again, for up to
RETRY_FOR seconds: a check-off of a done entry answers 200 and changes nothing; an
assessment already saved for that test and day answers with the field error
"already recorded", which the client takes as saved; a programme assigned
again to the same group adds nothing (everyone has it by then). Each attempt is kept
with its time, so the drills can say which errors fell inside a fault window.
Afterwards `consistency()` compares the database with what clients were told."""

import http.client
import itertools
import random
import re
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from django.urls import reverse

from scripts.cluster.cluster import BALANCER_HEADER, FORWARDED, HOST

RETRY_FOR = 30  # seconds a client keeps retrying, as the phone's offline queue would
RETRYABLE = {502, 503, 504}
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
COOKIE = re.compile(r"^(sessionid|csrftoken)=([^;]+)")
ALREADY_RECORDED = "already"  # the duplicate-assessment field error says "... already ..."
LOGGED = {"reps_left": 7, "reps_right": 6, "pain": 2, "rpe": 6, "form_note": "cluster"}
# (kind, weight): what an athlete thread does next; the coach thread is separate.
ATHLETE_MIX = [("week", 40), ("done", 30), ("log", 10), ("exercise", 10), ("library", 10)]
COACH_MIX = [("dashboard", 40), ("assessment", 40), ("programme", 20)]


@dataclass
class Browser:
    """One signed-in user's cookies and a keep-alive connection to the balancer."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    last_from_balancer: bool = False  # the last answer was HAProxy's own (no server)

    def request(self, method, path, *, body=None, htmx=False) -> tuple[int, bytes]:
        """One request on a new connection: a failure is then the cluster's,
        never a stale keep-alive connection's (which browsers retry silently)."""
        headers = {**FORWARDED, "Host": f"{HOST}:{self.port}", "Connection": "close"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            # What a browser sends over HTTPS: Django checks the origin.
            headers["Origin"] = f"https://{HOST}:{self.port}"
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            if "csrftoken" in self.cookies:
                headers["X-CSRFToken"] = self.cookies["csrftoken"]
        if htmx:
            headers["HX-Request"] = "true"
        conn = http.client.HTTPConnection(HOST, self.port, timeout=15)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            content = response.read()
        finally:
            conn.close()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie" and (match := COOKIE.match(value)):
                self.cookies[match[1]] = match[2]
        self.last_from_balancer = response.getheader(BALANCER_HEADER) is not None
        return response.status, content

    def sign_in(self, username: str, password: str) -> "Browser":
        status, page = self.request("GET", "/accounts/login/")
        token = CSRF_INPUT.search(page.decode()).group(1)
        body = urllib.parse.urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": token}
        )
        status, _ = self.request("POST", "/accounts/login/", body=body)
        if status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"Could not sign in as {username} (HTTP {status}).")
        return self


@dataclass
class Attempt:
    at: float  # seconds since the load started
    kind: str
    outcome: str  # "ok", "HTTP 503", "ConnectionResetError"...
    took: float


@dataclass
class Tally:
    attempts: list[Attempt] = field(default_factory=list)
    gave_up: Counter = field(default_factory=Counter)  # requests failed after every retry
    checked: set[int] = field(default_factory=set)  # entries a client was told are done
    saved: set[tuple] = field(default_factory=set)  # assessments a client was told are saved
    tried: set[tuple] = field(default_factory=set)  # every assessment key sent
    assigned: set[int] = field(default_factory=set)  # groups a client was told got the programme
    sent_to: set[int] = field(default_factory=set)  # every group a programme was sent to
    refused: Counter = field(default_factory=Counter)  # a 200 with a form error we did not expect
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass
class Work:
    """What the load may touch: today's entries per athlete, and fresh
    (athlete, test, day) keys for assessments, each sent by one request."""

    athletes: dict[str, list[int]]  # username -> today's entry ids
    coach_athletes: list[int]
    tests: list[int]
    taken: set[tuple]  # assessment keys already in the database
    programme: int  # the coach's programme, assigned to...
    groups: list[int]  # ...fresh groups, each by one request (so half-applied would show)
    _keys: list = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def next_assessment(self, today) -> tuple:
        with self._lock:
            if not self._keys:
                rng = random.Random(len(self.taken))
                for days in range(400, 800):
                    for athlete in self.coach_athletes:
                        for test in self.tests:
                            key = (athlete, test, today - timedelta(days=days))
                            if key not in self.taken:
                                self._keys.append(key)
                rng.shuffle(self._keys)
            key = self._keys.pop()
            self.taken.add(key)
            return key

    def next_group(self) -> int | None:
        with self._lock:
            return self.groups.pop() if self.groups else None


class Load:
    """`threads` athletes and one coach sending requests until stop()."""

    def __init__(self, port, sessions, coach, work: Work, today, *, seed=0):
        self.port, self.sessions, self.coach, self.work = port, sessions, coach, work
        self.today = today
        self.tally = Tally()
        self.stopping = threading.Event()
        self.started = time.monotonic()
        self.threads = [
            threading.Thread(target=self._athlete, args=(name, seed + i), daemon=True)
            for i, name in enumerate(sessions)
        ] + [threading.Thread(target=self._coach, args=(seed,), daemon=True)]

    def now(self) -> float:
        return time.monotonic() - self.started

    def start(self) -> "Load":
        self.started = time.monotonic()
        for thread in self.threads:
            thread.start()
        return self

    def stop(self) -> Tally:
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=60)
        return self.tally

    def _send(self, browser, kind, method, path, *, body=None, htmx=False):
        """The request, retried while the answer is retryable: (status, body) or None."""
        give_up = time.monotonic() + RETRY_FOR
        for attempt in itertools.count():
            started = time.monotonic()
            try:
                status, content = browser.request(method, path, body=body, htmx=htmx)
                outcome = "ok" if status < 400 else f"HTTP {status}"
                if browser.last_from_balancer:
                    outcome += " (balancer)"
            except (OSError, http.client.HTTPException) as error:
                status, content, outcome = None, b"", type(error).__name__
            took = time.monotonic() - started
            with self.tally.lock:
                self.tally.attempts.append(Attempt(started - self.started, kind, outcome, took))
            if status is not None and status not in RETRYABLE:
                return status, content
            if time.monotonic() > give_up:
                break
            time.sleep(min(2.0, 0.2 * (attempt + 1)))
        with self.tally.lock:
            self.tally.gave_up[kind] += 1
        return None

    def _athlete(self, name, seed):
        rng = random.Random(seed)
        browser = self.sessions[name]
        entries = self.work.athletes[name]
        kinds, weights = zip(*ATHLETE_MIX, strict=True)
        while not self.stopping.is_set():
            kind = rng.choices(kinds, weights)[0]
            if kind in ("done", "log"):
                entry = rng.choice(entries)
                body = None
                if kind == "log":
                    body = urllib.parse.urlencode(
                        {f"entry-{entry}-{k}": v for k, v in LOGGED.items()}
                    )
                path = reverse(f"coaching:entry_{kind}", args=[entry])
                answer = self._send(browser, kind, "POST", path, body=body, htmx=True)
                if answer and answer[0] == 200:
                    with self.tally.lock:
                        self.tally.checked.add(entry)
            elif kind == "week":
                self._send(browser, kind, "GET", reverse("coaching:week"))
            elif kind == "exercise":
                path = reverse("exercises:detail", args=["single-leg-deadlift"])
                self._send(browser, kind, "GET", path)
            else:
                path = reverse("exercises:list") + "?q=single"
                self._send(browser, kind, "GET", path, htmx=True)

    def _coach(self, seed):
        rng = random.Random(seed)
        kinds, weights = zip(*COACH_MIX, strict=True)
        while not self.stopping.is_set():
            kind = rng.choices(kinds, weights)[0]
            group = self.work.next_group() if kind == "programme" else None
            if kind == "dashboard" or (kind == "programme" and group is None):
                self._send(self.coach, "dashboard", "GET", reverse("coaching:dashboard"))
                continue
            if kind == "programme":
                self._programme(group)
                continue
            athlete, test, day = key = self.work.next_assessment(self.today)
            with self.tally.lock:
                self.tally.tried.add(key)
            body = urllib.parse.urlencode(
                {"test": test, "date": day.isoformat(), "left_value": "20", "right_value": "22"}
            )
            path = reverse("athletes:record_assessment", args=[athlete])
            answer = self._send(self.coach, kind, "POST", path, body=body)
            if answer is None:
                continue
            status, content = answer
            # A retry after a save whose answer was lost finds it already recorded.
            if status == 302 or (status == 200 and ALREADY_RECORDED in content.decode()):
                with self.tally.lock:
                    self.tally.saved.add(key)
            else:
                with self.tally.lock:
                    self.tally.refused[f"assessment: HTTP {status}"] += 1

    def _programme(self, group: int) -> None:
        with self.tally.lock:
            self.tally.sent_to.add(group)
        body = urllib.parse.urlencode(
            {
                "programme": self.work.programme,
                "target": f"group-{group}",
                "start_date": self.today.isoformat(),
            }
        )
        path = reverse("coaching:assign_programme")
        answer = self._send(self.coach, "programme", "POST", path, body=body)
        if answer is None:
            return
        with self.tally.lock:
            if answer[0] == 302:
                self.tally.assigned.add(group)
            else:
                self.tally.refused[f"programme: HTTP {answer[0]}"] += 1
