"""Small running files made in the tests: iCalendar plans, a FIT activity
made with Garmin's own encoder, GPX, TCX and a Strava activities.csv."""

import datetime

from garmin_fit_sdk import Encoder, Profile

MADRID = """BEGIN:VTIMEZONE
TZID:Europe/Madrid
BEGIN:STANDARD
DTSTART:19701025T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:19700329T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
END:VTIMEZONE"""

# A zone no library knows by name: only its VTIMEZONE says it is UTC-5.
COACH_ZONE = """BEGIN:VTIMEZONE
TZID:Coach Standard Time
BEGIN:STANDARD
DTSTART:19700101T000000
TZOFFSETFROM:-0500
TZOFFSETTO:-0500
END:STANDARD
END:VTIMEZONE"""


def event(uid: str, start: str, summary: str, *extra: str) -> str:
    """start: "20260310" (all day), "20260310T183000Z", or "TZID=...:20260310T183000"."""
    if start.startswith("TZID="):
        dtstart = f"DTSTART;{start}"
    elif "T" in start:
        dtstart = f"DTSTART:{start}"
    else:
        dtstart = f"DTSTART;VALUE=DATE:{start}"
    lines = ["BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20260301T000000Z", dtstart,
             f"SUMMARY:{summary}", *extra, "END:VEVENT"]  # fmt: skip
    return "\n".join(lines)


def calendar(*parts: str) -> bytes:
    body = "\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Flamingo tests//EN",
                      *parts, "END:VCALENDAR"])  # fmt: skip
    return body.replace("\n", "\r\n").encode()


# A four-week plan in Spanish: weekly series on Tuesday evening (Madrid time)
# with the second week cancelled and the third moved to Wednesday, a long run
# on Sunday (all day), and one event in another zone.
SPANISH_PLAN = calendar(
    MADRID,
    COACH_ZONE,
    event("series@plan", "TZID=Europe/Madrid:20260310T190000", "Series 6 x 800 m",
          "DURATION:PT1H", "RRULE:FREQ=WEEKLY;COUNT=4",
          "EXDATE;TZID=Europe/Madrid:20260317T190000"),
    event("series@plan", "TZID=Europe/Madrid:20260325T190000", "Series 6 x 800 m (moved)",
          "RECURRENCE-ID;TZID=Europe/Madrid:20260324T190000", "DURATION:PT1H"),
    event("larga-1@plan", "20260315", "Tirada larga 22 km", "DESCRIPTION:Ritmo suave"),
    event("rodaje@plan", "TZID=Coach Standard Time:20260312T200000", "Rodaje suave",
          "DTEND;TZID=Coach Standard Time:20260312T204500"),
)  # fmt: skip


def fit_activity(
    start: datetime.datetime, *, seconds: float = 3600, metres: float = 12000, sport="running"
) -> bytes:
    """A FIT activity file with one session, from the SDK's encoder."""
    numbers = Profile["mesg_num"]
    encoder = Encoder()
    encoder.write_mesg({"mesg_num": numbers["FILE_ID"], "type": "activity",
                        "manufacturer": "development", "product": 1, "time_created": start,
                        "serial_number": 1})  # fmt: skip
    encoder.write_mesg({"mesg_num": numbers["SESSION"], "start_time": start,
                        "timestamp": start + datetime.timedelta(seconds=seconds), "sport": sport,
                        "total_elapsed_time": seconds, "total_timer_time": seconds,
                        "total_distance": metres})  # fmt: skip
    return encoder.close()


def gpx(name="Morning Run", start="2026-03-08T07:30:00Z", end="2026-03-08T08:20:00Z") -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="tests" xmlns="http://www.topografix.com/GPX/1/1">
 <trk><name>{name}</name><type>running</type><trkseg>
  <trkpt lat="39.4699" lon="-0.3763"><ele>10</ele><time>{start}</time><hr>150</hr></trkpt>
  <trkpt lat="39.4799" lon="-0.3763"><ele>12</ele><time>{end}</time></trkpt>
 </trkseg></trk>
</gpx>""".encode()


def tcx(start="2026-03-09T18:00:00Z", sport="Running", notes="Tempo 3 x 10 min") -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
 <Activities><Activity Sport="{sport}"><Id>{start}</Id>
  <Lap StartTime="{start}"><TotalTimeSeconds>1800</TotalTimeSeconds>
   <DistanceMeters>6000</DistanceMeters></Lap>
  <Lap StartTime="{start}"><TotalTimeSeconds>1200</TotalTimeSeconds>
   <DistanceMeters>4000</DistanceMeters></Lap>
  <Notes>{notes}</Notes></Activity></Activities>
</TrainingCenterDatabase>""".encode()


STRAVA_HEADER = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,"
    "Elapsed Time,Distance,Max Heart Rate,Relative Effort,Commute,Elapsed Time,Distance"
)


def strava_csv(*rows: str) -> bytes:
    return "\n".join([STRAVA_HEADER, *rows]).encode()


STRAVA = strava_csv(
    '101,"Mar 1, 2026, 8:00:00 AM",Long run,Run,Easy pace,6300,18.2,160,80,false,6300.0,18200.0',
    '102,"Mar 3, 2026, 5:30:00 PM",Evening Ride,Ride,,3600,30.5,140,40,false,3600.0,30500.0',
)
