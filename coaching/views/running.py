"""The running plan's pages: the athlete uploads a plan file (on the phone),
the coach uploads for an athlete, reclassifies a run, marks the goal race and
switches placement rules off. Plain forms that redirect back (no JavaScript
needed); a refused file comes back with the reason beside the field."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from athletes.models import Athlete, AthleteArchived
from athletes.versions import athlete_version
from coaching.models import Run, RunningPlan
from coaching.running.forms import RunFileForm, RunKindForm, RunRulesForm
from coaching.running.week import coach_running
from coaching.services import running as service
from coaching.site import page_cache
from coaching.site.http import HtmxHttpRequest, render_page

UPLOAD = "coaching/running_upload.html"
RUNNING = "coaching/training_running.html"
RUNNING_PAGE = "coaching/athlete_running.html"
ARCHIVED = "This athlete is archived: their history is read-only."


def _upload(request, athlete: Athlete, done_url: str):
    today = timezone.localdate()
    bound = (request.POST, request.FILES) if request.method == "POST" else ()
    form = RunFileForm(*bound, today=today)
    if request.method == "POST" and form.is_valid():
        try:
            result = service.import_runs(
                athlete=athlete, runs=form.cleaned_data["runs"], today=today
            )
        except AthleteArchived:
            form.add_error("file", ARCHIVED)
        else:
            messages.success(request, result.message)
            return redirect(done_url)
    # Errors come back as a 200 page, as every form of the app does.
    context = {"form": form, "athlete": athlete, "back_url": done_url}
    return render(request, UPLOAD, context)


@require_http_methods(["GET", "POST"])
@permission_required("athletes.log_training", raise_exception=True)
def my_running_upload(request):
    athlete = getattr(request.user, "athlete", None)
    if athlete is None:
        raise Http404("No athlete record.")
    return _upload(request, athlete, done_url=reverse("coaching:week"))


def _coach_athlete(request, pk: int) -> Athlete:
    return get_object_or_404(Athlete.objects.for_coach(request.user).active(), pk=pk)


def _training(athlete_pk: int):
    return redirect("coaching:athlete_training", pk=athlete_pk)


@require_GET
@permission_required("athletes.coach_athletes", raise_exception=True)
def athlete_running(request: HtmxHttpRequest, pk: int):
    """The running part of the coach's training page, loaded by it (htmx) or,
    without JavaScript, as a page of its own: rendered once per version of the
    athlete's data and day, then cached, like the page's other sections."""
    athlete = get_object_or_404(Athlete.objects.for_coach(request.user), pk=pk)
    today = timezone.localdate()
    running_html = page_cache.cached_render(
        request,
        f"training-running:{athlete_version(athlete, today)}",
        RUNNING,
        lambda: {"athlete": athlete, "running": coach_running(athlete=athlete, today=today)},
    )
    context = {"athlete": athlete, "running_html": running_html}
    return render_page(request, RUNNING_PAGE, context, fragment="running_html")


@require_http_methods(["GET", "POST"])
@permission_required("athletes.coach_athletes", raise_exception=True)
def athlete_running_upload(request, pk: int):
    athlete = _coach_athlete(request, pk)
    return _upload(request, athlete, reverse("coaching:athlete_training", args=[athlete.pk]))


@require_POST
@permission_required("athletes.coach_athletes", raise_exception=True)
def run_kind(request, pk: int):
    run = get_object_or_404(Run.objects.for_coach(request.user).current(), pk=pk)
    form = RunKindForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose one of the kinds listed.")
        return _training(run.athlete_id)
    try:
        run = service.classify_run(run=run, **form.cleaned_data)
    except AthleteArchived:
        messages.error(request, ARCHIVED)
        return _training(run.athlete_id)
    goal = " It is the goal race: the taper applies." if run.is_goal_race else ""
    messages.success(request, f"{run.title} ({run.date:%a %d %b}): {run.get_kind_display()}.{goal}")
    return _training(run.athlete_id)


@require_POST
@permission_required("athletes.coach_athletes", raise_exception=True)
def running_rules(request, pk: int):
    """The placement rules and the calendar link; a link is read at once
    (after the rules are saved: no lock waits on the network)."""
    athlete = _coach_athlete(request, pk)
    form = RunRulesForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return _training(athlete.pk)
    try:
        service.set_rules(athlete=athlete, by=request.user, **form.cleaned_data)
    except AthleteArchived:
        messages.error(request, ARCHIVED)
        return _training(athlete.pk)
    messages.success(request, "Placement rules saved: coming sessions follow them.")
    if form.cleaned_data["calendar_url"]:
        service.read_calendar_link(athlete=athlete)
        status = RunningPlan.objects.get(athlete=athlete).calendar_status
        messages.info(request, f"Calendar link: {status}")
    return _training(athlete.pk)
