"""Typed request for views that read `request.htmx` (set by django-htmx)."""

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
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


def render_page(
    request: HtmxHttpRequest,
    template: str,
    context: dict,
    *,
    fragment: str | None = None,
    status: int = 200,
) -> HttpResponse:
    """The whole page, or only its `{% partialdef fragment %}` when htmx asks
    for a piece. The response varies on HX-Request, so no cache mixes the two."""
    if fragment and wants_fragment(request):
        template = f"{template}#{fragment}"
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response
