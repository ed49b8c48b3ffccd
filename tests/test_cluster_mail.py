"""The worker drill of make cluster (scripts/cluster/drills.py) counts the
morning mails the task workers wrote with the file mail backend and makes its
batch due in a time zone where it is morning: both checked here, quickly, so
a change to the mail or to the backend's format cannot make the drill count
wrong."""

import datetime
import zoneinfo

import pytest
from django.test import override_settings

from coaching.models import MorningMail
from coaching.services import reminders
from exercises.models import Exercise
from scripts.cluster.mail import MAIL_ID, morning_zone, written_mails
from tests import factories

DAY = datetime.date(2026, 12, 2)


@pytest.mark.parametrize("hour", range(24))
def test_there_is_always_a_zone_where_it_is_morning_for_an_hour_more(hour):
    now = datetime.datetime.combine(DAY, datetime.time(hour, 59), tzinfo=datetime.UTC)
    zone = morning_zone(now)
    assert 8 <= now.astimezone(zoneinfo.ZoneInfo(zone)).hour <= 9, zone


@pytest.mark.django_db
def test_the_drill_reads_each_mail_the_file_backend_wrote_with_its_row(tmp_path):
    deadlift = Exercise.objects.get(slug="single-leg-deadlift")
    coach = factories.coach()
    for name in ("ana", "bea"):
        user = factories.user(name, email=f"{name}@example.com")
        factories.planned_today(factories.athlete(coach=coach, user=user), deadlift, today=DAY)
    mailers = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(tmp_path)},
        }
    }
    morning = datetime.datetime.combine(DAY, datetime.time(8), tzinfo=zoneinfo.ZoneInfo("UTC"))
    with override_settings(MAILERS=mailers, TIME_ZONE="UTC"):
        assert reminders.enqueue_morning_mails(morning) == 2  # sent at once (immediate tasks)

    written = written_mails(tmp_path)
    by_row = {int(MAIL_ID.match(message_id)[1]): to for message_id, to in written}
    sent = dict(MorningMail.objects.values_list("pk", "sent_to"))
    assert len(written) == 2
    assert by_row == sent
    assert sorted(sent.values()) == ["ana@example.com", "bea@example.com"]
