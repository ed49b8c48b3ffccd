"""The site's front door: each user lands on their own start page."""

import sys

from django.contrib.auth.views import LogoutView
from django.db import OperationalError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template import loader
from django.views import defaults
from django.views.decorators.http import require_GET

from .http import HtmxHttpRequest

RETRY_AFTER_SECONDS = 5


@require_GET
def home(request: HtmxHttpRequest):
    if request.user.has_perm("athletes.coach_athletes"):
        return redirect("coaching:dashboard")  # DESIGN.md: the coach's home is the dashboard
    if request.user.has_perm("athletes.log_training"):
        return redirect("coaching:week")  # DESIGN.md: the athlete's home is this week
    return redirect("exercises:list")


def server_error(request):
    """handler500. A database that cannot answer right now (down, restarting,
    the connection pool timed out, a query cancelled) is not a bug: say so with
    a 503 that the client may retry, quickly, instead of a generic 500.
    Called while the exception is being handled, so sys.exception() is it."""
    if isinstance(sys.exception(), OperationalError):
        # Like the 500 page: no request context, which may be what failed.
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return defaults.server_error(request)


class SignOutView(LogoutView):
    """Signing out also empties what this site kept in the browser: the
    service worker's copies of the week and the offline queue (Clear-Site-Data),
    so the next person on a shared phone sees nothing of the last one."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"cache", "storage"'
        return response
