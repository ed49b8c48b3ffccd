"""The athlete's week on the phone: sessions, cues, check-off.

Everything is scoped to the signed-in athlete (`for_athlete(request.user)`,
entries through `session__athlete__user`): another athlete's entry is a 404.
Check-off answers htmx with the entry fragment (swapped in place) and plain
form posts with a redirect back to the week, so it works without JavaScript.
An entry's "Log details" form is not in the card: htmx loads it (GET on the
log URL) when the details are opened; without JavaScript the same GET is a
page with that card and its form open."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from athletes.models import AthleteArchived
from athletes.versions import athlete_version
from coaching.athlete_week import (
    WeekDates,
    athlete_week,
    entry_with_session,
    own_entry,
    session_card,
)
from coaching.models import SessionEntry, TrainingSession
from coaching.notes import Note
from coaching.services import sessions as service
from coaching.site import page_cache
from coaching.site.http import HtmxHttpRequest, render_page, wants_fragment
from coaching.views.offline import REFUSED, once_per_key
from coaching.week_forms import EffortForm, MorningForm, ResultForm

TEMPLATE = "coaching/week.html"
FRAGMENT = TEMPLATE + "#week"  # the sessions: the part that is cached
LOG_PAGE = "coaching/entry_log.html"  # one card with its form open, without JavaScript
CLOSED = "This day can't be changed any more: only this week, up to today, can be logged."
CLOSED_SESSION = "Check off an exercise of this day first; past weeks can't be changed."
CLOSED_MORNING = "That was asked the morning after the session: it can't be answered any more."
MORNING_PAGE = "coaching/next_morning.html"  # the question on a page of its own


def _parse_day(day: str | None, today: datetime.date) -> datetime.date:
    """A 404 outside the weeks there are to open (WeekDates.exists), which the
    page never links to."""
    if day is None:
        return today
    try:
        parsed = datetime.date.fromisoformat(day)
    except ValueError:
        raise Http404("No such week.") from None
    if not WeekDates.holding(parsed, today).exists:
        raise Http404("No such week.")
    return parsed


@require_GET
@permission_required("athletes.log_training", raise_exception=True)
def week(request: HtmxHttpRequest, day: str | None = None):
    today = timezone.localdate()
    dates = WeekDates.holding(_parse_day(day, today), today)
    # Loaded with the user (athletes/auth.py). A superuser holds every
    # permission but may have no athlete record: theirs is a 404, as elsewhere.
    athlete = getattr(request.user, "athlete", None)
    if athlete is None:
        raise Http404("No athlete record.")
    week_html = page_cache.cached_render(
        request,
        f"week:{athlete_version(athlete, today)}:{dates.monday}",
        FRAGMENT,
        lambda: {
            "week": athlete_week(user=request.user, athlete=athlete, day=dates.monday, today=today),
            "notes": Note.objects.filter(athlete=athlete, week=dates.monday).thread(),
        },
    )
    context = {"week": dates, "week_html": week_html}
    return render_page(request, TEMPLATE, context, fragment="week_html")


def _week_url(entry: SessionEntry) -> str:
    return reverse("coaching:week_of", args=[entry.session.date.isoformat()]) + f"#entry-{entry.pk}"


def _entry_response(
    request, *, pk: int, message: str = "", form=None, autofocus=True, closed=False
):
    """htmx: the entry, swapped in place (its session's status out of band).
    Otherwise back to the week, where the message is shown."""
    today = timezone.localdate()
    # Without the start leg (a query): the check-off answers in at most 10
    # queries. The target comes in the entries' query, for this card and, out
    # of band, the assignment's other cards of the week.
    card, session = entry_with_session(
        user=request.user, pk=pk, today=today, form=form, coaching=False, target=True
    )
    if wants_fragment(request):
        context = {"card": card, "session": session, "message": message, "oob": True}
        context |= {"autofocus": autofocus, "closed": closed}
        return render_page(request, TEMPLATE + "#entry", context)
    if form is not None:  # errors: the whole week again, this form open with them
        week_ = athlete_week(
            user=request.user,
            athlete=card.session.athlete,
            day=card.session.date,
            today=today,
            forms={pk: form},
        )
        week_html = render_to_string(FRAGMENT, {"week": week_}, request)
        return render_page(request, TEMPLATE, {"week": week_, "week_html": week_html}, status=400)
    if message:
        (messages.info if closed else messages.success)(request, message)
    return redirect(_week_url(card.entry))


def _scoped_entry(request, pk: int) -> SessionEntry:
    entry = own_entry(request.user, pk)
    if entry is None:
        raise Http404("No such entry of yours.")
    return entry


def _refused(request, pk: int, refused: Exception | None = None):
    """The entry as it is, with why it did not change: a closed day (the
    default) or an archived athlete (read-only history)."""
    message = refused.message if isinstance(refused, AthleteArchived) else CLOSED
    response = _entry_response(request, pk=pk, message=message, autofocus=False, closed=True)
    response[REFUSED] = "closed"  # a replay from the phone shows why (static/js/offline.js)
    return response


def _as_it_is(request, pk: int):
    """The answer to an offline action sent again: the entry, unchanged."""
    return _entry_response(request, pk=pk, message="Already saved.", autofocus=False)


@require_POST
@permission_required("athletes.log_training", raise_exception=True)
@once_per_key(_as_it_is)
def entry_done(request: HtmxHttpRequest, pk: int):
    entry = _scoped_entry(request, pk)
    try:
        service.check_off_as_prescribed(entry=entry)
    except (service.CheckOffClosed, AthleteArchived) as refused:
        return _refused(request, pk, refused)
    return _entry_response(request, pk=pk, message="Done as prescribed. Nice work!")


def _log_form(request, pk: int):
    """The entry's form: the fragment for htmx (swapped into the opened
    details), else a page with the card and its form open. A closed day is
    the card with why (htmx: in place of the card) or the week with it."""
    today = timezone.localdate()
    try:
        card, session = entry_with_session(user=request.user, pk=pk, today=today, coaching=False)
    except SessionEntry.DoesNotExist:
        raise Http404("No such entry.") from None
    if not card.can_check_off:
        response = _refused(request, pk)
        if wants_fragment(request):
            reswap(retarget(response, f"#{card.dom_id}"), "outerHTML")
        return response
    card.form = ResultForm(entry=card.entry)
    context = {"card": card, "session": session, "week_url": _week_url(card.entry)}
    if wants_fragment(request):
        return render_page(request, TEMPLATE + "#log_form", context)
    return render_page(request, LOG_PAGE, context)


@require_http_methods(["GET", "POST"])
@permission_required("athletes.log_training", raise_exception=True)
@once_per_key(_as_it_is)
def entry_log(request: HtmxHttpRequest, pk: int):
    if request.method == "GET":
        return _log_form(request, pk)
    entry = _scoped_entry(request, pk)
    if not service.is_open_for_check_off(day=entry.session.date):
        return _refused(request, pk)
    form = ResultForm(request.POST, entry=entry)
    if not form.is_valid():
        response = _entry_response(request, pk=pk, form=form, autofocus=False)
        response[REFUSED] = "invalid"
        return response
    data = form.cleaned_data
    try:
        service.record_result(
            entry=entry,
            reps_left=data["reps_left"],
            reps_right=data["reps_right"],
            load_kg=data["load_kg"],
            pain=data["pain"],
            pain_side=data["pain_side"],
            form_note=data["form_note"],
        )
    except (service.CheckOffClosed, AthleteArchived) as refused:
        return _refused(request, pk, refused)
    return _entry_response(request, pk=pk, message="Logged. Thanks for the detail!")


@require_POST
@permission_required("athletes.log_training", raise_exception=True)
@once_per_key(_as_it_is)
def entry_undo(request: HtmxHttpRequest, pk: int):
    entry = _scoped_entry(request, pk)
    try:
        service.undo_check_off(entry=entry)
    except (service.CheckOffClosed, AthleteArchived) as refused:
        return _refused(request, pk, refused)
    return _entry_response(request, pk=pk, message="Undone: back to planned.")


# -- Once per session: the effort (RPE) and the next morning's pain -------------------


def _scoped_session(request, pk: int) -> TrainingSession:
    return get_object_or_404(TrainingSession.objects.for_athlete(request.user), pk=pk)


def _session_card(request, session: TrainingSession):
    try:
        return session_card(user=request.user, pk=session.pk, today=timezone.localdate())
    except SessionEntry.DoesNotExist:  # a session emptied by an ended assignment
        raise Http404("No such session.") from None


def _session_response(request, session: TrainingSession, message: str, *, status: int = 200):
    """htmx: the session card, swapped in place. Otherwise back to the week."""
    if wants_fragment(request):
        context = {"session": _session_card(request, session), "session_message": message}
        return render_page(request, TEMPLATE + "#session", context, status=status)
    (messages.success if status == 200 else messages.info)(request, message)
    url = reverse("coaching:week_of", args=[session.date.isoformat()])
    return redirect(url + f"#session-{session.pk}")


@require_POST
@permission_required("athletes.log_training", raise_exception=True)
def session_effort(request: HtmxHttpRequest, pk: int):
    session = _scoped_session(request, pk)
    form = EffortForm(request.POST)
    if not form.is_valid():
        return _session_response(request, session, "Tap how hard it felt, 1 to 10.", status=400)
    try:
        service.record_effort(session=session, rpe=form.cleaned_data["rpe"])
    except (service.CheckOffClosed, service.NothingDone, AthleteArchived):
        return _session_response(request, session, CLOSED_SESSION, status=409)
    return _session_response(request, session, "Effort saved. Thanks!")


@require_http_methods(["GET", "POST"])
@permission_required("athletes.log_training", raise_exception=True)
def next_morning(request: HtmxHttpRequest, pk: int):
    """GET: a page asking "How does it feel this morning?" (what a reminder
    mail can link to); POST: the answer, 0-10 (services.sessions.record_next_morning_pain)."""
    session = _scoped_session(request, pk)
    if request.method == "GET":
        return render_page(request, MORNING_PAGE, {"session": _session_card(request, session)})
    form = MorningForm(request.POST)
    if not form.is_valid():
        return _session_response(request, session, "Tap a number from 0 to 10.", status=400)
    try:
        service.record_next_morning_pain(session=session, pain=form.cleaned_data["pain"])
    except (service.CheckOffClosed, service.NothingDone, AthleteArchived):
        return _session_response(request, session, CLOSED_MORNING, status=409)
    return _session_response(request, session, "Thanks: your coach sees how it feels.")
