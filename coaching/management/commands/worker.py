"""The task worker: django-tasks-db's `db_worker` runs queued tasks, and a
thread beside it enqueues the periodic ones (coaching/periodic.py). Stops on
Ctrl-C or SIGTERM, finishing the task it is running. Run one or more.

It outlives a database that goes away (a restart, a failover, refused
connections): db_worker then ends with an OperationalError, and is started
again every few seconds until the database answers. A task it was running
stays "running" in the queue; the morning mails are enqueued again after
MORNING_MAIL_RETRY_AFTER (coaching/services/reminders.py)."""

import contextlib
import logging
import threading
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DatabaseError, OperationalError, connection

from coaching.periodic import enqueue_due

logger = logging.getLogger(__name__)

RESTART_AFTER = 2.0  # seconds between attempts while the database is away


def exit_behind(error: BaseException) -> SystemExit | None:
    """The SystemExit that this error was raised while handling, if any."""
    seen = error
    while seen is not None and not isinstance(seen, SystemExit):
        seen = seen.__cause__ or seen.__context__
    return seen


class Command(BaseCommand):
    help = "Run queued tasks (db_worker) and enqueue the periodic ones (planning, reminders)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--tick", type=float, default=30.0, help="Seconds between schedule checks (30)."
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds between queue polls when idle."
        )

    def handle(self, *args, tick, interval, verbosity, **options):
        threading.Thread(target=self.tick_forever, args=(tick,), daemon=True).start()
        while True:
            try:
                # No autoreload: the reloader would start a second ticking process.
                call_command("db_worker", reload=False, interval=interval, verbosity=verbosity)
                return  # SIGTERM or Ctrl-C (db_worker's handlers stay on while we wait below)
            except DatabaseError as error:
                if (stopping := exit_behind(error)) is not None:
                    # db_worker exits from its SIGTERM handler at once when no
                    # task runs, possibly inside a poll's commit: the
                    # transaction's cleanup then fails. It was a clean stop.
                    raise stopping from None
                if not isinstance(error, OperationalError):
                    raise
                logger.warning("The database is away (%s); retrying in %s s", error, RESTART_AFTER)
                with contextlib.suppress(DatabaseError):
                    connection.close()
                time.sleep(RESTART_AFTER)

    def tick_forever(self, tick: float):
        stop = threading.Event()  # never set: the thread ends with the process
        while not stop.is_set():
            try:
                for path in enqueue_due():
                    logger.info("Enqueued %s", path)
            except Exception:
                logger.exception("Enqueuing the periodic tasks failed; trying again later")
            finally:
                connection.close()  # this thread's own connection, not the worker's
            stop.wait(tick)
