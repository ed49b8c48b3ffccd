"""The app's URLs plus two reference views, routed only by the benchmark
settings (bench.settings). They are the floor the app's pages are
compared with: what Django itself costs here, before any of our code."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import include, path
from django.views.decorators.http import require_GET

from athletes.models import Athlete


@login_not_required
@require_GET
def reference_text(request):
    """The cheapest Django response: middleware, routing, no template, no query."""
    return HttpResponse("Flamingo reference\n", content_type="text/plain")


@login_not_required
@require_GET
def reference_page(request):
    """A template page with one 20-row query: the floor for a real page."""
    rows = Athlete.objects.order_by("pk").only("pk", "name", "goal_event", "dominant_leg")[:20]
    return render(request, "bench/reference.html", {"rows": rows})


urlpatterns = [
    path("bench/text/", reference_text, name="bench_text"),
    path("bench/page/", reference_page, name="bench_page"),
    path("", include("coaching.site.urls")),
]
