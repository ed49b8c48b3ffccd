"""Morning mails on training days, and the athlete's choice to get them.

Sent once: enqueue_morning_mails() creates the day's MorningMail row (unique
per athlete and day) with the task that sends it, in one transaction, so two
workers ticking together enqueue it once; send_morning_mail() locks the row
and sends only while `sent_at` is empty, so a task that runs twice (a
re-enqueue after a killed worker, two workers) sends once. The one gap left
is a worker killed after the mail server took the mail and before the commit
(one round trip): then the retry sends it again, with the same Message-ID
(mail programs show it once); a lost mail would be worse.

Lock order (coaching/services/__init__.py): the athlete row, then the mail
row. The athlete stays locked while the mail goes out (at most the SMTP
timeout): one small mail, once a day."""

import datetime
import email.policy
import zoneinfo
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from athletes.models import Athlete, AthleteArchived
from coaching.models import MorningMail, ReminderSettings, SessionEntry, TrainingSession
from coaching.prescription import prescription_text, shaped
from coaching.services.sessions import MORNING_DAYS

STOP_SALT = "coaching.morning-mail.stop"


def stop_token(athlete: Athlete) -> str:
    """The secret of the one-click stop link: the athlete's id, signed."""
    return signing.dumps(athlete.pk, salt=STOP_SALT)


def athlete_for_stop_token(token: str) -> Athlete | None:
    try:
        pk = signing.loads(token, salt=STOP_SALT)
    except signing.BadSignature:
        return None
    return Athlete.objects.filter(pk=pk).first()


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


# -- Who gets one now -------------------------------------------------------------


def _zones() -> set[str]:
    return {settings.TIME_ZONE, *ReminderSettings.objects.values_list("time_zone", flat=True)}


def due(now: datetime.datetime) -> list[tuple[int, datetime.date]]:
    """(athlete id, their local day) for every athlete who should get today's
    mail and has none yet: in the morning hours of their time zone, mail on,
    an address they chose (their account's), an exercise not yet done today."""
    first, last = settings.MORNING_MAIL_HOURS
    found = []
    for zone in sorted(_zones()):
        local = now.astimezone(zoneinfo.ZoneInfo(zone))
        if not first <= local.hour < last:
            continue
        day = local.date()
        in_zone = Q(reminder_settings__time_zone=zone)
        if zone == settings.TIME_ZONE:
            in_zone |= Q(reminder_settings__isnull=True)
        open_today = SessionEntry.objects.filter(
            session__athlete=OuterRef("pk"), session__date=day, completed_at__isnull=True
        )
        sent = MorningMail.objects.filter(athlete=OuterRef("pk"), day=day)
        athletes = (
            Athlete.objects.active()
            .filter(in_zone, Exists(open_today), user__isnull=False)
            .exclude(user__email="")
            .exclude(reminder_settings__morning_mail=False)
            .exclude(Exists(sent))
            .order_by("pk")
        )
        found += [(pk, day) for pk in athletes.values_list("pk", flat=True)]
    return found


def enqueue_morning_mails(now: datetime.datetime | None = None) -> int:
    """The periodic task's work: one MorningMail row and one send task per due
    athlete, and a new task for a mail still unsent after RETRY_AFTER (its
    worker died). Returns how many tasks it enqueued."""
    from coaching.tasks import send_morning_mail  # tasks import services, not back

    now = now or timezone.now()
    count = 0
    for athlete_id, day in due(now):
        with transaction.atomic():
            try:
                Athlete.objects.lock_for_write(athlete_id)
            except AthleteArchived:
                continue
            mail, created = MorningMail.objects.get_or_create(athlete_id=athlete_id, day=day)
            if created:
                send_morning_mail.enqueue(mail.pk)
                count += 1
    stale = MorningMail.objects.filter(
        sent_at__isnull=True,
        enqueued_at__lt=now - settings.MORNING_MAIL_RETRY_AFTER,
        day__gte=(now - datetime.timedelta(days=1)).date(),  # only today's, in any zone
    )
    for mail in stale.order_by("pk"):
        with transaction.atomic():
            # No athlete lock: only this row's timestamp changes (touching the
            # athlete would lock it after the mail row: the wrong order).
            moved = MorningMail.objects.filter(pk=mail.pk, sent_at__isnull=True).update(
                enqueued_at=now
            )
            if moved:
                send_morning_mail.enqueue(mail.pk)
                count += 1
    return count


# -- Sending --------------------------------------------------------------------


