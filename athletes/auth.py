"""Who is signed in and what they may do, in one query per request.

Roles are Django permissions (DESIGN.md rule 4): the "Coaches" group holds
`athletes.coach_athletes`, "Content editors" the library's model permissions.
Being an athlete is a fact of the data (a user linked to an Athlete record),
so `athletes.log_training` is derived from it here rather than stored in a
group that could disagree with the record.

ModelBackend would load the user, then their permissions on the first
`has_perm` (two more queries), and the athlete pages the athlete record. This
backend loads all of it in one query and fills ModelBackend's caches
(docs/performance.md). Signing in and passwords are ModelBackend's, with one
rule added: an archived athlete may not be signed in (`sign_in_refusal`)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, StringAgg, Subquery, Value
from django.db.models.functions import Concat

from coaching.site import compiled

# The groups the migrations create (athletes 0004 and 0006, exercises 0002),
# named here for the demo data, the benchmark seed and the tests.
COACHES = "Coaches"
CONTENT_EDITORS = "Content editors"
LOG_TRAINING = "athletes.log_training"
SEPARATOR = "\n"  # permission names are "app_label.codename": single-line


def _permission_names(to_user: str):
    """The "app_label.codename" of the permissions reached from Permission
    through `to_user`, joined by SEPARATOR (NULL when there are none)."""
    return Subquery(
        Permission.objects.filter(**{to_user: OuterRef("pk")})
        .order_by()
        .values(to_user)
        .annotate(
            names=StringAgg(
                Concat("content_type__app_label", Value("."), "codename"), Value(SEPARATOR)
            )
        )
        .values("names")
    )


def _user_with_permissions(user_id):
    return (
        get_user_model()
        ._default_manager.select_related("athlete")
        .annotate(
            group_perm_names=_permission_names("group__user"),
            user_perm_names=_permission_names("user"),
        )
        .filter(pk=user_id)
    )


def _names(joined: str | None) -> set[str]:
    return set(joined.split(SEPARATOR)) if joined else set()


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
        # Compiled once (coaching/site/compiled.py): building the two
        # subqueries took 1.1 ms a request, more than running them (0.4 ms).
        try:
            user_id = get_user_model()._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        found = compiled.run("signed-in user", _user_with_permissions, user_id=user_id)
        if not found:
            return None
        user = found[0]
        if not self.user_can_authenticate(user):
            return None
        if not user.is_superuser:  # a superuser's set is every permission: left to ModelBackend
            # ModelBackend reads these caches before querying (its _get_permissions).
            user._user_perm_cache = _names(user.user_perm_names)
            user._group_perm_cache = _names(user.group_perm_names)
            user._perm_cache = user._user_perm_cache | user._group_perm_cache | _derived(user)
        return user

    def get_user_permissions(self, user_obj, obj=None):
        perms = super().get_user_permissions(user_obj, obj)
        return perms | _derived(user_obj) if obj is None else perms


def _derived(user) -> set[str]:
    # `user.athlete` is loaded (or known missing) by get_user's select_related.
    return {LOG_TRAINING} if user.is_active and hasattr(user, "athlete") else set()
