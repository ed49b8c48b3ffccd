"""What the benchmark loads: each page, as whom, at many rows and at one.

The "many" side is the seeded realistic data (bench-coach's 100 athletes,
a year of sessions); the "one" side is bench-small's single athlete with two
exercises and one week. Equal query counts on both sides = constant."""

from dataclasses import dataclass
from functools import cache

from django.contrib.auth.models import User
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from athletes.groups import Group
from athletes.models import Athlete
from bench.seed import BIG_COACH, CROWD_COACH, SMALL_COACH
from coaching.models import SessionEntry, TrainingSession

BIG_ATHLETE = "bench-athlete-001"
SMALL_ATHLETE = "bench-small-a001"


@dataclass(frozen=True)
class Side:
    path: str
    username: str | None  # who is signed in (None: anonymous)


@dataclass(frozen=True)
class Page:
    name: str
    label: str
    many: Side  # the realistic data: what wrk loads
    one: Side  # one row of everything: the other side of "constant"
    method: str = "GET"
    htmx: bool = False


@cache
def user(username: str) -> User:
    return User.objects.get(username=username)


def _athlete(username: str) -> Athlete:
    return Athlete.objects.get(user__username=username)


def today_entry(username: str) -> SessionEntry:
    """The athlete's first entry today (the seed gives everyone a session today)."""
    return (
        SessionEntry.objects.filter(
            session__athlete__user__username=username, session__date=timezone.localdate()
        )
        .order_by("pk")
        .first()
    )


def _searched(coach: str, text: str) -> str:
    """A search and the coach's "Tuesday club" (bench/seed.py) as a dashboard query."""
    group = Group.objects.get(coach__username=coach, name="Tuesday club")
    return f"?q={text}&group={group.pk}"


def pages() -> list[Page]:
    big, small = _athlete(BIG_ATHLETE), _athlete(SMALL_ATHLETE)
    big_entry, small_entry = today_entry(BIG_ATHLETE), today_entry(SMALL_ATHLETE)
    detail = "exercises:detail"

    def url(name, *args):
        return reverse(name, args=args)

    def page(name, label, many, one, **options):
        return Page(name, label, Side(*many), Side(*one), **options)

    anonymous_text = (url("bench_text"), None)
    anonymous_page = (url("bench_page"), None)
    deadlift, hip_hike = url(detail, "single-leg-deadlift"), url(detail, "hip-hike")
    library = url("exercises:list")
    return [
        page("ref-text", "reference: plain text", anonymous_text, anonymous_text),
        page("ref-page", "reference: 20-row template", anonymous_page, anonymous_page),
        page(
            "dashboard",
            "coach dashboard (100 athletes)",
            (url("coaching:dashboard"), BIG_COACH),
            (url("coaching:dashboard"), SMALL_COACH),
        ),
        page(
            "dashboard-200",
            "coach dashboard (200 athletes, a search and a group)",
            (url("coaching:dashboard") + _searched(CROWD_COACH, "an"), CROWD_COACH),
            (url("coaching:dashboard") + _searched(SMALL_COACH, small.name[:2]), SMALL_COACH),
        ),
        page(
            "athlete-detail",
            "athlete detail (coach)",
            (url("athletes:detail", big.pk), BIG_COACH),
            (url("athletes:detail", small.pk), SMALL_COACH),
        ),
        page(
            "athlete-training",
            "athlete training (coach)",
            (url("coaching:athlete_training", big.pk), BIG_COACH),
            (url("coaching:athlete_training", small.pk), SMALL_COACH),
        ),
        page(
            "week",
            "athlete week",
            (url("coaching:week"), BIG_ATHLETE),
            (url("coaching:week"), SMALL_ATHLETE),
        ),
        page(
            "exercise-detail", "exercise detail", (deadlift, BIG_ATHLETE), (hip_hike, BIG_ATHLETE)
        ),
        page(
            "library-search",
            "library search fragment (htmx)",
            (library + "?q=single", BIG_ATHLETE),  # six exercises
            (library + "?q=deadlift", BIG_ATHLETE),  # one
            htmx=True,
        ),
        page(
            "check-off",
            "check-off POST (htmx)",
            (url("coaching:entry_done", big_entry.pk), BIG_ATHLETE),
            (url("coaching:entry_done", small_entry.pk), SMALL_ATHLETE),
            method="POST",
            htmx=True,
        ),
    ]


@transaction.atomic
def reset_entry(path: str) -> None:
    """The entry's whole session back to planned (a check-off by an earlier
    run or the load test must not make the next tap the one that completes
    the session), so each measured check-off starts from the same state."""
    pk = int(path.rstrip("/").split("/")[-2])
    session_id = SessionEntry.objects.values_list("session_id", flat=True).get(pk=pk)
    SessionEntry.objects.filter(session_id=session_id).update(
        completed_at=None,
        reps_left=None,
        reps_right=None,
        load_done_kg=None,
        pain=None,
        form_note="",
    )
    TrainingSession.objects.filter(pk=session_id).update(rpe=None)
