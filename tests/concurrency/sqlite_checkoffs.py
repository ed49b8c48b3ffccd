"""Ten athletes check off at the same moment against a SQLite FILE database
(the embedded default), as `python -m tests.concurrency.sqlite_checkoffs PATH`.
Prints one line per check-off that failed and exits non-zero if any did.

A separate process, because the test suite's SQLite database lives in memory
and its settings are fixed when Django starts."""

import os
import sys
import threading


def main(path: str) -> int:
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coaching.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from coaching.services import sessions
    from tests import factories
    from tests.concurrency.world import TODAY

    call_command("migrate", verbosity=0)
    coach = factories.coach()
    exercise = factories.exercise()
    entries = []
    for i in range(10):
        athlete = factories.athlete(coach=coach, name=f"Runner {i}")
        factories.assignment(athlete, exercise, sessions_per_week=7, start_date=TODAY)
        sessions.plan_sessions(athlete=athlete, start=TODAY, end=TODAY)
        entries.append(athlete.sessions.get().entries.select_related("session").get())
    connection.close()

    barrier = threading.Barrier(len(entries))
    failures = []

    def check_off(entry):
        try:
            barrier.wait()
            sessions.check_off_as_prescribed(entry=entry, today=TODAY)
        except Exception as error:  # what a view would turn into a 500
            failures.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=check_off, args=(e,)) for e in entries]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    done = sum(
        e.__class__.objects.filter(pk=e.pk, completed_at__isnull=False).exists() for e in entries
    )
    print(f"{done} of {len(entries)} checked off")
    for failure in failures:
        print(failure)
    return 1 if failures or done != len(entries) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
