"""Coaching views: `week` (the athlete's phone pages) and `coach` (dashboard,
assigning, training history). `home` sends each role to its own start page."""

from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from coaching.http import HtmxHttpRequest


@require_GET
def home(request: HtmxHttpRequest):
    """Each role lands on its own home page."""
    return redirect("exercises:list")
