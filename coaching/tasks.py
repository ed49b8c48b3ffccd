"""Background tasks (django.tasks; the database backend and its worker in
production, the immediate backend in tests).

Enqueue with `some_task.enqueue(*json_args)`, inside the transaction that
makes the work necessary: the database backend stores the task in that
transaction, so a rollback drops it too. Pass ids, never secrets: a task's
arguments sit in a table until the worker runs it."""

from django.tasks import task

from athletes.models import Athlete
from coaching.services import reminders
from coaching.services.running import athletes_with_calendar_links, read_calendar_link
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


@task
def read_calendar_links() -> int:
    """Every six hours: each active athlete's calendar link re-read, one task
    per athlete so a slow or broken link holds up no other (coaching/periodic.py)."""
    ids = list(athletes_with_calendar_links().values_list("pk", flat=True))
    for athlete_id in ids:
        read_calendar_link_of.enqueue(athlete_id)
    return len(ids)


@task
def read_calendar_link_of(athlete_id: int) -> bool:
    """One athlete's link; nothing if they were archived since it was queued."""
    athlete = Athlete.objects.active().filter(pk=athlete_id).first()
    return athlete is not None and read_calendar_link(athlete=athlete) is not None
