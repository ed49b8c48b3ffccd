"""Who is signed in, in one query per request.

Django's ModelBackend loads the user; every page then asked for their roles
(groups and athlete link) and the athlete pages for the athlete record: three
queries before a view did any work. This backend loads all three in one
(docs/performance.md). Signing in, passwords and permissions are
ModelBackend's, unchanged."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import StringAgg, Value

from .roles import roles_from

SEPARATOR = "\n"  # group names are single-line (the admin's text input)


class FlamingoBackend(ModelBackend):
    def get_user(self, user_id):
        User = get_user_model()
        try:
            user = (
                User._default_manager.select_related("athlete")
                .annotate(group_names=StringAgg("groups__name", Value(SEPARATOR), default=""))
                .get(pk=user_id)
            )
        except User.DoesNotExist:
            return None
        if not self.user_can_authenticate(user):
            return None
        groups = set(user.group_names.split(SEPARATOR)) if user.group_names else set()
        # `user.athlete` is loaded (or known missing) by select_related: no query.
        user._flamingo_roles = roles_from(
            groups=groups, is_athlete=hasattr(user, "athlete"), is_superuser=user.is_superuser
        )
        return user
