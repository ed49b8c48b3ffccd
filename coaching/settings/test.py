"""Test settings: the same app, with fast hashing and static files served
without a manifest (tests never run collectstatic)."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-key")

from .base import *  # noqa: F403
from .base import STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# django-axes needs the request in authenticate(); the test client's login()
# passes none. Off here, on in tests/security/test_login_throttling.py
# (override_settings), as the axes docs suggest for test setups.
AXES_ENABLED = False

# Tasks run at once, in the test's thread and transaction; the one test with a
# real worker (tests/coaching/test_worker.py) switches to the database backend.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

# Whitenoise scans STATIC_ROOT when each handler starts; a staticfiles/ folder
# left by `make run` would make every test client slower. Look files up lazily.
WHITENOISE_AUTOREFRESH = True

# The calendar-link tests serve their .ics from a local test server.
CALENDAR_LINKS_MAY_BE_PRIVATE = True
