"""Runs out of uploaded files: iCalendar plans, FIT, GPX and TCX activities,
and the activities.csv of a Strava bulk export.

Each reader returns ParsedRun rows or raises Refused with a message for the
person who uploaded the file; a refused file changes nothing. Only what
planning needs is read (day, start, title, sport, duration, distance): track
points and heart rate are never kept."""

import csv
import datetime
import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import PurePath

import gpxpy
import gpxpy.gpx
import icalendar
import recurring_ical_events
from defusedxml import ElementTree
from django.utils import timezone
from garmin_fit_sdk import Decoder, Stream

from coaching.running.models import Source

# A year of a training plan is some 100 KB, a marathon's GPX a few MB.
MAX_BYTES = 10 * 1024 * 1024
MAX_RUNS = 3000
FIRST_DAY = datetime.date(2000, 1, 1)
YEARS_AHEAD = 2
ACCEPTED = "an .ics calendar, or a .fit, .gpx or .tcx activity, or Strava's activities.csv"
KM = re.compile(r"(\d+(?:[.,]\d+)?)\s*(km|k)\b", re.IGNORECASE)


class Refused(Exception):
    """The file cannot be imported; `message` says why, for the uploader."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ParsedRun:
    date: datetime.date
    title: str
    source_key: str
    source: str
    start_time: datetime.time | None = None
    description: str = ""
    sport: str = "running"
    duration: datetime.timedelta | None = None
    distance_m: int | None = None


def last_day(today: datetime.date) -> datetime.date:
    return today.replace(year=today.year + YEARS_AHEAD, day=min(today.day, 28))


def _in_range(day: datetime.date, today: datetime.date, what: str) -> None:
    if not FIRST_DAY <= day <= last_day(today):
        raise Refused(
            f"{what} is on {day:%d %b %Y}: dates must be between {FIRST_DAY:%Y} and "
            f"{last_day(today):%d %b %Y}. Nothing was imported."
        )


def _local(moment: datetime.datetime) -> datetime.datetime:
    """In the athlete's time zone (the site's); a floating time stays as written."""
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def _km_in(text: str) -> int | None:
    found = KM.search(text or "")
    return round(float(found.group(1).replace(",", ".")) * 1000) if found else None


def parse(name: str, data: bytes, *, today: datetime.date | None = None) -> list[ParsedRun]:
    """The runs in an uploaded file, by its extension (or its first bytes)."""
    today = today or timezone.localdate()
    if len(data) > MAX_BYTES:
        raise Refused(f"This file is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    if not data.strip():
        raise Refused("This file is empty.")
    suffix = PurePath(name or "").suffix.lower()
    head = data[:400].lstrip().upper()
    if suffix in (".ics", ".ical") or head.startswith(b"BEGIN:VCALENDAR"):
        reader = read_calendar
    elif suffix == ".fit" or data[8:12] == b".FIT":
        reader = read_fit
    elif suffix == ".gpx" or b"<GPX" in head:
        reader = read_gpx
    elif suffix == ".tcx" or b"TRAININGCENTERDATABASE" in head:
        reader = read_tcx
    elif suffix == ".csv":
        reader = read_strava_csv
    else:
        raise Refused(f"Flamingo can't read this file: please upload {ACCEPTED}.")
    runs = reader(data, today=today)
    if len(runs) > MAX_RUNS:
        raise Refused(f"This file holds {len(runs)} runs: at most {MAX_RUNS} at a time.")
    return runs


# -- iCalendar ------------------------------------------------------------------


def _event_key(event, recurring: set[str]) -> str:
    uid = str(event.get("UID", "")).strip()
    if not uid:  # no UID: the event's own content is its identity
        seed = f"{event.get('DTSTART').to_ical()!r}|{event.get('SUMMARY', '')}"
        return "nouid:" + hashlib.sha256(seed.encode()).hexdigest()[:32]
    if uid in recurring:
        return f"{uid}|{event['RECURRENCE-ID'].to_ical().decode()}"
    return uid


def _calendar_run(event, recurring: set[str]) -> ParsedRun:
    start = event["DTSTART"].dt
    title = str(event.get("SUMMARY", "")).strip() or "Run"
    description = str(event.get("DESCRIPTION", "")).strip()
    duration = None
    if isinstance(start, datetime.datetime):
        end = event.get("DTEND")
        if "DURATION" in event:
            duration = event["DURATION"].dt
        elif end is not None and isinstance(end.dt, datetime.datetime):
            duration = end.dt - start
        start = _local(start)
        day, start_time = start.date(), start.time().replace(tzinfo=None)
    else:
        day, start_time = start, None
    if duration is not None and duration < datetime.timedelta(0):
        duration = None
    return ParsedRun(
        date=day,
        start_time=start_time,
        title=title[:200],
        description=description,
        duration=duration,
        distance_m=_km_in(title) or _km_in(description),
        source=Source.FILE,
        source_key=_event_key(event, recurring)[:300],
    )


def read_calendar(data: bytes, *, today: datetime.date) -> list[ParsedRun]:
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except Exception:  # the library raises many kinds on malformed input
        raise Refused(f"This file is not a calendar: please upload {ACCEPTED}.") from None
    if calendar.name != "VCALENDAR":
        raise Refused(f"This file is not a calendar: please upload {ACCEPTED}.")
    events = calendar.walk("VEVENT")
    if not events:
        raise Refused("This calendar has no events: nothing was imported.")
    recurring, single, series = set(), [], icalendar.Calendar()
    for event in events:
        if "DTSTART" not in event:
            raise Refused(f"The event “{event.get('SUMMARY', '')}” has no date.")
        if "RRULE" in event or "RDATE" in event or "RECURRENCE-ID" in event:
            recurring.add(str(event.get("UID", "")).strip())
    for event in events:
        if str(event.get("UID", "")).strip() in recurring:
            series.add_component(event)
        else:
            start = event["DTSTART"].dt
            day = start.date() if isinstance(start, datetime.datetime) else start
            _in_range(day, today, f"“{event.get('SUMMARY', 'An event')}”")
            single.append(event)
    try:
        runs = [_calendar_run(event, recurring) for event in single]
        if recurring:  # only the series go through the expansion: it is the costly part
            for zone in calendar.walk("VTIMEZONE"):
                series.add_component(zone)
            expanded = recurring_ical_events.of(series).between(FIRST_DAY, last_day(today))
            runs += [_calendar_run(event, recurring) for event in expanded]
    except Refused:
        raise
    except Exception:
        raise Refused("This calendar's dates could not be read: nothing was imported.") from None
    if not runs:
        raise Refused("This calendar has no events in the dates Flamingo plans.")
    return runs


# -- Activity files ---------------------------------------------------------------


def _activity(
    *, start: datetime.datetime, today, title, sport, seconds=None, metres=None, description=""
) -> ParsedRun:
    if timezone.is_naive(start):
        start = start.replace(tzinfo=datetime.UTC)  # activity files record UTC
    local = _local(start)
    _in_range(local.date(), today, f"The activity “{title}”")
    return ParsedRun(
        date=local.date(),
        start_time=local.time().replace(tzinfo=None, microsecond=0),
        title=(title or sport.replace("_", " ").capitalize() or "Run")[:200],
        description=description,
        sport=(sport or "running").lower()[:40],
        duration=datetime.timedelta(seconds=round(seconds)) if seconds else None,
        distance_m=round(metres) if metres else None,
        source=Source.ACTIVITY,
        # The start time is the activity's identity, whatever file it came in.
        source_key="activity:" + start.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    )


def read_fit(data: bytes, *, today: datetime.date) -> list[ParsedRun]:
    def decoder():
        return Decoder(Stream.from_byte_array(bytearray(data)))

    if not decoder().is_fit():
        raise Refused(f"This is not a FIT file: please upload {ACCEPTED}.")
    if not decoder().check_integrity():
        raise Refused("This FIT file is cut short or damaged: please export it again.")
    messages, errors = decoder().read(merge_heart_rates=False)
    sessions = messages.get("session_mesgs", [])
    if errors or not sessions:
        raise Refused("This FIT file holds no activity Flamingo can read.")
    runs = []
    for session in sessions:
        start = session.get("start_time")
        if not isinstance(start, datetime.datetime):
            raise Refused("This FIT file's activity has no start time.")
        sport = str(session.get("sport") or "running")
        runs.append(
            _activity(
                start=start,
                today=today,
                title=sport.replace("_", " ").capitalize(),
                sport=sport,
                seconds=session.get("total_elapsed_time"),
                metres=session.get("total_distance"),
            )
        )
    return runs


def _safe_xml(data: bytes, what: str):
    """Parsed without entity expansion or external references (defusedxml)."""
    try:
        return ElementTree.fromstring(data)
    except Exception:
        raise Refused(f"This {what} file could not be read: please export it again.") from None


def read_gpx(data: bytes, *, today: datetime.date) -> list[ParsedRun]:
    _safe_xml(data, "GPX")
    try:
        gpx = gpxpy.parse(data.decode("utf-8", errors="replace"))
    except gpxpy.gpx.GPXException:
        raise Refused("This GPX file could not be read: please export it again.") from None
    runs = []
    for track in gpx.tracks:
        bounds = track.get_time_bounds()
        if bounds.start_time is None:
            raise Refused("This GPX file has no times: Flamingo needs the day of the run.")
        runs.append(
            _activity(
                start=bounds.start_time,
                today=today,
                title=track.name or gpx.name or "",
                sport=track.type or "running",
                seconds=track.get_duration(),
                metres=track.length_3d() or track.length_2d(),
                description=track.description or "",
            )
        )
    if not runs:
        raise Refused("This GPX file holds no track.")
    return runs


TCX = "{http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2}"


def _number(element, name: str) -> float:
    found = element.find(TCX + name)
    try:
        return float(found.text) if found is not None and found.text else 0.0
    except ValueError:
        return 0.0


def read_tcx(data: bytes, *, today: datetime.date) -> list[ParsedRun]:
    root = _safe_xml(data, "TCX")
    runs = []
    for activity in root.iter(TCX + "Activity"):
        start_text = (activity.findtext(TCX + "Id") or "").strip()
        try:
            start = datetime.datetime.fromisoformat(start_text)
        except ValueError:
            raise Refused("This TCX file's activity has no start time.") from None
        laps = activity.findall(TCX + "Lap")
        sport = activity.get("Sport", "Running")
        runs.append(
            _activity(
                start=start,
                today=today,
                title=(activity.findtext(TCX + "Notes") or "").strip()[:80] or sport,
                sport=sport,
                seconds=sum(_number(lap, "TotalTimeSeconds") for lap in laps),
                metres=sum(_number(lap, "DistanceMeters") for lap in laps),
            )
        )
    if not runs:
        raise Refused("This TCX file holds no activity.")
    return runs


# The columns of a Strava bulk export's activities.csv that Flamingo reads
# (the file repeats some names later, in other units: the first one counts).
STRAVA = ("Activity Date", "Activity Name", "Activity Type", "Elapsed Time", "Distance")


def _strava_date(text: str) -> datetime.datetime:
    for pattern in ("%b %d, %Y, %I:%M:%S %p", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.datetime.strptime(text.strip(), pattern)
        except ValueError:
            pass
    raise Refused(f"“{text[:40]}” is not a date Flamingo can read in activities.csv.")


def _float(text: str) -> float | None:
    try:
        return float(text.replace(",", "")) if text and text.strip() else None
    except ValueError:
        return None


def read_strava_csv(data: bytes, *, today: datetime.date) -> list[ParsedRun]:
    try:
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    except (UnicodeDecodeError, csv.Error):
        raise Refused("This CSV file could not be read: upload Strava's activities.csv.") from None
    header = rows[0] if rows else []
    if not all(column in header for column in STRAVA):
        raise Refused(
            "This CSV is not Strava's activities.csv: it needs the columns "
            + ", ".join(STRAVA)
            + "."
        )
    at = {
        column: header.index(column)
        for column in (*STRAVA, "Activity Description")
        if column in header
    }
    runs = []
    for row in rows[1:]:
        if len(row) <= max(at[c] for c in STRAVA):
            continue  # a short or blank line
        kilometres = _float(row[at["Distance"]])
        runs.append(
            _activity(
                start=_strava_date(row[at["Activity Date"]]),
                today=today,
                title=row[at["Activity Name"]].strip(),
                sport=row[at["Activity Type"]].strip() or "Run",
                seconds=_float(row[at["Elapsed Time"]]),
                metres=kilometres * 1000 if kilometres else None,
                description=row[at["Activity Description"]].strip()
                if "Activity Description" in at and len(row) > at["Activity Description"]
                else "",
            )
        )
    if not runs:
        raise Refused("This activities.csv holds no activities.")
    return runs
