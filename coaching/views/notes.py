"""Notes both ways: the athlete's from the week page, the coach's thread page
(read, reply), and editing one's own note. Scoped: another athlete's or
coach's note or athlete is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from athletes.models import Athlete
from coaching.models import TrainingSession
from coaching.note_forms import NoteForm
from coaching.notes import Note
from coaching.services import notes as services
from coaching.site.http import HtmxHttpRequest

THREAD_LENGTH = 100  # the newest notes the coach's page shows


def _week_url(note: Note) -> str:
    return reverse("coaching:week_of", args=[note.week.isoformat()]) + "#notes"


@require_POST
@permission_required("athletes.log_training", raise_exception=True)
def note_add(request: HtmxHttpRequest):
    athlete = get_object_or_404(Athlete.objects.for_athlete(request.user))
    form = NoteForm(request.POST)
    if form.is_valid():
        about = form.cleaned_data["about"]
        session = (
            TrainingSession.objects.for_athlete(request.user)
            .filter(pk=int(about) if about.isdigit() else None)
            .first()
        )
        try:
            note = services.leave_note(
                athlete=athlete, by=request.user, text=form.cleaned_data["text"],
                session=session, week=form.cleaned_data["week"] or timezone.localdate(),
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Sent to your coach.")
            return redirect(_week_url(note))
    context = {"form": form, "back": reverse("coaching:week")}
    return render(request, "coaching/note_form.html", context)


def _thread_context(athlete: Athlete, form=None) -> dict:
    notes = list(Note.objects.filter(athlete=athlete).thread().reverse()[:THREAD_LENGTH])[::-1]
    last_from_athlete = next((n for n in reversed(notes) if not n.by_coach), None)
    return {
        "athlete": athlete,
        "notes": notes,
        "unread": sum(n.is_unread for n in notes),
        "form": form or NoteForm(),
        "replying_to": last_from_athlete,
    }


@require_http_methods(["GET", "POST"])
@permission_required("athletes.coach_athletes", raise_exception=True)
def athlete_notes(request: HtmxHttpRequest, pk: int):
    """The coach's thread with one athlete; POST: a reply (which reads the thread)."""
    athlete = get_object_or_404(Athlete.objects.for_coach(request.user).active(), pk=pk)
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        to = Note.objects.filter(athlete=athlete, pk=_int(request.POST.get("to"))).first()
        try:
            services.reply(athlete=athlete, by=request.user, text=form.cleaned_data["text"], to=to)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Reply sent to {athlete.name}.")
            return redirect("coaching:athlete_notes", pk=athlete.pk)
    return render(request, "coaching/athlete_notes.html", _thread_context(athlete, form))


@require_POST
@permission_required("athletes.coach_athletes", raise_exception=True)
def notes_read(request: HtmxHttpRequest, pk: int):
    athlete = get_object_or_404(Athlete.objects.for_coach(request.user).active(), pk=pk)
    count = services.mark_read(athlete=athlete, by=request.user)
    messages.success(request, f"Marked {count} note{'s' if count != 1 else ''} as read.")
    return redirect("coaching:athlete_notes", pk=athlete.pk)


@require_http_methods(["GET", "POST"])
def note_edit(request: HtmxHttpRequest, pk: int):
    """The author's own note only; the text it replaces is kept."""
    note = get_object_or_404(Note.objects.select_related("athlete"), pk=pk, author=request.user)
    back = (
        reverse("coaching:athlete_notes", args=[note.athlete_id]) if note.by_coach
        else _week_url(note)
    )  # fmt: skip
    form = NoteForm(request.POST or None, initial={"text": note.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_note(note=note, by=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Note saved. The earlier text is kept with it.")
            return redirect(back)
    return render(request, "coaching/note_form.html", {"form": form, "back": back, "note": note})


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
