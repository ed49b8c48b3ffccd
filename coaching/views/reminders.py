"""The morning mail: the athlete's settings page (signed in), and the stop
link of every mail (no sign-in: the signed token in the URL is the key).

The stop link's GET only shows a one-button page: mail scanners open links,
and a GET that stopped the mails would stop them for athletes who never
clicked. Mail programs' own "Unsubscribe" button POSTs to the same URL
(RFC 8058 List-Unsubscribe-Post), so that is one click there."""

import contextlib

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from athletes.models import AthleteArchived
from coaching.reminder_forms import ReminderForm
from coaching.services import reminders as service


@require_http_methods(["GET", "POST"])
@permission_required("athletes.log_training", raise_exception=True)
def reminder_settings(request):
    athlete = getattr(request.user, "athlete", None)
    if athlete is None:
        raise Http404("No athlete record.")
    current = service.reminders_of(athlete)
    form = ReminderForm(
        request.POST or None,
        initial={"morning_mail": current.morning_mail, "time_zone": current.time_zone},
    )
    if request.method == "POST" and form.is_valid():
        try:
            service.set_reminders(athlete=athlete, **form.cleaned_data)
        except AthleteArchived as archived:
            form.add_error(None, archived)
        else:
            messages.success(request, "Saved.")
            return redirect("coaching:reminders")
    context = {"form": form, "address": request.user.email}
    return render(request, "coaching/reminders.html", context, status=400 if form.errors else 200)


# The token is the authorization, and a mail program's one-click POST carries no CSRF token.
@csrf_exempt
@login_not_required
@require_http_methods(["GET", "POST"])
def stop_morning_mail(request, token: str):
    athlete = service.athlete_for_stop_token(token)
    if athlete is None:
        raise Http404("No such link.")
    stopped = not service.reminders_of(athlete).morning_mail
    if request.method == "POST":
        turn_on = request.POST.get("action") == "start"
        with contextlib.suppress(AthleteArchived):  # an archived athlete gets no mail anyway
            service.set_reminders(athlete=athlete, morning_mail=turn_on)
        stopped = not turn_on
    return render(request, "coaching/stop_morning_mail.html", {"stopped": stopped, "token": token})
