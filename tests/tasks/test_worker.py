"""The real worker process (`manage.py worker`, the database task backend)
against the test database: what `make run` and production start."""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test import override_settings
from django.utils import timezone

from coaching.models import MorningMail, ScheduledRun, TrainingSession
from coaching.services import reminders
from exercises.models import Exercise
from tests import factories

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a second process: PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


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
    # Its output goes to a file the test can read while it runs (a pipe is
    # read only at the end).
    output = mail_dir / f"worker-{time.monotonic_ns()}.out"
    with output.open("w") as sink:
        worker = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stdout=sink,
                                  stderr=subprocess.STDOUT, text=True)  # fmt: skip
    worker.output = output
    return worker


def wait_for(condition, seconds=30.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def stop(worker: subprocess.Popen) -> str:
    worker.send_signal(signal.SIGTERM)
    worker.wait(timeout=20)
    return worker.output.read_text()


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


def sent_messages(mail_dir: Path) -> list[str]:
    """The To: address of every message the file backend wrote."""
    return [
        line.removeprefix("To: ")
        for file in mail_dir.glob("*.log")
        for line in file.read_text().splitlines()
        if line.startswith("To: ")
    ]


def hold_lock(pk: int, held: threading.Event, release: threading.Event):
    """Lock one morning mail row, as a slow transaction would, until released."""
    try:
        with transaction.atomic():
            MorningMail.objects.select_for_update().get(pk=pk)
            held.set()
            release.wait(60)
    finally:
        connection.close()


@override_settings(TASKS=DATABASE_TASKS, MORNING_MAIL_HOURS=(0, 24))
def test_fifty_mails_go_once_though_a_worker_is_killed_mid_batch_and_two_take_over(tmp_path):
    today = timezone.localdate()
    deadlift = Exercise.objects.get(slug="single-leg-deadlift")
    coach = factories.coach()
    for n in range(50):
        runner = factories.user(f"r{n:02}", email=f"r{n:02}@example.com")
        athlete = factories.athlete(coach=coach, name=f"Runner {n:02}", user=runner)
        factories.planned_today(athlete, deadlift, today=today)
    assert reminders.enqueue_morning_mails() == 50  # the batch: 50 tasks in the database queue
    mails = list(MorningMail.objects.order_by("pk"))
    sent = MorningMail.objects.filter(sent_at__isnull=False)

    # The first worker sends 24, then waits for the 25th's row (locked here) ...
    held, release = threading.Event(), threading.Event()
    locker = threading.Thread(target=hold_lock, args=(mails[24].pk, held, release))
    locker.start()
    assert held.wait(10)
    first = start_worker(tmp_path)
    try:
        assert wait_for(lambda: sent.count() == 24)
        time.sleep(0.5)
        assert sent.count() == 24
    finally:
        first.kill()  # ... and is killed in the middle of that task (SIGKILL)
        first.wait(10)
        release.set()
        locker.join(10)

    # Two workers take over: the rest of the queue, and the killed task's mail again.
    workers = [start_worker(tmp_path), start_worker(tmp_path)]
    try:
        assert wait_for(lambda: sent.count() == 50), sent.count()
        time.sleep(1.5)  # time for any duplicate to show up (retries come every second)
    finally:
        outputs = [stop(worker) for worker in workers]
    addresses = sent_messages(tmp_path)
    assert len(addresses) == 50, outputs
    assert sorted(addresses) == [f"r{n:02}@example.com" for n in range(50)]


def on_the_server(sql: str, params=()) -> None:
    """A statement from outside the test database (ALTER DATABASE cannot
    lock out the database it is run from)."""
    db = settings.DATABASES["default"]
    with psycopg.connect(
        host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"], password=db["PASSWORD"],
        dbname="postgres", autocommit=True,
    ) as admin:  # fmt: skip
        admin.execute(sql, params)


def test_the_worker_outlives_a_database_that_refuses_connections_and_works_on_after(
    tmp_path, monkeypatch
):
    """A database restart or failover drops the worker's connection and
    refuses new ones for a while: the worker waits it out (it used to exit)."""
    ana = factories.athlete(coach=factories.coach())
    factories.assignment(ana, factories.exercise(), sessions_per_week=7)
    name = settings.DATABASES["default"]["NAME"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        ours = cursor.fetchone()[0]  # the test's own connection stays
    monkeypatch.setenv("DB_POOL_TIMEOUT", "1")  # it gives up on the pool within the outage
    worker = start_worker(tmp_path)
    try:
        assert wait_for(lambda: ScheduledRun.objects.exists())  # it is up and working
        try:
            on_the_server(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')

            def terminated_and_met() -> bool:
                # Again each time: a connection the worker opened just as the
                # refusal began would otherwise live on, and it would never
                # notice. The database stays away until the worker has met the
                # refusal (a fixed wait could end before a slow start did).
                on_the_server(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = %s AND pid <> %s",
                    [name, ours],
                )
                return "The database is away" in worker.output.read_text()

            met = wait_for(terminated_and_met, 30)
            time.sleep(2.5)  # and past its next attempt, refused again
            assert met, worker.output.read_text()
            assert worker.poll() is None, "the worker exited while the database was away"
        finally:
            on_the_server(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
            # Our own pool lost its idle connections too, and its refills back
            # off (1, 2, 4 s ...) through the refusal: the next test waited
            # past the pool timeout for one (a CI failure). A new pool.
            connection.close()
            connection.close_pool()
        TrainingSession.objects.all().delete()
        ScheduledRun.objects.all().delete()  # the next tick plans again: work to do
        planned = wait_for(lambda: TrainingSession.objects.filter(athlete=ana).exists())
    finally:
        out = stop(worker)
    assert planned, out
    assert "The database is away" in out
    assert worker.returncode == 0, out
