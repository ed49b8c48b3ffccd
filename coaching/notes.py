"""Notes both ways: the athlete leaves one for the coach, on a session or on
the week ("left calf tight after Sunday's long run"); the coach replies.
One thread per athlete, in order. Nothing is deleted: an edit keeps the text
it replaced (NoteRevision). Unread means an athlete's note the coach has not
read yet; who wrote a note is derived (the author is the athlete's coach or not)."""

from django.conf import settings
from django.db import models
from django.db.models import Count, F, OuterRef, Q
from django.utils import timezone

from athletes.models import Athlete
from athletes.querysets import AthleteScopedQuerySet
from coaching.site.touch import TouchingQuerySet

from .models import TrainingSession

# An athlete's note the coach has not read yet (from a query of notes).
UNREAD = Q(read_at__isnull=True) & ~Q(author=F("athlete__coach"))


def unread_count():
    """The count of an athlete's unread notes, as a subquery on a query of athletes."""
    return (
        Note.objects.filter(athlete=OuterRef("pk"))
        .filter(UNREAD)
        .order_by()
        .values("athlete")
        .annotate(n=Count("pk"))
        .values("n")
    )


class NoteQuerySet(AthleteScopedQuerySet):
    def unread(self):
        return self.filter(UNREAD)

    def thread(self):
        return (
            self.select_related("athlete", "author", "session")
            .prefetch_related("revisions")
            .order_by("created_at", "pk")
        )


class Note(models.Model):
    athlete = models.ForeignKey(Athlete, on_delete=models.PROTECT, related_name="thread")
    # SET_NULL: an athlete's login may be deleted; what they wrote stays (unsigned).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # On a session, or on the week only (session empty): `week` is its Monday.
    # SET_NULL: the planner may drop an emptied future session; the note stays on its week.
    session = models.ForeignKey(
        TrainingSession, null=True, blank=True, on_delete=models.SET_NULL, related_name="thread"
    )
    week = models.DateField()
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)  # by the coach

    touches = ("athlete",)
    objects = NoteQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["athlete", "created_at"])]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="note_not_empty"),
        ]

    def __str__(self):
        return f"{self.athlete} · {self.created_at:%d %b %Y}"

    @property
    def by_coach(self) -> bool:
        return self.author_id == self.athlete.coach_id

    @property
    def is_unread(self) -> bool:
        return not self.by_coach and self.read_at is None


class NoteRevision(models.Model):
    """The text an edit replaced, so the original is never lost."""

    note = models.ForeignKey(Note, on_delete=models.PROTECT, related_name="revisions")
    text = models.TextField()
    replaced_at = models.DateTimeField(default=timezone.now)

    touches = ("note__athlete",)
    objects = TouchingQuerySet.as_manager()

    class Meta:
        ordering = ["replaced_at", "pk"]

    def __str__(self):
        return f"{self.note} (before {self.replaced_at:%d %b %H:%M})"
