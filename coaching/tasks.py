"""Background tasks (django.tasks; the database backend and its worker in
production, the immediate backend in tests).

Enqueue with `some_task.enqueue(*json_args)`, inside the transaction that
makes the work necessary: the database backend stores the task in that
transaction, so a rollback drops it too. Pass ids, never secrets: a task's
arguments sit in a table until the worker runs it."""

from django.tasks import task

from coaching.services import reminders
from coaching.services.sessions import plan_all


@task
def plan_all_athletes() -> int:
    """The daily planning run (coaching/periodic.py schedules it)."""
    return plan_all()[1]


@task
def enqueue_morning_mails() -> int:
    """Every quarter hour: the morning mails now due (coaching/periodic.py)."""
    return reminders.enqueue_morning_mails()


@task
def send_morning_mail(mail_id: int) -> bool:
    return reminders.send_morning_mail(mail_id=mail_id)
