"""Receivers: planning at sign-in, and content edits reaching cached pages."""

from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from athletes.models import Athlete
from exercises.models import Exercise


@receiver(user_logged_in, dispatch_uid="coaching.plan_on_sign_in")
def plan_on_sign_in(sender, request, user, **kwargs):
    """Keep an athlete's next two weeks planned even where no daily
    `manage.py plan_sessions` job runs: signing in is a write (a POST) anyway,
    and planning is idempotent, so doing it then costs one cheap no-op at most."""
    from coaching.services.sessions import plan_ahead

    athlete = Athlete.objects.active().filter(user=user).first()
    if athlete is not None:
        plan_ahead(athlete=athlete)


# Exercise text, levels and assessment tests show on every athlete's week,
# dashboard row and results, whose cached fragments are keyed by the athlete's
# data_changed_at (coaching/page_cache.py). Editors save rarely and pages are
# read all the time, so an edit moves every athlete on (one UPDATE) rather
# than every page reading a content version.
CONTENT_MODELS = [
    "exercises.Exercise",
    "exercises.ProgressionLevel",
    "exercises.CommonMistake",
    "exercises.TechniqueStep",
    "athletes.AssessmentTest",
]


def content_changed(sender, instance, **kwargs):
    if kwargs.get("raw"):  # loaddata: no pages to refresh yet
        return
    Athlete.objects.mark_changed()
    # The exercise page is cached by its exercise's updated_at: a step, mistake
    # or level saved on its own (not through the admin's exercise form) moves it too.
    if exercise_id := getattr(instance, "exercise_id", None):
        Exercise.objects.filter(pk=exercise_id).update(updated_at=timezone.now())


for model in CONTENT_MODELS:
    for signal in (post_save, post_delete):
        signal.connect(content_changed, sender=model, dispatch_uid=f"content_changed.{model}")
