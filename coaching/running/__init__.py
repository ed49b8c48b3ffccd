"""The athlete's running (issue 14): runs imported from plan calendars and
activity files (parsers), what kind of run each is (classify), and where the
strength sessions go around them (placement). classify and placement are pure:
no ORM, no request; the writes are in coaching/services/running.py."""
