import csv

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required, permission_required
from django.db import IntegrityError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from coaching.site import page_cache
from coaching.site.http import HtmxHttpRequest, render_page, wants_fragment

from . import reports, services
from .forms import (
    AssessmentForm,
    AthleteForm,
    CorrectionForm,
    DeleteResultForm,
    InviteAcceptForm,
    WeightUnitForm,
)
from .groups import Group
from .models import (
    AssessmentTest,
    Athlete,
    AthleteArchived,
    AthleteInvite,
    StrengthAssessment,
    latest_body_mass,
    latest_invite,
    weight_unit_for,
)
from .selectors import assessment_overview, coached_athlete, roster_rows
from .versions import athlete_version

DETAIL = "athletes/athlete_detail.html"


def _coached(request, pk, *, latest=False):
    athlete = coached_athlete(request.user, pk, latest=latest)
    if athlete is None:
        raise Http404("No such athlete among yours.")
    return athlete


@require_GET
@permission_required("athletes.coach_athletes", raise_exception=True)
def roster(request: HtmxHttpRequest):
    # PostgreSQL text cannot hold NUL: a "\x00" in the search was a 500.
    query = request.GET.get("q", "").replace("\x00", "")[:100]
    athletes = Athlete.objects.for_coach(request.user)
    groups = list(Group.objects.for_coach(request.user).active())
    group = next((g for g in groups if str(g.pk) == request.GET.get("group")), None)
    shown = athletes.active().search(query)
    unit = weight_unit_for(request.user)
    context = {
        "rows": roster_rows(shown.filter(groups=group) if group else shown),
        "query": query,
        "groups": groups,
        "group": group,
        "archived_count": athletes.archived().count(),
        "unit_form": WeightUnitForm(initial={"weight_unit": unit}),
    }
    return render_page(request, "athletes/roster.html", context, fragment="results")


@require_GET
@permission_required("athletes.coach_athletes", raise_exception=True)
def archived(request: HtmxHttpRequest):
    athletes = Athlete.objects.for_coach(request.user).archived()
    return render(request, "athletes/archived.html", {"athletes": athletes})


