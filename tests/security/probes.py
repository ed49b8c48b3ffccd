"""How the security tests probe the shared world (tests/factories.py world()):
which tables a request wrote to, and one signed-in client per actor."""

import copy
import re
from contextlib import contextmanager
from http.cookies import SimpleCookie

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import World

ACTORS = ("anon", "athlete_a", "athlete_b", "coach_a", "coach_b", "editor")

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
