from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from coaching.http import HtmxHttpRequest, render_page, wants_fragment

from .forms import LibrarySearchForm
from .models import Exercise


@require_GET
def exercise_list(request: HtmxHttpRequest):
    form = LibrarySearchForm(request.GET)
    filters = form.filters()
    exercises = Exercise.objects.visible_to(request.user).for_library(**filters)
    context = {"form": form, "exercises": exercises, "fragment": wants_fragment(request), **filters}
    return render_page(request, "exercises/exercise_list.html", context, fragment="results")


@require_GET
def exercise_detail(request: HtmxHttpRequest, slug: str):
    exercises = Exercise.objects.visible_to(request.user).with_details()
    exercise = get_object_or_404(exercises, slug=slug)
    return render(request, "exercises/exercise_detail.html", {"exercise": exercise})
