"""Production: DEBUG off, HTTPS everywhere. SECRET_KEY and ALLOWED_HOSTS must be
set in the environment (base.py refuses to start without SECRET_KEY)."""

import os

os.environ["DEBUG"] = "false"

from .base import *  # noqa: F403

SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
