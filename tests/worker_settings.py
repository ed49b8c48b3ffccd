"""Settings of the real worker process that tests start (tests/tasks/): the
test settings with the database task backend, and mail written to files in
WORKER_MAIL_DIR so the test can count what was sent."""

import os
from datetime import timedelta

from coaching.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": os.environ.get("WORKER_MAIL_DIR", "/tmp/flamingo-mail")},
    }
}

# Any hour is morning, and an unsent mail is retried after a second, so the
# test runs at any time of day and quickly.
MORNING_MAIL_HOURS = (0, 24)
MORNING_MAIL_RETRY_AFTER = timedelta(seconds=1)
