"""The periodic schedule: each task once per slot, whoever ticks and however often."""

import datetime
import zoneinfo

import pytest
from django.test import override_settings
from django.utils import timezone

from coaching.models import ScheduledRun, TrainingSession
from coaching.periodic import SCHEDULE, Periodic, enqueue_due
from tests import factories

MADRID = zoneinfo.ZoneInfo("Europe/Madrid")
DUMMY = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
PLAN = "coaching.tasks.plan_all_athletes"
DAILY = (Periodic(PLAN, every=datetime.timedelta(days=1)),)


def at(hour, minute=0, day=2):
    return datetime.datetime(2026, 12, day, hour, minute, tzinfo=MADRID)


@pytest.mark.parametrize(
    ("every", "now", "slot"),
    [
        (datetime.timedelta(days=1), at(0, 0), at(0, 0)),
        (datetime.timedelta(days=1), at(23, 59), at(0, 0)),
        (datetime.timedelta(minutes=15), at(7, 14), at(7, 0)),
        (datetime.timedelta(minutes=15), at(7, 15), at(7, 15)),
        # UTC 23:30 on the 1st is already the 2nd in Madrid: the local day counts.
        (datetime.timedelta(days=1), datetime.datetime(2026, 12, 1, 23, 30, tzinfo=datetime.UTC),
         at(0, 0)),
    ],
)  # fmt: skip
def test_slot_is_the_start_of_the_local_period(every, now, slot):
    assert Periodic("x", every=every).slot(now) == slot


def test_planning_the_morning_mails_and_the_calendar_links_are_on_the_schedule():
    tasks = {periodic.task for periodic in SCHEDULE}
    assert tasks == {
        PLAN,
        "coaching.tasks.enqueue_morning_mails",
        "coaching.tasks.read_calendar_links",
    }


@pytest.mark.django_db
@override_settings(TASKS=DUMMY)
def test_a_task_is_enqueued_once_per_slot_however_often_the_workers_tick():
    from django.tasks import default_task_backend

    assert enqueue_due(at(3), DAILY) == [PLAN]
    assert enqueue_due(at(3), DAILY) == []  # a second worker, or the next tick
    assert enqueue_due(at(23, 59), DAILY) == []
    assert enqueue_due(at(0, 1, day=3), DAILY) == [PLAN]  # the next day
    assert [r.task.module_path for r in default_task_backend.results] == [PLAN, PLAN]
    assert ScheduledRun.objects.count() == 2


@pytest.mark.django_db
@override_settings(TASKS=DUMMY)
def test_old_runs_are_forgotten():
    enqueue_due(at(3), DAILY)
    enqueue_due(at(3, day=12), DAILY)
    assert list(ScheduledRun.objects.values_list("slot", flat=True)) == [at(0, day=12)]


@pytest.mark.django_db
def test_the_planning_task_plans_like_the_command(settings):
    """Immediate backend: the task runs as it is enqueued."""
    ana = factories.athlete(coach=factories.coach())
    factories.assignment(ana, factories.exercise(), sessions_per_week=3)
    assert enqueue_due(timezone.now(), DAILY) == [PLAN]
    assert TrainingSession.objects.filter(athlete=ana).exists()
