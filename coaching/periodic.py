"""Periodic tasks without cron: the worker (`manage.py worker`) calls
enqueue_due() every half minute. Each task runs once per slot (a day, a
quarter of an hour...): ScheduledRun's unique (task, slot) decides, in the
same transaction that enqueues the task, so two workers ticking at the same
moment, or a worker restarted mid-slot, enqueue it once."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from coaching.models import ScheduledRun

ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Periodic:
    task: str  # dotted path of a django.tasks Task that takes no arguments
    every: datetime.timedelta  # divides a day

    def slot(self, now: datetime.datetime) -> datetime.datetime:
        """Start of the period `now` falls in, counted from local midnight
        (TIME_ZONE), so a daily task's slot is the local day."""
        local = timezone.localtime(now)
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
        return midnight + ((local - midnight) // self.every) * self.every


SCHEDULE = (
    # Every athlete's next two weeks planned (what `manage.py plan_sessions` does).
    Periodic("coaching.tasks.plan_all_athletes", every=ONE_DAY),
    # Morning mails, each in its athlete's time zone (coaching/services/reminders.py).
    Periodic("coaching.tasks.enqueue_morning_mails", every=datetime.timedelta(minutes=15)),
    # Running plans behind a calendar link, re-read for new and moved runs.
    Periodic("coaching.tasks.read_calendar_links", every=datetime.timedelta(hours=6)),
)

# Runs older than this are forgotten: their slots can never come round again.
KEEP = datetime.timedelta(days=7)


def enqueue_due(now: datetime.datetime | None = None, schedule=SCHEDULE) -> list[str]:
    """Enqueue every scheduled task whose current slot has no run yet; returns
    the paths of the tasks it enqueued."""
    now = now or timezone.now()
    enqueued = []
    for periodic in schedule:
        with transaction.atomic():
            _, created = ScheduledRun.objects.get_or_create(
                task=periodic.task, slot=periodic.slot(now)
            )
            if created:
                import_string(periodic.task).enqueue()
                enqueued.append(periodic.task)
    ScheduledRun.objects.filter(slot__lt=now - KEEP).delete()
    return enqueued
