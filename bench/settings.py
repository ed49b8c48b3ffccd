"""Benchmark settings (`make bench`): the production settings, served over
plain HTTP on loopback, with two reference views added to the URLconf.

Everything that costs time in production stays on: DEBUG off, the psycopg
pool, whitenoise's compressed manifest storage, the security and CSP
middleware. Only what needs HTTPS is relaxed (gunicorn listens on 127.0.0.1
without TLS), and the reference views live in `bench.urls`, which
no other settings module routes to."""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-key-not-secret")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/flamingo_bench")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
# One request at a time per sync worker: one pooled connection, one spare.
os.environ.setdefault("DB_POOL_MIN", "1")
os.environ.setdefault("DB_POOL_MAX", "2")

from coaching.settings.production import *  # noqa: F403
from coaching.settings.production import ALLOWED_HOSTS, BASE_DIR, TEMPLATES

ROOT_URLCONF = "bench.urls"

# The Django test client (query counts in bench/run.py) calls itself "testserver".
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]

# Loopback HTTP, no TLS terminator in front: no redirect to https, cookies
# that travel over http. (HSTS is only sent on https responses anyway.)
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# Our own collected files: a `make clean` or collectstatic elsewhere must not
# pull the manifest from under a running benchmark. (artifacts/ is not in git.)
STATIC_ROOT = BASE_DIR / "artifacts" / "bench" / "static"

# The reference page's template sits with the benchmark, not with the app.
TEMPLATES = [{**TEMPLATES[0], "DIRS": [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]}]
