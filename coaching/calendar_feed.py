"""The private calendar feeds (iCalendar, built with the `icalendar` library):
an athlete's planned strength sessions, or all of a coach's athletes'.

One event per session, all day (athletes train when they can): the same UID
for as long as the session exists, and a SEQUENCE that moves on when the
athlete's plans change. SEQUENCE is derived, not stored: the seconds from the
session's creation to the athlete's version (`updated_at`, moved on by every
write of their data, coaching/site/touch.py), so it only ever grows. (Any
write moves it, a check-off too: a client then reloads an unchanged event,
which is harmless.)"""

import datetime
import hashlib
import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from athletes.models import Athlete
from coaching.models import CalendarFeed, SessionEntry, TrainingSession
from coaching.prescription import prescription_text, shaped

# How far back a feed reaches: calendars keep what they already have.
HISTORY = datetime.timedelta(weeks=4)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def new_calendar_link(*, user) -> str:
    """A new secret for the user's feed, replacing the old one (whose URL stops
    working at once). Returns the raw token: it is shown once, never stored."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(
        user=user, defaults={"token_hash": token_hash(token), "created_at": timezone.now()}
    )
    return token


def feed_owner(token: str):
    """The user whose feed this token opens, or None (a wrong or replaced token)."""
    feed = CalendarFeed.objects.select_related("user").filter(token_hash=token_hash(token))
    feed = feed.first()
    return feed.user if feed and feed.user.is_active else None


def sessions_for(athletes, today: datetime.date):
    """The athletes' sessions from HISTORY ago on, each with its entries, in two queries."""
    entries = SessionEntry.objects.select_related("assignment__exercise", "level").order_by(
        "assignment__exercise__name"
    )
    return (
        TrainingSession.objects.filter(athlete__in=athletes, date__gte=today - HISTORY)
        .select_related("athlete")
        .prefetch_related(Prefetch("entries", queryset=entries))
        .order_by("date", "athlete__name")
    )


def sequence(session: TrainingSession) -> int:
    """Tenths of a second from the session's creation to the athlete's version:
    grows with every change, and stays within 32 bits (clients' integers) for
    6 years, far beyond a feed's weeks."""
    age = session.athlete.updated_at - session.created_at
    return max(0, int(age.total_seconds() * 10))


def _line(entry: SessionEntry) -> str:
    exercise = entry.assignment.exercise
    prescription = prescription_text(
        **shaped(entry), load_note=entry.level.load_note, unilateral=exercise.unilateral
    )
    return f"{exercise.name} level {entry.level.order}: {prescription}"


def _event(session: TrainingSession, *, coach_view: bool, host: str) -> Event | None:
    entries = list(session.entries.all())
    if not entries:
        return None
    athlete = session.athlete
    names = ", ".join(f"{e.assignment.exercise.name} L{e.level.order}" for e in entries)
    summary = f"{athlete.name}: {names}" if coach_view else f"Strength: {names}"
    if all(e.completed_at for e in entries):
        summary = "✓ " + summary
    if coach_view:
        link = reverse("coaching:athlete_training", args=[athlete.pk])
    else:
        link = reverse("coaching:week_of", args=[session.date.isoformat()])
    url = settings.SITE_URL.rstrip("/") + link
    lines = [_line(e) for e in entries]
    if not coach_view:
        lines.append(f"The cue: {entries[0].assignment.exercise.key_cue}")
    event = Event()
    event.add("uid", f"session-{session.pk}@{host}")
    event.add("sequence", sequence(session))
    event.add("dtstamp", athlete.updated_at)
    event.add("last-modified", athlete.updated_at)
    event.add("dtstart", session.date)  # a date: an all-day event
    event.add("dtend", session.date + datetime.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", "\n".join([*lines, "", url]))
    event.add("url", url)
    event.add("transp", "TRANSPARENT")  # training does not make the athlete busy
    return event


def calendar_for(user, today: datetime.date | None = None) -> bytes | None:
    """The .ics text of the user's feed; None when there is none to give (an
    archived athlete's, or a user who is neither athlete nor coach)."""
    today = today or timezone.localdate()
    athlete = Athlete.objects.filter(user=user).first()
    if athlete is not None:
        if athlete.is_archived:
            return None
        athletes, coach_view, name = [athlete], False, "Flamingo: my strength sessions"
    elif user.has_perm("athletes.coach_athletes"):
        athletes = Athlete.objects.for_coach(user).active()
        coach_view, name = True, "Flamingo: my athletes' sessions"
    else:
        return None
    host = urlsplit(settings.SITE_URL).hostname or "flamingo"
    calendar = Calendar()
    calendar.add("prodid", "-//Flamingo//Strength sessions//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", datetime.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    for session in sessions_for(athletes, today):
        if (event := _event(session, coach_view=coach_view, host=host)) is not None:
            calendar.add_component(event)
    return calendar.to_ical()
