from urllib.parse import urlsplit

from django.conf import settings
from django.shortcuts import resolve_url
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
                return HttpResponseClientRedirect(response["Location"])
        return response
