from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from coaching.site import page_cache
from coaching.site.http import HtmxHttpRequest, render_page, wants_fragment

from .forms import LibrarySearchForm
from .models import Exercise

TEMPLATE = "exercises/exercise_detail.html"


@require_GET
def exercise_list(request: HtmxHttpRequest):
    form = LibrarySearchForm(request.GET)
    filters = form.filters()
    exercises = Exercise.objects.visible_to(request.user).for_library(**filters)
    context = {"form": form, "exercises": exercises, "fragment": wants_fragment(request), **filters}
    return render_page(request, "exercises/exercise_list.html", context, fragment="results")


@require_GET
def exercise_detail(request: HtmxHttpRequest, slug: str):
    """The page is the same for everyone of a role until the exercise or one
    of its steps, mistakes or levels is written (they move the exercise's
    `updated_at` on: coaching/site/touch.py): rendered once per version and
    role, then cached."""
    fields = ("pk", "name", "slug", "published", "updated_at")
    exercise = get_object_or_404(Exercise.objects.visible_to(request.user).only(*fields), slug=slug)
    is_editor = request.user.has_perm("exercises.change_exercise")
    detail_html = page_cache.cached_render(
        request,
        f"exercise:{exercise.pk}:{exercise.updated_at.timestamp():.6f}:{is_editor:d}",
        TEMPLATE + "#detail",
        lambda: {"exercise": Exercise.objects.with_details().get(pk=exercise.pk)},
    )
    return render(request, TEMPLATE, {"exercise": exercise, "detail_html": detail_html})
