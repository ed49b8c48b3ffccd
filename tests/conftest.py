import os
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from athletes.models import AssessmentTest
from tests import factories

# Playwright's sync API runs an event loop in the test thread; Django refuses
# ORM calls from a thread with a running loop unless told this is fine.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(
        (marker and marker.kwargs.get("transaction"))
        or "live_server" in fixtures
        or "transactional_db" in fixtures
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Transactional tests (browser tests included) end with a flush that empties
    every table, including what the migrations created (library content, groups).
    So, as Django does it:
    - each of them restores that data first (serialized_rollback);
    - they run after all other database tests. pytest-django sorts them last, but
      pytest then regroups tests by parametrized fixtures (Playwright's
      browser_name) and undoes it, hence this hook runs last and sorts again."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        kwargs = marker.kwargs if marker else {}
        if kwargs.get("transaction") and "serialized_rollback" not in kwargs:
            restoring = pytest.mark.django_db(
                *marker.args, **{**kwargs, "serialized_rollback": True}
            )
            item.add_marker(restoring, append=False)  # the closest marker wins
    items.sort(key=is_transactional)  # stable: keeps the order within each group


# The cast most tests share, from the one test world (tests/factories.py):
# coach A (Carmen) coaches athlete A (Ana, login "ana"); coach B coaches
# athlete B (Bea, login "bea"); the editor keeps the library.


@pytest.fixture
def password():
    return factories.PASSWORD


@pytest.fixture
def coach(db):
    return factories.coach("coach_a", first_name="Carmen")


@pytest.fixture
def other_coach(db):
    return factories.coach("coach_b")


@pytest.fixture
def editor(db):
    return factories.editor()


@pytest.fixture
def athlete(coach):
    return factories.athlete(coach=coach, user=factories.user("ana"))


@pytest.fixture
def other_athlete(other_coach):
    return factories.athlete(coach=other_coach, name="Bea Soto", user=factories.user("bea"))


@pytest.fixture
def runner(db):
    """A signed-up user with no role (nobody's athlete, not a coach)."""
    return factories.user("rita")


@pytest.fixture
def runner_client(client, runner):
    client.force_login(runner)
    return client


@pytest.fixture
def heel_raise(db):
    return AssessmentTest.objects.get(slug="single-leg-heel-raise")


@pytest.fixture
def timed_hop(db):
    return AssessmentTest.objects.get(slug="single-leg-timed-hop")


@pytest.fixture
def record(coach):
    """record(athlete, test, left, right, days_ago=0) -> StrengthAssessment,
    through the service the app writes with (it also moves the athlete's
    cached pages on)."""
    from athletes.services import record_assessment

    def make(athlete, test, left, right, *, days_ago=0):
        """A leg of None: it could not do the test."""
        return record_assessment(
            athlete=athlete,
            test=test,
            date=timezone.localdate() - timedelta(days=days_ago),
            left_value=None if left is None else Decimal(str(left)),
            right_value=None if right is None else Decimal(str(right)),
            by=coach,
        )

    return make


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty page cache: after a rollback, SQLite
    hands out the same ids again, so another test's rows could meet a cached
    fragment under the same key. (Production never rolls back committed rows.)"""
    from django.core.cache import cache

    cache.clear()
    yield
