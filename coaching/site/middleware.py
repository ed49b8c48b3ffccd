from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import resolve_url
from django.utils.cache import patch_cache_control
from django_htmx.http import HttpResponseClientRedirect


class HtmxLoginRedirectMiddleware:
    """An expired session on an htmx request would swap the sign-in page into
    a fragment. Tell htmx to send the whole browser to sign in instead."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "htmx", False) and response.status_code == 302:
            login_path = resolve_url(settings.LOGIN_URL)
            if urlsplit(response["Location"]).path == login_path:
                # After signing in, back to the page the user was on, not to
                # the fragment or POST-only URL htmx called (that would be a 405).
                page = request.htmx.current_url_abs_path
                location = redirect_to_login(page).url if page else response["Location"]
                return HttpResponseClientRedirect(location)
        return response


class PrivatePagesMiddleware:
    """A signed-in user's pages hold private data (pain scores, notes): no
    browser or proxy may keep them, so after signing out on a shared phone,
    Back cannot show them from the cache. Anonymous pages stay cacheable;
    static files never reach this middleware (whitenoise answers first).
    Error pages (5xx) are rendered without a request context, so hold nothing
    private; asking for the user there would wait on the database a second
    time when the database is what failed (the 503 page would take twice the
    pool timeout)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code < 500 and request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
