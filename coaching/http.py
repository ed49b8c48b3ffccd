"""Typed request for views that read `request.htmx` (set by django-htmx)."""

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails
    user: AbstractBaseUser


def wants_fragment(request: HtmxHttpRequest) -> bool:
    """True when htmx asks for a piece of the page, not a whole page.

    Boosted requests and history restores need the full page."""
    return (
        bool(request.htmx) and not request.htmx.boosted and not request.htmx.history_restore_request
    )
