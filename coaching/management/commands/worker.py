"""The task worker: django-tasks-db's `db_worker` runs queued tasks, and a
thread beside it enqueues the periodic ones (coaching/periodic.py). Stops on
Ctrl-C or SIGTERM, finishing the task it is running. Run one or more."""

import logging
import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

from coaching.periodic import enqueue_due

logger = logging.getLogger(__name__)


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
        # No autoreload: the reloader would start a second ticking process.
        call_command("db_worker", reload=False, interval=interval, verbosity=verbosity)

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
