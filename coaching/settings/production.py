"""Production: DEBUG off, HTTPS everywhere. SECRET_KEY and ALLOWED_HOSTS must be
set in the environment (base.py refuses to start without SECRET_KEY)."""

import os

os.environ["DEBUG"] = "false"

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, env_flag

SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True

# Invites are emailed: production sends real mail, over SMTP unless
# EMAIL_BACKEND names another backend (check --deploy refuses the console one).
MAILERS = {
    "default": {
        "BACKEND": os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"),
    }
}
if MAILERS["default"]["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend":
    MAILERS["default"]["OPTIONS"] = {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("EMAIL_PORT", "587")),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_flag("EMAIL_USE_TLS", default=True),
        "timeout": 10,
    }

# Mail written to files instead (one per message): make cluster counts what
# its task workers sent.
if MAILERS["default"]["BACKEND"] == "django.core.mail.backends.filebased.EmailBackend":
    MAILERS["default"]["OPTIONS"] = {"file_path": os.environ["EMAIL_FILE_PATH"]}

# Links in the worker's mails: the first public host name unless SITE_URL says.
if "SITE_URL" not in os.environ and ALLOWED_HOSTS:
    SITE_URL = f"https://{ALLOWED_HOSTS[0].lstrip('.')}"
