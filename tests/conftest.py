import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django refuses
# ORM calls from a thread with a running loop unless told this is fine.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


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
