"""The morning mail's writes against each other and against the athlete's
check-off, at the same moment, with the pause between locks of world.py:
no deadlock, one mail, nothing lost."""

import pytest
from django.core import mail
from django.db import connection

from coaching.models import MorningMail, ReminderSettings
from coaching.services import reminders
from coaching.services.sessions import check_off_as_prescribed
from exercises.models import Exercise
from tests import factories
from tests.concurrency.world import TODAY, run_at_once

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency: PostgreSQL only"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def queued():
    ana = factories.athlete(
        coach=factories.coach(), user=factories.user("ana", email="ana@example.com")
    )
    factories.planned_today(ana, Exercise.objects.get(slug="single-leg-deadlift"), today=TODAY)
    return MorningMail.objects.create(athlete=ana, day=TODAY)


def send(queued):
    return lambda: reminders.send_morning_mail(mail_id=queued.pk)


def check_off(queued):
    entry = queued.athlete.sessions.get().entries.select_related("session").get()
    return lambda: check_off_as_prescribed(entry=entry, today=TODAY)


def turn_off(queued):
    return lambda: reminders.set_reminders(athlete=queued.athlete, morning_mail=False)


@pytest.mark.parametrize("lead", [0, 1])
def test_two_sends_of_one_mail_send_it_once(queued, lead):
    assert run_at_once(send(queued), send(queued), lead=lead) == [None, None]
    assert len(mail.outbox) == 1
    assert MorningMail.objects.get().sent_at is not None


@pytest.mark.parametrize("lead", [0, 1])
def test_a_send_and_a_check_off_at_once_both_happen_or_the_mail_is_not_needed(queued, lead):
    assert run_at_once(send(queued), check_off(queued), lead=lead) == [None, None]
    entry = queued.athlete.sessions.get().entries.get()
    assert entry.completed_at is not None
    # Sent before the check-off, or skipped after it: never half-recorded.
    sent = MorningMail.objects.get().sent_at is not None
    assert len(mail.outbox) == int(sent)


@pytest.mark.parametrize("lead", [0, 1])
def test_a_send_and_turning_the_mail_off_at_once(queued, lead):
    assert run_at_once(send(queued), turn_off(queued), lead=lead) == [None, None]
    assert ReminderSettings.objects.get().morning_mail is False
    assert len(mail.outbox) == int(MorningMail.objects.get().sent_at is not None)
