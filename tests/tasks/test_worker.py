"""The real worker process (`manage.py worker`, the database task backend)
against the test database: what `make run` and production start."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from coaching.models import ScheduledRun, TrainingSession
from tests import factories

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a second process: PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def start_worker(mail_dir: Path, *extra: str) -> subprocess.Popen:
    db = settings.DATABASES["default"]
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "tests.worker_settings",
        "WORKER_MAIL_DIR": str(mail_dir),
    }
    command = [sys.executable, "manage.py", "worker", "--tick", "0.2", "--interval", "0.1", *extra]
    return subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)  # fmt: skip


def wait_for(condition, seconds=30.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def stop(worker: subprocess.Popen) -> str:
    worker.send_signal(signal.SIGTERM)
    out, _ = worker.communicate(timeout=20)
    return out


def test_the_worker_runs_the_daily_planning_by_itself_and_stops_on_sigterm(tmp_path):
    ana = factories.athlete(coach=factories.coach())
    factories.assignment(ana, factories.exercise(), sessions_per_week=7)
    TrainingSession.objects.all().delete()  # assigning planned ahead; the worker must do it
    worker = start_worker(tmp_path)
    try:
        planned = wait_for(lambda: TrainingSession.objects.filter(athlete=ana).exists())
    finally:
        out = stop(worker)
    assert planned, out
    assert worker.returncode == 0, out
    assert ScheduledRun.objects.filter(task="coaching.tasks.plan_all_athletes").count() == 1
