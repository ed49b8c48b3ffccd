"""Calendar feeds: the page where a user makes (or replaces) their private
calendar link, and the feed itself, which calendar apps fetch without a
cookie: the token in the URL is the key (coaching/calendar_feed.py)."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from coaching.calendar_feed import calendar_for, feed_owner, new_calendar_link
from coaching.models import CalendarFeed


@require_http_methods(["GET", "POST"])
def calendar_link(request):
    """An athlete's feed of their sessions, a coach's of their athletes'. The
    new link is shown in the POST's answer only: the server keeps its hash."""
    user = request.user
    coach = user.has_perm("athletes.coach_athletes")
    if not (coach or user.has_perm("athletes.log_training")):
        raise PermissionDenied
    url = None
    if request.method == "POST":
        token = new_calendar_link(user=user)
        url = request.build_absolute_uri(reverse("coaching:calendar_feed", args=[token]))
    context = {
        "url": url,
        "webcal": url and url.replace("https://", "webcal://").replace("http://", "webcal://"),
        "feed": CalendarFeed.objects.filter(user=user).first(),
        "coach": coach,
    }
    return render(request, "coaching/calendar.html", context)


@login_not_required
@require_GET
def calendar_feed(request, token: str):
    user = feed_owner(token)
    ics = calendar_for(user) if user is not None else None
    if ics is None:  # a wrong or replaced token, or an archived athlete's feed
        raise Http404("No such calendar.")
    response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="flamingo.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
