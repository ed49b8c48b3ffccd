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
