"""Where a training session stands, for the athlete's week and the coach's
history alike: one rule, one set of labels (templates render `.label`)."""

import datetime

from django.db import models


class SessionState(models.TextChoices):
    # The values are also CSS class suffixes (session-done, status-today...).
    DONE = "done", "Done"
    PARTLY = "partly", "Partly done"
    # Neutral wording: a missed session is information, not a reproach.
    MISSED = "missed", "Missed"
    TO_DO = "today", "To do"
    PLANNED = "planned", "Planned"


def session_state(
    *, date: datetime.date, today: datetime.date, completed: bool, any_done: bool
) -> SessionState:
    """`completed`: every entry done; `any_done`: at least one. Today is not
    over, so a session of today is still to do until it is done."""
    if completed:
        return SessionState.DONE
    if date < today:
        return SessionState.PARTLY if any_done else SessionState.MISSED
    return SessionState.TO_DO if date == today else SessionState.PLANNED
