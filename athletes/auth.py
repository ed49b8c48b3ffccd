"""Who is signed in, in one query per request.

Django's ModelBackend loads the user; every page then asked for their roles
(groups and athlete link) and the athlete pages for the athlete record: three
queries before a view did any work. This backend loads all three in one
(docs/performance.md). Signing in, passwords and permissions are
ModelBackend's, with one rule added: an archived athlete may not be signed in
(`sign_in_refusal`)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import StringAgg, Value

from .roles import roles_from

SEPARATOR = "\n"  # group names are single-line (the admin's text input)

ARCHIVED = (
    "This athlete account is archived: your coach has your history. "
    "Ask them to restore it to sign in again."
)


def sign_in_refusal(user) -> str | None:
    """Why this user may not be signed in, or None. Archived means read-only
    history: the athlete cannot sign in, and an open session ends at its next
    request (get_user asks user_can_authenticate)."""
    athlete = getattr(user, "athlete", None)  # a missing one raises an AttributeError
    return ARCHIVED if athlete is not None and athlete.is_archived else None


class FlamingoBackend(ModelBackend):
    request = None  # the sign-in being checked, if any (authenticate)

    def authenticate(self, request, username=None, password=None, **kwargs):
        self.request = request
        return super().authenticate(request, username=username, password=password, **kwargs)

    def user_can_authenticate(self, user):
        """ModelBackend asks this once the password matched, and get_user on
        every request. A refusal after a matching password is left on the
        request as `sign_in_refused`, for the sign-in form to show (the
        password is known to be right, so saying why tells nobody else anything)."""
        refusal = sign_in_refusal(user)
        if refusal is not None and self.request is not None:
            self.request.sign_in_refused = refusal
        return refusal is None and super().user_can_authenticate(user)

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
