"""Logging filters (settings LOGGING)."""

import logging


class ForbiddenWithoutTraceback(logging.Filter):
    """A 403 is a refusal working as designed, not a fault: log its one line
    ("Forbidden (Permission denied): /path") without the PermissionDenied
    traceback, which filled the log on every refused request."""

    def filter(self, record):
        if getattr(record, "status_code", None) == 403:
            record.exc_info = record.exc_text = None
        return True
