"""Two coaches, their athletes and some history, for the security tests.

Coach A coaches athlete A (login "ana", an exercise assigned, today's session
planned) and athlete C (no login yet, an open invite). Coach B coaches athlete B
(login "bea"). The editor is in "Content editors" with staff access. The library
content comes from the exercises data migration."""

import copy
import datetime
import re
from contextlib import contextmanager
from dataclasses import dataclass
from http.cookies import SimpleCookie

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from athletes import services as athlete_services
from athletes.auth import COACHES, CONTENT_EDITORS
from athletes.models import AssessmentTest, Athlete
from coaching.models import Assignment, SessionEntry, TrainingSession
from coaching.services.assignments import assign_exercise
from exercises.models import Exercise

PASSWORD = "pw-for-security-tests"
ACTORS = ("anon", "athlete_a", "athlete_b", "coach_a", "coach_b", "editor")


@dataclass
class World:
    users: dict
    athlete_a: Athlete
    athlete_b: Athlete
    athlete_c: Athlete
    exercise: Exercise  # assigned to athlete A
    other_exercise: Exercise  # not assigned yet
    assignment: Assignment
    session: TrainingSession  # today's, athlete A
    entry: SessionEntry
    invite_token: str  # athlete C's open invite
    test: AssessmentTest
    today: datetime.date


def user(username: str, *, groups=(), **extra):
    made = get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)
    for name in groups:
        made.groups.add(Group.objects.get_or_create(name=name)[0])
    return made


def build() -> World:
    today = timezone.localdate()
    coach_a, coach_b = user("coach_a", groups=[COACHES]), user("coach_b", groups=[COACHES])
    ana, bea = user("ana"), user("bea")
    athlete_a = Athlete.objects.create(coach=coach_a, user=ana, name="Ana Ruiz")
    athlete_b = Athlete.objects.create(coach=coach_b, user=bea, name="Bea Soto")
    athlete_c = Athlete.objects.create(coach=coach_a, name="Cleo Diaz", email="cleo@example.com")
    exercise = Exercise.objects.get(slug="single-leg-deadlift")
    level = exercise.levels.get(order=1)
    assignment = assign_exercise(
        athlete=athlete_a,
        exercise=exercise,
        level=level,
        **level.default_prescription,
        sessions_per_week=1,
        weekdays=[today.isoweekday()],
        start_date=today,
        notes="",
        by=coach_a,
        today=today,
    )
    session = TrainingSession.objects.get(athlete=athlete_a, date=today)
    issued = athlete_services.create_invite(
        athlete=athlete_c, by=coach_a, link_for=lambda token: token
    )
    return World(
        users={
            "athlete_a": ana,
            "athlete_b": bea,
            "coach_a": coach_a,
            "coach_b": coach_b,
            "editor": user("editor", groups=[CONTENT_EDITORS], is_staff=True),
        },
        athlete_a=athlete_a,
        athlete_b=athlete_b,
        athlete_c=athlete_c,
        exercise=exercise,
        other_exercise=Exercise.objects.get(slug="split-squat"),
        assignment=assignment,
        session=session,
        entry=session.entries.get(),
        invite_token=issued.url,
        test=AssessmentTest.objects.get(slug="single-leg-heel-raise"),
        today=today,
    )


# Tables a refused or invalid request may still write: the session (signing
# out) and django-axes' record of sign-in attempts. Every other table is watched.
UNWATCHED = {"django_session"}
WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


@contextmanager
def writes():
    """Collects the watched tables the block writes to (INSERT, UPDATE or
    DELETE, even of identical values), into the yielded set on exit."""
    written: set[str] = set()
    with CaptureQueriesContext(connection) as queries:
        yield written
    for query in queries.captured_queries:
        match = WRITE.match(query["sql"])
        if match and match[1] not in UNWATCHED and not match[1].startswith("axes_"):
            written.add(match[1])


class Actors:
    """One test client with a cookie jar per actor. (A new Client per actor
    would build the middleware chain again, ~70 ms each with whitenoise.)"""

    def __init__(self, world: World):
        self.client = Client()
        self.jars = {}
        for actor in ACTORS:
            self.client.cookies = SimpleCookie()
            if actor != "anon":
                self.client.force_login(world.users[actor])
            self.jars[actor] = self.client.cookies

    def __call__(self, actor: str) -> Client:
        """The client, signed in as `actor` (a fresh copy of their cookies, so a
        sign-out or a new session in one request does not leak into the next)."""
        self.client.cookies = copy.deepcopy(self.jars[actor])
        return self.client
