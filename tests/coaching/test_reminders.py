"""Morning mails: who gets one and when, once a day, the stop link, the
athlete's settings page. The immediate task backend sends as it enqueues;
tests/tasks/test_worker.py does it with a real worker."""

import datetime
import re
import zoneinfo

import pytest
from django.core import mail
from django.urls import reverse

from coaching.models import MorningMail, ReminderSettings
from coaching.services import reminders
from coaching.services.sessions import check_off_as_prescribed
from exercises.models import Exercise
from tests import factories

pytestmark = pytest.mark.django_db

MADRID = zoneinfo.ZoneInfo("Europe/Madrid")
DAY = datetime.date(2026, 12, 2)


def at(hour, minute=0, zone=MADRID, day=DAY):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=zone)


@pytest.fixture
def deadlift():
    return Exercise.objects.get(slug="single-leg-deadlift")


@pytest.fixture
def ana(deadlift):
    athlete = factories.athlete(
        coach=factories.coach(), user=factories.user("ana", email="ana@example.com")
    )
    factories.planned_today(athlete, deadlift, today=DAY, level=2)
    return athlete


def test_the_mail_says_what_to_do_today_and_how_to_stop_it(ana):
    assert reminders.enqueue_morning_mails(at(7, 5)) == 1
    [message] = mail.outbox
    assert message.to == ["ana@example.com"]
    assert message.subject == "Today: Single Leg Deadlift level 2, 3 × 8 each leg"
    # The token is signed with a timestamp: read it back rather than make another.
    [token] = re.findall(r"/mail/stop/([^/\s]+)/", message.body)
    assert reminders.athlete_for_stop_token(token) == ana
    stop_url = reminders.absolute(reverse("coaching:stop_morning_mail", args=[token]))
    assert stop_url in message.body
    assert reverse("coaching:week_of", args=[DAY.isoformat()]) in message.body
    assert "Hips square" in message.body  # the cue
    assert message.extra_headers["List-Unsubscribe"] == f"<{stop_url}>"
    # As sent: the link whole on its header line, not folded into encoded words.
    assert f"\nList-Unsubscribe: <{stop_url}>\n" in message.message().as_string()
    record = MorningMail.objects.get(athlete=ana)
    assert (record.day, record.sent_to, record.subject) == (DAY, "ana@example.com",
                                                             message.subject)  # fmt: skip


def test_the_mail_asks_about_yesterdays_session_once_it_was_done(ana, deadlift):
    yesterday = factories.done(ana.assignments.get(), DAY - datetime.timedelta(days=1))
    reminders.enqueue_morning_mails(at(7, 5))
    [message] = mail.outbox
    url = reverse("coaching:next_morning", args=[yesterday.session.pk])
    assert f"after {yesterday.session.date:%A}'s session" in message.body
    assert reminders.absolute(url) in message.body


@pytest.mark.parametrize("answered", [False, True])
def test_no_morning_question_without_a_session_to_ask_about(ana, deadlift, answered):
    if answered:
        entry = factories.done(ana.assignments.get(), DAY - datetime.timedelta(days=1))
        entry.session.next_morning_pain = 2
        entry.session.save(update_fields=["next_morning_pain"])
    else:  # planned yesterday, nothing done: nothing to feel the next morning
        factories.done(ana.assignments.get(), DAY - datetime.timedelta(days=1), completed=False)
    reminders.enqueue_morning_mails(at(7, 5))
    [message] = mail.outbox
    assert "/morning/" not in message.body
    assert "next-morning pain on the same page" in message.body


def test_never_more_than_one_a_day(ana):
    for minute in (0, 15, 30):
        reminders.enqueue_morning_mails(at(8, minute))
    reminders.send_morning_mail(mail_id=MorningMail.objects.get().pk)  # a task run twice
    assert len(mail.outbox) == 1
    reminders.enqueue_morning_mails(at(7, 0, day=DAY + datetime.timedelta(days=7)))
    assert MorningMail.objects.count() == 1  # no session then: no mail


def test_a_mail_left_unsent_by_a_dead_worker_is_enqueued_again(ana, settings):
    MorningMail.objects.create(athlete=ana, day=DAY, enqueued_at=at(7, 0))  # its task was lost
    assert reminders.enqueue_morning_mails(at(7, 5)) == 0  # not stale yet
    assert mail.outbox == []
    assert reminders.enqueue_morning_mails(at(7, 0) + settings.MORNING_MAIL_RETRY_AFTER * 2) == 1
    assert len(mail.outbox) == 1
    assert reminders.enqueue_morning_mails(at(9, 0)) == 0  # sent: not again


def _no_address(ana):
    ana.user.email = ""
    ana.user.save()


