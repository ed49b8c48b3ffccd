"""Settings of the real worker process that tests start (tests/tasks/): the
test settings with the database task backend, and mail written to files in
WORKER_MAIL_DIR so the test can count what was sent."""

import os

from coaching.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": os.environ.get("WORKER_MAIL_DIR", "/tmp/flamingo-mail")},
    }
}
