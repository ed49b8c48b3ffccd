"""Flamingo settings, read from the environment.

DATABASE_URL  unset: a SQLite file beside manage.py (a newcomer needs nothing else)
SECRET_KEY    required when DEBUG is off
DEBUG         "true"/"1" to turn on (off by default)
ALLOWED_HOSTS comma-separated
"""

import mimetypes
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_flag("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off. For local development set "
            "DEBUG=true (make run does) to use a development key."
        )
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
if DEBUG and not ALLOWED_HOSTS:
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    "django_tasks_db",
    "coaching",
    "exercises",
    "athletes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses HTML (the week: ~12 KB -> ~3 KB), with Django's BREACH
    # mitigation (random bytes; CSRF tokens are masked per response). Below
    # whitenoise, so static files keep whitenoise's own precompressed copies.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Deny by default: every view needs a signed-in user unless marked
    # @login_not_required (sign-in, password reset, invites).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "coaching.site.middleware.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "coaching.site.middleware.HtmxLoginRedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "coaching.site.urls"
WSGI_APPLICATION = "coaching.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "coaching.site.nav.nav",
            ],
        },
    },
]

# An unset or empty DATABASE_URL means the embedded SQLite file.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=0,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers wait their turn instead of failing with "database is locked":
    # IMMEDIATE takes the write lock when a transaction begins (a deferred one
    # that reads, then writes, cannot wait for it), and `timeout` is how many
    # seconds a writer waits for it.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # psycopg's pool: without it every request forks a Postgres backend
    # (measured 8-10x slower on this kind of machine). Pooling and
    # persistent connections exclude each other, so CONN_MAX_AGE stays 0.
    # A request waits at most DB_POOL_TIMEOUT seconds for a connection (all in
    # use, or the database down or restarting), then gets the 503 page
    # (coaching/site/views.py server_error) instead of hanging until gunicorn
    # kills the worker.
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": int(os.environ.get("DB_POOL_MIN", "2")),
        "max_size": int(os.environ.get("DB_POOL_MAX", "10")),
        "timeout": float(os.environ.get("DB_POOL_TIMEOUT", "5")),
    }
    # The pool checks a connection before handing it out (one empty round
    # trip): after a database restart, requests get new connections instead
    # of failing on the dead ones.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Optional: queries slower than this (ms) are cancelled, the request gets
    # the 503 page. Off by default, since `migrate` reads the same setting;
    # set it on the app servers' environment only.
    if statement_timeout := os.environ.get("DB_STATEMENT_TIMEOUT"):
        timeout_ms = int(statement_timeout)
        DATABASES["default"]["OPTIONS"]["options"] = f"-c statement_timeout={timeout_ms}"
    # Server-side binding lets PostgreSQL keep the plan of a query that a
    # connection runs again and again: psycopg prepares it after
    # `prepare_threshold` runs. The week's six-table join took 2.6 ms to plan
    # and 0.4 ms to run on every request (docs/performance.md). Set
    # DB_PREPARE_THRESHOLD=off behind a transaction-pooling PgBouncer, which
    # cannot keep prepared statements.
    prepare_threshold = os.environ.get("DB_PREPARE_THRESHOLD", "5")
    if prepare_threshold != "off":
        DATABASES["default"]["OPTIONS"]["server_side_binding"] = True
        DATABASES["default"]["OPTIONS"]["prepare_threshold"] = int(prepare_threshold)

# Rendered page fragments (coaching/site/page_cache.py). Keys carry
# their version, so a per-process cache is never stale: several workers or
# hosts only warm their own copies. ~12 KB a week page, ~1.5 KB a dashboard row.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "3000"))},
    }
}

# Background tasks (coaching/tasks.py) queue in the database; `manage.py
# worker` runs them (make run starts one beside the web server).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The public address of the site, for links in mails sent by the worker (no request there).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# Morning mails go out from the first hour to before the last, athlete's local time.
MORNING_MAIL_HOURS = (7, 11)
# A mail still unsent this long after its task was enqueued is enqueued again
# (its worker died); sending is idempotent, so a slow one is not sent twice.
# Seconds in the environment: make cluster's worker drill shortens it.
MORNING_MAIL_RETRY_AFTER = timedelta(seconds=int(os.environ.get("MORNING_MAIL_RETRY_AFTER", "600")))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes): after 5 failed sign-ins for one username from
# one address, that pair waits 15 minutes (each attempt while locked restarts
# the wait). The pair, not the address alone: athletes behind one gym or club
# network must not lock each other out. Attempts are kept in the database, so
# every gunicorn process and host sees the same count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out attempts
    # ModelBackend, with the permissions and athlete record loaded with the user.
    "athletes.auth.FlamingoBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Madrid")
USE_I18N = True
# Django's own texts ("This field is required.", ...) in Flamingo's voice.
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "static/"
mimetypes.add_type("application/manifest+json", ".webmanifest")  # the web app manifest
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded pictures of the technique (exercises/pictures.py), through the
# default storage: the file system here; S3 and others in docs/deploy.md.
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Mail goes to the console unless EMAIL_BACKEND names another backend.
MAILERS = {
    "default": {
        "BACKEND": os.environ.get(
            "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
        ),
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Flamingo <coach@flamingo.invalid>")

# Strict CSP: scripts only from our origin with the per-request nonce (htmx via
# django-htmx's {% htmx_script %}); no inline styles, no inline handlers.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *os.environ.get("MEDIA_HOSTS", "").split()],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

SESSION_COOKIE_HTTPONLY = True
# Django's database sessions, read with a query compiled once (coaching/site/sessions.py).
SESSION_ENGINE = "coaching.site.sessions"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"forbidden": {"()": "coaching.site.log_filters.ForbiddenWithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"filters": ["forbidden"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Assessments older than this no longer flag an asymmetry: the coach is told
# when the athlete was last tested and to retest (athletes/selectors.py).
ASSESSMENT_FLAG_WINDOW_DAYS = int(os.environ.get("ASSESSMENT_FLAG_WINDOW_DAYS", "90"))

# Calendar links (the running plan, coaching/running/fetch.py) are fetched by
# the server from what a coach typed: never an address inside a private
# network, so the link cannot reach the server's neighbours. Tests serve
# their calendars from loopback (test settings).
CALENDAR_LINKS_MAY_BE_PRIVATE = env_flag("CALENDAR_LINKS_MAY_BE_PRIVATE")