def _not_signed_up(ana):
    type(ana).objects.filter(pk=ana.pk).update(user=None)


def _done(ana):
    check_off_as_prescribed(entry=ana.sessions.get().entries.get(), today=DAY)


def _archived(ana):
    from django.utils import timezone

    type(ana).objects.filter(pk=ana.pk).update(archived_at=timezone.now())


@pytest.mark.parametrize(
    ("case", "when", "change"),
    [
        ("before the morning hours", at(6, 59), None),
        ("after them", at(11, 0), None),
        ("turned off", at(7, 30), lambda a: reminders.set_reminders(athlete=a, morning_mail=False)),
        ("no address of their own", at(7, 30), _no_address),
        ("not signed up yet", at(7, 30), _not_signed_up),
        ("archived", at(7, 30), _archived),
        ("done already", at(7, 30), _done),
        ("rest day", at(7, 30, day=DAY + datetime.timedelta(days=1)), None),
    ],
)  # fmt: skip
def test_who_gets_no_mail(ana, case, when, change):
    if change:
        change(ana)
    reminders.enqueue_morning_mails(when)
    assert mail.outbox == [], case


def test_the_morning_is_the_athletes_own(ana):
    """7:30 in Madrid is 22:30 the day before in Los Angeles: no mail there yet."""
    reminders.set_reminders(athlete=ana, morning_mail=True, time_zone="America/Los_Angeles")
    reminders.enqueue_morning_mails(at(7, 30))
    assert mail.outbox == []
    reminders.enqueue_morning_mails(at(7, 30, zone=zoneinfo.ZoneInfo("America/Los_Angeles")))
    assert len(mail.outbox) == 1


def test_due_reads_in_the_same_number_of_queries_for_one_and_many(
    ana, deadlift, django_assert_num_queries
):
    with django_assert_num_queries(2):  # the zones, then one query per zone in the morning
        assert len(reminders.due(at(7, 30))) == 1
    for n in range(5):
        other = factories.athlete(
            coach=ana.coach, name=f"A{n}", user=factories.user(f"a{n}", email=f"a{n}@example.com")
        )
        factories.planned_today(other, deadlift, today=DAY)
    with django_assert_num_queries(2):
        assert len(reminders.due(at(7, 30))) == 6


# -- The stop link: no sign-in ------------------------------------------------------


def test_the_stop_link_asks_then_one_click_stops(client, ana):
    url = reverse("coaching:stop_morning_mail", args=[reminders.stop_token(ana)])
    page = client.get(url)
    assert page.status_code == 200 and b"Stop the morning mails" in page.content
    assert not ReminderSettings.objects.exists()  # opening the link changes nothing
    stopped = client.post(url, {"action": "stop"})
    assert b"The morning mails are stopped" in stopped.content
    assert reminders.reminders_of(ana).morning_mail is False
    client.post(url, {"action": "start"})
    assert reminders.reminders_of(ana).morning_mail is True


def test_a_mail_programs_one_click_unsubscribe_stops_them(client, ana):
    url = reverse("coaching:stop_morning_mail", args=[reminders.stop_token(ana)])
    client.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert reminders.reminders_of(ana).morning_mail is False


@pytest.mark.parametrize("token", ["nonsense", "MQ:1tOkEn:forged"])
def test_a_bad_stop_link_is_a_404(client, ana, token):
    assert client.get(reverse("coaching:stop_morning_mail", args=[token])).status_code == 404
    assert client.post(reverse("coaching:stop_morning_mail", args=[token])).status_code == 404


# -- The athlete's settings page ------------------------------------------------------


def test_the_athlete_sets_their_time_zone_and_turns_the_mail_off(client, ana):
    client.force_login(ana.user)
    url = reverse("coaching:reminders")
    page = client.get(url)
    assert page.status_code == 200 and b"ana@example.com" in page.content
    assert client.post(url, {"time_zone": "Europe/Lisbon"}).status_code == 302
    saved = reminders.reminders_of(ana)
    assert (saved.morning_mail, saved.time_zone) == (False, "Europe/Lisbon")


def test_an_unknown_time_zone_is_refused_beside_the_field(client, ana):
    client.force_login(ana.user)
    data = {"morning_mail": "on", "time_zone": "Mars/Olympus"}
    response = client.post(reverse("coaching:reminders"), data)
    assert response.status_code == 400
    assert response.context["form"].errors.keys() == {"time_zone"}
    assert not ReminderSettings.objects.exists()


def test_the_week_links_to_the_settings(client, ana):
    client.force_login(ana.user)
    assert reverse("coaching:reminders").encode() in client.get(reverse("coaching:week")).content
