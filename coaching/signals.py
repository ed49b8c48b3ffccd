"""Receivers: planning at sign-in, the word after signing out. (Cached pages follow every write by
themselves: coaching/site/touch.py.)"""

from django.contrib import messages
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from athletes.models import Athlete


@receiver(user_logged_in, dispatch_uid="coaching.plan_on_sign_in")
def plan_on_sign_in(sender, request, user, **kwargs):
    """Keep an athlete's next two weeks planned even where no daily
    `manage.py plan_sessions` job runs: signing in is a write (a POST) anyway,
    and planning is idempotent, so doing it then costs one cheap no-op at most."""
    from coaching.services.sessions import plan_ahead

    athlete = Athlete.objects.active().filter(user=user).first()
    if athlete is not None:
        plan_ahead(athlete=athlete)


@receiver(user_logged_out, dispatch_uid="coaching.say_signed_out")
def say_signed_out(sender, request, user, **kwargs):
    """A confirmation on the sign-in page (the message cookie outlives the session)."""
    if request is not None:
        messages.info(request, "You are signed out.", fail_silently=True)  # no middleware: no word
