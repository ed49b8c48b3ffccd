import os

import pytest

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


@pytest.fixture
def password():
    return "flamingo-test-pw"


@pytest.fixture
def make_user(db, django_user_model, password):
    """A user, optionally in some groups: make_user("ana", groups=["Coaches"])."""
    from django.contrib.auth.models import Group

    def make(username, *, groups=(), **extra):
        user = django_user_model.objects.create_user(username=username, password=password, **extra)
        for name in groups:
            group, _ = Group.objects.get_or_create(name=name)
            user.groups.add(group)
        return user

    return make


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty page cache: after a rollback, SQLite
    hands out the same ids again, so another test's rows could meet a cached
    fragment under the same key. (Production never rolls back committed rows.)"""
    from django.core.cache import cache

    cache.clear()
    yield
