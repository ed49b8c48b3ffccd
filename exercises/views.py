from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from coaching.site import compiled, page_cache
from coaching.site.http import HtmxHttpRequest, render_page, wants_fragment

from .forms import LibrarySearchForm
from .models import Exercise

TEMPLATE = "exercises/exercise_detail.html"


@require_GET
def exercise_list(request: HtmxHttpRequest):
    form = LibrarySearchForm(request.GET)
    filters = form.filters()
    exercises = _library(request.user, **filters)
    context = {"form": form, "exercises": exercises, "fragment": wants_fragment(request), **filters}
    return render_page(request, "exercises/exercise_list.html", context, fragment="results")


# What a library card shows: the long texts stay in the database.
CARD_FIELDS = ("pk", "name", "slug", "summary", "focus", "published")
CARD_FIELDS += ("sessions_per_week_min", "sessions_per_week_max")


def _library(user, *, text: str, focus: str) -> list[Exercise]:
    """The library list for `user`, compiled once per shape (coaching/site/
    compiled.py: building the search took a fifth of the fragment's time)."""
    editor = user.has_perm("exercises.change_exercise")
    values = ({"text": text} if text else {}) | ({"focus": focus} if focus else {})

    def build(text: str = "", focus: str = ""):  # `editor` in the key: visible_to's SQL
        listed = Exercise.objects.visible_to(user)
        return listed.for_library(text=text, focus=focus).only(*CARD_FIELDS)

    return compiled.run(f"library:{editor:d}:{sorted(values)}", build, **values)


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
