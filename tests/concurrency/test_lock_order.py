"""Every pair of writing services, run at once on the same athlete with a
pause after each locking statement: no deadlock, no lost update, no duplicate
row (the lock order: coaching/services/__init__.py). PostgreSQL only: SQLite
locks the whole database, so it cannot deadlock on rows."""

import itertools

import pytest
from django.db import connection

from tests.concurrency.world import SERVICES, check_consistent, make_world, run_at_once

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks and deadlocks: PostgreSQL only (SQLite locks the whole file)",
    ),
    pytest.mark.django_db(transaction=True),
]

# Each pair twice, each service half a step ahead once; the same service
# twice once (both ways are the same).
PAIRS = [
    pytest.param(
        a, b, lead, id=f"{a.name}+{b.name}" + ("" if a is b else f"/{(a, b)[lead].name}-first")
    )
    for a, b in itertools.combinations_with_replacement(SERVICES, 2)
    for lead in ((0,) if a is b else (0, 1))
]


@pytest.mark.parametrize("first, second, lead", PAIRS)
def test_services_in_pairs(first, second, lead):
    world = make_world()

    outcomes = run_at_once(lambda: first.run(world), lambda: second.run(world), lead=lead)

    if first is second and first.once:
        # The same write twice: one succeeds, the other is refused as it
        # would be one after the other (never an IntegrityError, a 500).
        assert sum(o is None for o in outcomes) == 1, outcomes
        refused = next(o for o in outcomes if o is not None)
        assert isinstance(refused, first.once), repr(refused)
    else:
        assert outcomes == [None, None], [repr(o) for o in outcomes]
    first.check(world)
    second.check(world)
    check_consistent(world)
