"""The worker command's clean stop: db_worker exits from its SIGTERM handler
wherever it is, so a database error can follow the SystemExit; that is still
a stop, not a crash (exit status 0, no restart)."""

import pytest
from django.db import OperationalError, ProgrammingError

from coaching.management.commands.worker import exit_behind


def raised(make):
    try:
        make()
    except BaseException as error:  # the test inspects whatever came out
        return error
    raise AssertionError("nothing was raised")


def cleanup_failing_after_exit(code):
    try:
        raise SystemExit(code)
    except SystemExit:
        try:
            raise ProgrammingError("can't change 'autocommit' now")  # psycopg's error
        except ProgrammingError as psycopg_error:
            raise ProgrammingError("wrapped by Django") from psycopg_error


def outage():
    raise OperationalError("connection refused")


def outage_while_handling_another_error():
    try:
        raise ValueError("a task's own error")
    except ValueError:
        outage()


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda: cleanup_failing_after_exit(0), 0),
        (lambda: cleanup_failing_after_exit(1), 1),  # Ctrl-C twice: terminated
        (outage, None),
        (outage_while_handling_another_error, None),
    ],
)
def test_a_database_error_behind_an_exit_is_that_exit(make, code):
    stop = exit_behind(raised(make))
    assert (stop.code if stop is not None else None) == code
