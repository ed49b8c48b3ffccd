"""Coaching views: `week` (the athlete's phone pages) and `coach` (dashboard,
assigning, training history). `home` sends each role to its own start page."""

from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from athletes.roles import roles_of
from coaching.http import HtmxHttpRequest


@require_GET
def home(request: HtmxHttpRequest):
    """Each role lands on its own home page."""
    roles = roles_of(request.user)
    if roles.is_coach:
        return redirect("coaching:dashboard")  # DESIGN.md: the coach's home is the dashboard
    if roles.is_athlete:
        return redirect("coaching:week")  # DESIGN.md: the athlete's home is this week
    return redirect("exercises:list")
