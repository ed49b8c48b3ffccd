"""What the worker drill (scripts/cluster/drills.py) needs to know about
morning mails: where it is morning now, and what the file mail backend wrote."""

import datetime
import email
import re
import zoneinfo
from pathlib import Path

from django.conf import settings

MAIL_ID = re.compile(r"<morning-mail-(\d+)@")  # coaching/services/reminders.py's Message-ID


def morning_zone(now: datetime.datetime) -> str:
    """A time zone where it is 8 or 9 o'clock now: an hour or more of the
    morning-mail hours left, whatever the time of the drill. A city's if any."""
    first, last = settings.MORNING_MAIL_HOURS
    fits = [
        zone
        for zone in zoneinfo.available_timezones()
        if first + 1 <= now.astimezone(zoneinfo.ZoneInfo(zone)).hour < last - 1
    ]
    return min(fits, key=lambda zone: (zone.startswith("Etc/"), "/" not in zone, zone))


def written_mails(mail_dir: Path) -> list[tuple[str, str]]:
    """(Message-ID, To) of every message the file mail backend wrote: one
    message after another, each followed by a line of 79 dashes."""
    found = []
    for file in sorted(mail_dir.glob("*.log")):
        for chunk in file.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if chunk.strip():
                message = email.message_from_bytes(chunk)
                found.append((message["Message-ID"] or "", message["To"] or ""))
    return found
