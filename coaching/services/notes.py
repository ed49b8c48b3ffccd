"""Notes both ways (coaching/notes.py): the athlete leaves one, the coach
replies and marks them read, either edits their own (the old text is kept).

Each takes the athlete row first (the lock order: coaching/services/__init__.py).
The same note sent twice (a double tap, a retry) is written once."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from athletes.models import Athlete
from coaching.models import TrainingSession
from coaching.notes import UNREAD, Note, NoteRevision
from coaching.services.sessions import monday_of

MAX_LENGTH = 2000


def _text(text: str) -> str:
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Write something first: the note is empty."})
    if len(text) > MAX_LENGTH:
        raise ValidationError({"text": f"Keep it under {MAX_LENGTH} characters."})
    return text


def _write(athlete: Athlete, by, text: str, session: TrainingSession | None, week) -> Note:
    if session is not None and session.athlete_id != athlete.pk:
        raise ValidationError({"session": "Choose one of this athlete's sessions."})
    week = monday_of(session.date if session is not None else week)
    last = Note.objects.filter(athlete=athlete, author=by).order_by("-created_at", "-pk").first()
    same = (text, session.pk if session is not None else None, week)
    if last is not None and (last.text, last.session_id, last.week) == same:
        return last  # sent twice: one note
    return Note.objects.create(athlete=athlete, author=by, session=session, week=week, text=text)


@transaction.atomic
def leave_note(
    *, athlete: Athlete, by, text: str, session: TrainingSession | None = None,
    week: datetime.date | None = None,
) -> Note:  # fmt: skip
    """The athlete's note for the coach, on a session or on the week."""
    text = _text(text)
    athlete = Athlete.objects.lock_for_write(athlete.pk)
    if athlete.user_id != by.pk:
        raise PermissionDenied("Only the athlete leaves their own notes.")
    return _write(athlete, by, text, session, week or timezone.localdate())


@transaction.atomic
def reply(*, athlete: Athlete, by, text: str, to: Note | None = None) -> Note:
    """The coach's answer, on the note it answers (its session or week), or
    on this week. Replying reads what the athlete wrote."""
    text = _text(text)
    athlete = Athlete.objects.lock_for_write(athlete.pk)
    if athlete.coach_id != by.pk:
        raise PermissionDenied("Only the athlete's coach can reply.")
    if to is not None and to.athlete_id != athlete.pk:
        raise ValidationError({"text": "That note belongs to another athlete."})
    session, week = (to.session, to.week) if to is not None else (None, timezone.localdate())
    note = _write(athlete, by, text, session, week)
    _read(athlete)
    return note


def _read(athlete: Athlete) -> int:
    return Note.objects.filter(athlete=athlete).filter(UNREAD).update(read_at=timezone.now())


@transaction.atomic
def mark_read(*, athlete: Athlete, by) -> int:
    athlete = Athlete.objects.lock_for_write(athlete.pk)
    if athlete.coach_id != by.pk:
        raise PermissionDenied("Only the athlete's coach reads their notes.")
    return _read(athlete)


@transaction.atomic
def edit_note(*, note: Note, by, text: str) -> Note:
    """The author changes their note; the text it had is kept as a revision.
    The same text again changes nothing."""
    text = _text(text)
    Athlete.objects.lock_for_write(note.athlete_id)
    note = Note.objects.select_for_update().get(pk=note.pk)
    if note.author_id != by.pk:
        raise PermissionDenied("Only the author edits a note.")
    if note.text == text:
        return note
    NoteRevision.objects.create(note=note, text=note.text)
    note.text, note.edited_at = text, timezone.now()
    note.save(update_fields=["text", "edited_at"])
    return note
