"""The writes of issue 10 at the same moment as each service that writes the
same rows: a prescription change against those of the same assignment and
its entries; the session's effort and next-morning pain against those of
the same session. No deadlock, no lost update, no duplicate change. The pair
test's world and checks (world.py); PostgreSQL only."""

import pytest
from django.db import connection

from tests.concurrency.test_lock_order import test_services_in_pairs as run_pair
from tests.concurrency.world import EFFORT, NEXT_MORNING, PRESCRIPTION_CHANGE, SERVICES

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks and deadlocks: PostgreSQL only (SQLite locks the whole file)",
    ),
    pytest.mark.django_db(transaction=True),
]

PARTNERS = {
    PRESCRIPTION_CHANGE: {
        "check_off",
        "undo",
        "log",
        "level_change",
        "end",
        "plan_ahead",
        "refresh",
    },
    # Not undo: it empties Tuesday, and a session with nothing done takes no answers.
    EFFORT: {"check_off", "log", "level_change", "refresh"},
    NEXT_MORNING: {"check_off", "log", "refresh"},
}
PAIRS = [
    pytest.param(ours, other, lead, id=f"{ours.name}+{other.name}/{('ours', 'theirs')[lead]}-first")
    for ours, names in PARTNERS.items()
    for other in SERVICES
    if other.name in names
    for lead in (0, 1)
] + [
    pytest.param(PRESCRIPTION_CHANGE, PRESCRIPTION_CHANGE, 0, id="prescription_change-twice"),
    pytest.param(EFFORT, NEXT_MORNING, 0, id="effort+next_morning"),
]


@pytest.mark.parametrize("first, second, lead", PAIRS)
def test_at_once(first, second, lead):
    run_pair(first, second, lead)
