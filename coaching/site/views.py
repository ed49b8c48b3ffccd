"""The site's front door: each user lands on their own start page."""

from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from .http import HtmxHttpRequest


@require_GET
def home(request: HtmxHttpRequest):
    if request.user.has_perm("athletes.coach_athletes"):
        return redirect("coaching:dashboard")  # DESIGN.md: the coach's home is the dashboard
    if request.user.has_perm("athletes.log_training"):
        return redirect("coaching:week")  # DESIGN.md: the athlete's home is this week
    return redirect("exercises:list")
