"""The coach's pages: dashboard, assigning, training history, level changes.

Every object comes through a queryset scoped to the signed-in coach, so another
coach's athlete, assignment or session is a 404; other roles get a 403."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from athletes.models import Athlete
from athletes.selectors import coached_athlete
from athletes.versions import athlete_version
from coaching import roster
from coaching.coach_forms import (
    AssignForm,
    EndForm,
    LevelChangeForm,
    PrescriptionForm,
    SessionCommentForm,
    assign_form_for,
    prescription_initial,
)
from coaching.dashboard import remember, roster_section
from coaching.models import Assignment, TrainingSession
from coaching.prescribing import extra_set_suggestion
from coaching.services import assignments as services
from coaching.site import page_cache
from coaching.site.http import HtmxHttpRequest, render_page, wants_fragment

HISTORY_PER_PAGE = 10


def _coach_athlete(request, pk: int) -> Athlete:
    athlete = coached_athlete(request.user, pk, active=True)
    if athlete is None:
        raise Http404("No such athlete among yours.")
    return athlete


# -- Dashboard ----------------------------------------------------------------


@require_GET
@permission_required("athletes.coach_athletes", raise_exception=True)
def dashboard(request: HtmxHttpRequest):
    query, section = roster_section(request)
    response = render_page(
        request, "coaching/dashboard.html", {"roster_html": section}, fragment="roster_html"
    )
    remember(request, response, query)
    return response


# -- Assigning ----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@permission_required("athletes.coach_athletes", raise_exception=True)
def assign(request: HtmxHttpRequest, pk: int):
    athlete = _coach_athlete(request, pk)
    if request.method == "GET":
        form = AssignForm(athlete=athlete, initial=prescription_initial(None, None))
    elif "choose_exercise" in request.POST or "choose_level" in request.POST:
        # Without JavaScript: "Show levels" / "Use this level's defaults"
        # re-render the form for the choice, keeping the schedule typed so far.
        level = request.POST.get("level") if "choose_level" in request.POST else None
        form = assign_form_for(athlete, request.POST.get("exercise"), level, keep=request.POST)
    else:
        form = AssignForm(request.POST, athlete=athlete)
        if form.is_valid():
            try:
                assignment = services.assign_exercise(
                    athlete=athlete, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    f"Assigned {assignment.exercise.name}, level {assignment.level.order} "
                    f"({assignment.level.name}) to {athlete.name}. Sessions are planned.",
                )
                return redirect("coaching:athlete_training", pk=athlete.pk)
    return render(request, "coaching/assign.html", {"athlete": athlete, "form": form})


@require_GET
@permission_required("athletes.coach_athletes", raise_exception=True)
def assign_options(request: HtmxHttpRequest, pk: int, part: str):
    """HTMX: the level choice and prescription for the chosen exercise
    (part "levels"), or only the prescription for the chosen level."""
    athlete = _coach_athlete(request, pk)
    form = assign_form_for(athlete, request.GET.get("exercise"), request.GET.get("level"))
    context = {"athlete": athlete, "form": form}
    return render_page(request, "coaching/assign.html", context, fragment=part)


# -- Athlete training page ------------------------------------------------------


TRAINING = "coaching/athlete_training.html"


@require_GET
@permission_required("athletes.coach_athletes", raise_exception=True)
def athlete_training(request: HtmxHttpRequest, pk: int):
    """The exercises with their readiness, and a page of session history: each
    rendered once per version of the athlete's data (and page), then cached
    (coaching/site/page_cache.py). Paging with htmx renders only the history."""
    athlete = roster.training_athlete(request.user, pk, timezone.localdate())
    if athlete is None:
        raise Http404("No such athlete among yours.")
    version = athlete_version(athlete, timezone.localdate())
    number = roster.history_page_number(athlete, request.GET.get("page"), HISTORY_PER_PAGE)
    context = {
        "athlete": athlete,
        "history_html": page_cache.cached_render(
            request,
            f"training-history:{version}:{number}",
            TRAINING + "#history",
            lambda: {
                "athlete": athlete,
                "history": roster.history_page(athlete, number, HISTORY_PER_PAGE),
            },
        ),
    }
    if not wants_fragment(request):
        context["assignments_html"] = page_cache.cached_render(
            request,
            f"training-exercises:{version}",
            TRAINING + "#assignments",
            lambda: _exercises_context(athlete),
        )
    return render_page(request, TRAINING, context, fragment="history_html")


def _exercises_context(athlete: Athlete) -> dict:
    return {
        "athlete": athlete,
        "overview": roster.training_overview(athlete),
        "extra_set": extra_set_suggestion(athlete),
    }


def _card(request, assignment: Assignment, *, form=None, prescription_form=None, notice: str = ""):
    """The assignment card after a change: fragment for htmx, else back to the
    page. A prescription form with errors shows them beside its fields."""
    if not wants_fragment(request):
        if notice:
            messages.success(request, notice)
        for failed in (form, prescription_form):
            for error in failed.errors.values() if failed is not None else ():
                messages.error(request, " ".join(error))
        return redirect("coaching:athlete_training", pk=assignment.athlete_id)
    context = {
        "status": roster.status_of(assignment),
        "extra_set": extra_set_suggestion(assignment.athlete),
        "assignment": assignment,
        "athlete": assignment.athlete,
        "form": form,
        "prescription_form": prescription_form,
        "notice": notice,
    }
    return render_page(request, TRAINING, context, fragment="assignment-card")


@require_POST
@permission_required("athletes.coach_athletes", raise_exception=True)
def change_level(request: HtmxHttpRequest, pk: int):
    assignment = get_object_or_404(
        Assignment.objects.for_coach(request.user).select_related("athlete", "exercise", "level"),
        pk=pk,
    )
    form = LevelChangeForm(request.POST, exercise=assignment.exercise)
    if form.is_valid():
        try:
            change = services.change_level(
                assignment=assignment,
                to_level=form.cleaned_data["to_level"],
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            verb = change.get_direction_display()
            notice = (
                f"{verb} to level {change.to_level.order} ({change.to_level.name}). "
                "Future sessions now use the new prescription."
            )
            return _card(request, assignment, notice=notice)
    return _card(request, assignment, form=form)


@require_POST
@permission_required("athletes.coach_athletes", raise_exception=True)
def change_prescription(request: HtmxHttpRequest, pk: int):
    assignment = get_object_or_404(
        Assignment.objects.for_coach(request.user).select_related("athlete", "exercise", "level"),
        pk=pk,
    )
    form = PrescriptionForm(request.POST, assignment=assignment)
    if form.is_valid():
        try:
            services.change_prescription(
                assignment=assignment, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            notice = (
                "Prescription changed. Future sessions now use it; past ones stay as they were."
            )
            return _card(request, assignment, notice=notice)
    return _card(request, assignment, prescription_form=form)


@require_POST
@permission_required("athletes.coach_athletes", raise_exception=True)
def end_assignment(request: HtmxHttpRequest, pk: int):
    assignment = get_object_or_404(
        Assignment.objects.for_coach(request.user).select_related("athlete", "exercise"), pk=pk
    )
    form = EndForm(request.POST)
    if not form.is_valid():
        return _card(request, assignment, form=form)
    try:
        services.end_assignment(
            assignment=assignment, by=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:  # an archived athlete: read-only history
        return _card(request, assignment, notice=" ".join(error.messages))
    notice = f"Ended {assignment.exercise.name}. Its history is kept; coming sessions are removed."
    return _card(request, assignment, notice=notice)


@require_POST
@permission_required("athletes.coach_athletes", raise_exception=True)
def session_comment(request: HtmxHttpRequest, pk: int):
    session = get_object_or_404(
        TrainingSession.objects.for_coach(request.user).select_related("athlete"), pk=pk
    )
    form = SessionCommentForm(request.POST)
    had_comment = bool(session.coach_comment)  # an empty save removes only what was there
    if form.is_valid():
        try:
            services.comment_on_session(
                session=session, by=request.user, text=form.cleaned_data["comment"]
            )
        except ValidationError as error:  # an archived athlete: read-only history
            form.add_error("comment", error)
    if form.is_valid():
        if not wants_fragment(request):
            day = f"{session.date:%a %d %b}"
            if session.coach_comment:
                messages.success(request, f"Comment saved for {day}.")
            elif had_comment:
                messages.success(request, f"Comment removed for {day}.")
            else:
                messages.info(request, "Nothing saved: the comment was empty.")
            return redirect("coaching:athlete_training", pk=session.athlete_id)
    elif not wants_fragment(request):
        return _training_with_comment_error(request, session, form)
    session.comment_form = form
    context = {
        "session": session,
        "athlete": session.athlete,
        "saved": form.is_valid(),
        "had_comment": had_comment,
    }
    return render_page(request, TRAINING, context, fragment="session-comment")


def _training_with_comment_error(request, session: TrainingSession, form):
    """Without JS: the page again, at the history page holding this session,
    with the error beside its comment form."""
    athlete = session.athlete
    newer = roster.session_history(athlete).filter(date__gt=session.date).count()
    history = roster.history_page(athlete, newer // HISTORY_PER_PAGE + 1, HISTORY_PER_PAGE)
    for shown in history:
        if shown.pk == session.pk:
            shown.comment_form = form
    context = {
        "athlete": athlete,
        "assignments_html": render_to_string(
            TRAINING + "#assignments", _exercises_context(athlete), request
        ),
        "history_html": render_to_string(
            TRAINING + "#history", {"athlete": athlete, "history": history}, request
        ),
    }
    return render(request, TRAINING, context)
