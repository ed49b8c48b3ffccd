from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from coaching.http import HtmxHttpRequest

from .models import Exercise


@require_GET
def exercise_list(request: HtmxHttpRequest):
    exercises = Exercise.objects.visible_to(request.user)
    return render(request, "exercises/exercise_list.html", {"exercises": exercises})


@require_GET
def exercise_detail(request: HtmxHttpRequest, slug: str):
    exercise = get_object_or_404(Exercise.objects.visible_to(request.user), slug=slug)
    return render(request, "exercises/exercise_detail.html", {"exercise": exercise})