def today_line(entries) -> str:
    """What today holds, one exercise after the other: the name, the level
    and the prescription as the week words it, joined by "; "."""
    return "; ".join(
        f"{entry.assignment.exercise.name} level {entry.level.order}, "
        + prescription_text(
            **shaped(entry),
            load_note=entry.level.load_note,
            unilateral=entry.assignment.exercise.unilateral,
        )
        for entry in entries
    )


def morning_question(athlete: Athlete, day: datetime.date) -> TrainingSession | None:
    """The session whose next-morning pain the mail of `day` asks about: the
    latest with something done in the days the week still asks (MORNING_DAYS),
    not yet answered."""
    return (
        TrainingSession.objects.filter(
            athlete=athlete,
            date__in=[day - datetime.timedelta(days=n) for n in MORNING_DAYS],
            next_morning_pain__isnull=True,
            entries__completed_at__isnull=False,
        )
        .order_by("-date")
        .first()
    )


class MorningMailMessage(EmailMessage):
    """Header lines up to RFC 5322's 998 characters: folded at the default 78,
    the long List-Unsubscribe link came out as encoded words, which mail
    programs do not read as a link (no one-click unsubscribe)."""

    LONG_LINES = email.policy.default.clone(max_line_length=998)

    def message(self, *, policy=LONG_LINES):
        return super().message(policy=policy)


def compose(athlete: Athlete, mail: MorningMail, entries) -> EmailMessage:
    day = mail.day
    stop_url = absolute(reverse("coaching:stop_morning_mail", args=[stop_token(athlete)]))
    week_url = absolute(reverse("coaching:week_of", args=[day.isoformat()]))
    asked = morning_question(athlete, day)
    context = {
        "morning_session": asked,
        "morning_url": asked and absolute(reverse("coaching:next_morning", args=[asked.pk])),
        "athlete": athlete,
        "today": today_line(entries),
        "cue": entries[0].assignment.exercise.key_cue,
        "week_url": week_url,
        "stop_url": stop_url,
    }
    return MorningMailMessage(
        subject=f"Today: {context['today']}"[:240],
        body=render_to_string("coaching/email/morning_mail.txt", context),
        to=[athlete.user.email],
        # Mail programs show their own one-click "Unsubscribe" for these (RFC 8058).
        headers={
            # The same id if it is ever sent twice: mail programs show it once.
            "Message-ID": f"<morning-mail-{mail.pk}@{urlsplit(settings.SITE_URL).hostname}>",
            "List-Unsubscribe": f"<{stop_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


@transaction.atomic
def send_morning_mail(*, mail_id: int) -> bool:
    """Send one MorningMail unless it went already or is no longer wanted
    (mail turned off, the day done, the athlete archived). True if sent."""
    mail = MorningMail.objects.select_related("athlete").filter(pk=mail_id).first()
    if mail is None:
        return False
    try:
        athlete = Athlete.objects.lock_for_write(mail.athlete_id)
    except AthleteArchived:
        return False
    mail = MorningMail.objects.select_for_update().get(pk=mail_id)
    if mail.sent_at is not None:
        return False
    wanted = ReminderSettings.objects.filter(athlete=athlete, morning_mail=False).exists() is False
    entries = list(
        SessionEntry.objects.filter(
            session__athlete=athlete, session__date=mail.day, completed_at__isnull=True
        )
        .select_related("assignment__exercise", "level")
        .order_by("assignment__exercise__name")
    )
    if not (wanted and entries and athlete.user and athlete.user.email):
        return False
    message = compose(athlete, mail, entries)
    # Recorded first, committed right after the mail server took the mail (a
    # failed send rolls the record back): the gap is one commit's round trip.
    mail.sent_at, mail.sent_to, mail.subject = timezone.now(), message.to[0], message.subject
    mail.save(update_fields=["sent_at", "sent_to", "subject"])
    message.send()
    return True


# -- The athlete's choice -----------------------------------------------------------


@transaction.atomic
def set_reminders(*, athlete: Athlete, morning_mail: bool, time_zone: str | None = None):
    """Turn the morning mail on or off (and set the time zone when given)."""
    athlete = Athlete.objects.lock_for_write(athlete.pk)
    fields = {"morning_mail": morning_mail, "changed_at": timezone.now()}
    if time_zone:
        fields["time_zone"] = time_zone
    settings_row, _ = ReminderSettings.objects.update_or_create(athlete=athlete, defaults=fields)
    return settings_row


def reminders_of(athlete: Athlete) -> ReminderSettings:
    """The athlete's settings, or the defaults (unsaved) when they never chose."""
    return ReminderSettings.objects.filter(athlete=athlete).first() or ReminderSettings(
        athlete=athlete
    )
