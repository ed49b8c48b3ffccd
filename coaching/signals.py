"""Receivers: planning at sign-in. (Cached pages follow every write by
themselves: coaching/site/touch.py.)"""

from django.contrib.auth.signals import user_logged_in
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
