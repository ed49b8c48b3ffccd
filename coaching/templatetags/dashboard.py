"""{% load dashboard %}{% dashboard_url %}: the dashboard with the search,
group, filter, sort and page the coach left it at (coaching/dashboard.py)."""

from django import template
from django.urls import reverse

from coaching.dashboard import REMEMBERED

register = template.Library()


@register.simple_tag(takes_context=True)
def dashboard_url(context) -> str:
    query = context["request"].COOKIES.get(REMEMBERED, "")
    return reverse("coaching:dashboard") + (query if query.startswith("?") and query != "?" else "")