@require_http_methods(["GET", "POST"])
@permission_required("athletes.coach_athletes", raise_exception=True)
def athlete_create(request: HtmxHttpRequest):
    form = AthleteForm(request.POST or None)
    if form.is_valid():
        athlete = services.create_athlete(coach=request.user, **form.cleaned_data)
        messages.success(request, f"{athlete.name} added. Create an invite so they can sign in.")
        return redirect(athlete)
    return render(request, "athletes/athlete_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@permission_required("athletes.coach_athletes", raise_exception=True)
def athlete_edit(request: HtmxHttpRequest, pk: int):
    athlete = _coached(request, pk)
    form = AthleteForm(request.POST or None, instance=athlete)
    if form.is_valid():
        try:
            services.update_athlete(athlete=athlete, by=request.user, **form.cleaned_data)
        except AthleteArchived as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Changes saved.")
            return redirect(athlete)
    return render(request, "athletes/athlete_form.html", {"form": form, "athlete": athlete})


def _detail_context(request, athlete, *, form=None, **extra):
    """What the athlete page shows. The charts and tables, and the empty record
    form, change only with the athlete's data: they come from the page cache
    (coaching/site/page_cache.py), and only when the template asks (a context
    callable), so a fragment response does not build them. A form with errors
    is rendered as it is."""
    version = athlete_version(athlete, timezone.localdate())

    def results_html():
        return page_cache.cached_render(
            request,
            f"athlete-results:{version}",
            DETAIL + "#results",
            lambda: {"athlete": athlete, "overview": assessment_overview(athlete)},
        )

    def record_form_html():
        return page_cache.cached_render(
            request,
            f"athlete-record-form:{version}",
            DETAIL + "#record_form",
            lambda: {"athlete": athlete, "form": AssessmentForm(athlete=athlete)},
        )

    return {
        "athlete": athlete,
        "form": form,
        "body_mass": latest_body_mass(athlete, request.user),
        "results_html": results_html,
        "record_form_html": record_form_html,  # shown when there is no `form`
        "invite": latest_invite(athlete),
        **extra,
    }


@require_GET
@permission_required("athletes.coach_athletes", raise_exception=True)
def athlete_detail(request: HtmxHttpRequest, pk: int):
    athlete = _coached(request, pk, latest=True)  # the body mass and invite in the same row
    context = _detail_context(request, athlete)
    return render_page(request, DETAIL, context, fragment="results_html")


@require_http_methods(["GET", "POST"])
@permission_required("athletes.coach_athletes", raise_exception=True)
def record_assessment(request: HtmxHttpRequest, pk: int):
    """GET: the form (the page without JavaScript). POST: save; htmx gets the
    fresh form plus the results section out of band."""
    athlete = get_object_or_404(Athlete.objects.for_coach(request.user).active(), pk=pk)
    form = AssessmentForm(request.POST or None, athlete=athlete, initial=request.GET.dict())
    saved = None
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.record_assessment(athlete=athlete, by=request.user, **form.result())
        except services.DuplicateAssessment:
            # Saved by a concurrent request since: the form now says so, as it
            # would have to a second save one after the other.
            form = AssessmentForm(request.POST, athlete=athlete)
            form.is_valid()
        except AthleteArchived as error:
            form.add_error(None, error)
    if saved is None:
        context = _detail_context(request, athlete, form=form)
        return render_page(request, DETAIL, context, fragment="record_form")
    if not wants_fragment(request):
        messages.success(request, f"{saved.test.name} saved: {saved.symmetry.sentence}.")
        return redirect(athlete)
    # A fresh form for the next test of the same session: keep its date.
    form = AssessmentForm(athlete=athlete, initial={"date": saved.date})
    overview = assessment_overview(athlete)
    context = _detail_context(request, athlete, form=form, saved=saved, oob=True, overview=overview)
    return render_page(request, "athletes/_assessment_saved.html", context)


@require_GET
@permission_required("athletes.coach_athletes", raise_exception=True)
def test_details(request: HtmxHttpRequest):
    """A test's instructions, unit and noise (htmx, when the record form's
    test changes): only this block is swapped, never what was typed."""
    test = AssessmentTest.objects.active().filter(pk=_int(request.GET.get("test"))).first()
    return render(request, DETAIL + "#test_details", {"test": test, "oob_units": True})


def _int(raw) -> int | None:
    return int(raw) if raw and str(raw).isdigit() and len(str(raw)) < 12 else None


def _coached_result(request, pk) -> StrengthAssessment:
    """A current result of an active athlete this coach coaches, else 404."""
    results = StrengthAssessment.objects.for_coach(request.user).current()
    return get_object_or_404(
        results.filter(athlete__archived_at=None).select_related("athlete", "test"), pk=pk
    )


STALE = (
    "This result was changed meanwhile (in another tab, or by someone else): "
    "nothing was saved. Here it is as it is now."
)


def _back_to(request, athlete):
    """After a change: the athlete's page, also for an htmx form (a full load)."""
    if wants_fragment(request):
        return HttpResponseClientRedirect(athlete.get_absolute_url())
    return redirect(athlete)


@require_http_methods(["GET", "POST"])
@permission_required("athletes.coach_athletes", raise_exception=True)
def correct_assessment(request: HtmxHttpRequest, pk: int):
    assessment = _coached_result(request, pk)
    form = CorrectionForm(request.POST or None, assessment=assessment)
    if request.method == "POST" and form.is_valid():
        try:
            fixed = services.correct_assessment(
                assessment=assessment,
                revision=form.cleaned_data["revision"],
                reason=form.cleaned_data["reason"],
                by=request.user,
                **form.leg_values(),
            )
        except services.StaleResult:
            messages.warning(request, STALE)
            return _back_to(request, assessment.athlete)
        except services.DuplicateAssessment:
            form.add_error("date", form.duplicate_error(assessment.test, form.cleaned_data["date"]))
        else:
            messages.success(request, f"{fixed.test.name} corrected: {fixed.symmetry.sentence}.")
            return _back_to(request, fixed.athlete)
    context = {"assessment": assessment, "athlete": assessment.athlete, "form": form}
    return render_page(request, "athletes/result_change.html", context, fragment="correct_form")


@require_http_methods(["GET", "POST"])
@permission_required("athletes.coach_athletes", raise_exception=True)
def delete_assessment(request: HtmxHttpRequest, pk: int):
    assessment = _coached_result(request, pk)
    form = DeleteResultForm(request.POST or None, initial={"revision": assessment.revision})
    if request.method == "POST" and form.is_valid():
        try:
            services.delete_assessment(
                assessment=assessment,
                revision=form.cleaned_data["revision"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except services.StaleResult:
            messages.warning(request, STALE)
        else:
            messages.success(
                request,
                f"{assessment.test.name} of {assessment.date:%d %b %Y} deleted. "
                "It stays listed under Deleted results.",
            )
        return _back_to(request, assessment.athlete)
    context = {"assessment": assessment, "athlete": assessment.athlete, "delete_form": form}
    return render_page(request, "athletes/result_change.html", context, fragment="delete_form")


@require_POST
@permission_required("athletes.coach_athletes", raise_exception=True)
def invite(request: HtmxHttpRequest, pk: int):
    athlete = get_object_or_404(Athlete.objects.for_coach(request.user).active(), pk=pk)
    if athlete.user_id:
        messages.info(request, f"{athlete.name} already has a login.")
        return redirect(athlete)
    issued = services.create_invite(
        athlete=athlete,
        by=request.user,
        link_for=lambda token: request.build_absolute_uri(
            reverse("athletes:accept_invite", args=[token])
        ),
    )
    context = _detail_context(request, athlete, issued=issued, invite=issued.invite)
    return render_page(request, DETAIL, context, fragment="invite")


@require_http_methods(["GET", "POST"])
@permission_required("athletes.coach_athletes", raise_exception=True)
def archive(request: HtmxHttpRequest, pk: int):
    athlete = _coached(request, pk)
    if request.method == "POST":
        services.archive_athlete(athlete=athlete)
        messages.success(
            request, f"{athlete.name} archived. Their history is kept under Archived athletes."
        )
        return redirect("athletes:roster")
    return render(request, "athletes/athlete_archive.html", {"athlete": athlete})


@require_POST
@permission_required("athletes.coach_athletes", raise_exception=True)
def unarchive(request: HtmxHttpRequest, pk: int):
    athlete = _coached(request, pk)
    services.unarchive_athlete(athlete=athlete)
    messages.success(request, f"{athlete.name} is back on your roster.")
    return redirect(athlete)


@require_GET
@permission_required("athletes.log_training", raise_exception=True)
def my_results(request: HtmxHttpRequest):
    athlete = get_object_or_404(Athlete.objects.for_athlete(request.user))
    context = {"athlete": athlete, "overview": assessment_overview(athlete)}
    return render(request, "athletes/my_results.html", context)


@login_not_required
@require_http_methods(["GET", "POST"])
def accept_invite(request: HtmxHttpRequest, token: str):
    """Public: the athlete chooses a username, their email and a password. Unknown links are a
    404; expired and used links explain what to do next."""
    invite = services.find_invite(token)
    if invite is None:
        return render(request, "athletes/invite_accept.html", {"state": "invalid"}, status=404)
    state = invite.state()
    context = {"invite": invite, "athlete": invite.athlete, "state": state}
    if state != AthleteInvite.State.VALID or request.user.is_authenticated:
        return render(request, "athletes/invite_accept.html", context)
    # The address the coach typed is a suggestion: only what the athlete submits counts.
    form = InviteAcceptForm(request.POST or None, initial={"email": invite.athlete.email})
    if form.is_valid():
        try:
            user = services.accept_invite(
                token=token,
                username=form.cleaned_data["username"],
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
            )
        except services.InviteNotUsable as error:
            return render(request, "athletes/invite_accept.html", {**context, "state": error.state})
        except IntegrityError:  # the username was taken between validation and saving
            form.add_error("username", "That username was just taken. Choose another.")
            return render(request, "athletes/invite_accept.html", {**context, "form": form})
        login(request, user, backend="athletes.auth.FlamingoBackend")
        messages.success(request, f"Welcome, {invite.athlete.name}. These are your results.")
        return redirect("athletes:my_results")
    return render(request, "athletes/invite_accept.html", {**context, "form": form})


def _csv(rows, filename: str) -> HttpResponse:
    # UTF-8 with a byte-order mark: spreadsheets then read accents right.
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    csv.writer(response).writerows(rows)
    return response


@require_GET
@permission_required("athletes.coach_athletes", raise_exception=True)
def results_csv(request: HtmxHttpRequest):
    """Every result of every athlete this coach coaches (archived ones too)."""
    athletes = Athlete.objects.for_coach(request.user)
    return _csv(reports.csv_rows(athletes), "flamingo-results.csv")


@require_GET
@permission_required("athletes.coach_athletes", raise_exception=True)
def athlete_csv(request: HtmxHttpRequest, pk: int):
    athlete = _coached(request, pk)
    return _csv(reports.csv_rows([athlete]), f"flamingo-results-athlete-{athlete.pk}.csv")


@require_GET
@permission_required("athletes.coach_athletes", raise_exception=True)
def athlete_report(request: HtmxHttpRequest, pk: int):
    """One printable page for a physiotherapist: latest symmetry and the charts."""
    athlete = _coached(request, pk, latest=True)
    context = {
        "athlete": athlete,
        "overview": assessment_overview(athlete),
        "body_mass": latest_body_mass(athlete, request.user),
        "today": timezone.localdate(),
    }
    return render(request, "athletes/report.html", context)


@require_POST
@permission_required("athletes.coach_athletes", raise_exception=True)
def weight_unit(request: HtmxHttpRequest):
    form = WeightUnitForm(request.POST)
    if form.is_valid():
        services.set_weight_unit(coach=request.user, unit=form.cleaned_data["weight_unit"])
        messages.success(request, f"Body mass is shown in {form.cleaned_data['weight_unit']}.")
    else:
        messages.error(request, "Choose kg or lb.")
    return redirect("athletes:roster")
