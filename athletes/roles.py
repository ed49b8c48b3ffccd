"""Who a user is, in one place.

- coach: member of the "Coaches" group; owns athletes (Athlete.coach).
- athlete: a user linked to an Athlete record (Athlete.user).
- content editor: member of the "Content editors" group; edits the library in the admin.
Superusers are treated as editors (they can use the admin) but own no athletes.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied

COACHES = "Coaches"
CONTENT_EDITORS = "Content editors"


@dataclass(frozen=True)
class Roles:
    is_coach: bool = False
    is_athlete: bool = False
    is_editor: bool = False


NO_ROLES = Roles()


def roles_of(user) -> Roles:
    """The user's roles, computed once per user object and cached on it for
    the rest of the request. The signed-in user comes with them already
    (athletes/auth.py); other user objects cost ONE query, groups and the
    athlete link joined (a row per group)."""
    if not getattr(user, "is_authenticated", False):
        return NO_ROLES
    cached = getattr(user, "_flamingo_roles", None)
    if cached is not None:
        return cached
    from django.contrib.auth import get_user_model

    rows = get_user_model()._default_manager.filter(pk=user.pk)
    rows = list(rows.values_list("groups__name", "athlete__id"))
    roles = roles_from(
        groups={group for group, _ in rows},
        is_athlete=any(athlete is not None for _, athlete in rows),
        is_superuser=user.is_superuser,
    )
    user._flamingo_roles = roles
    return roles


def roles_from(*, groups: set[str], is_athlete: bool, is_superuser: bool) -> Roles:
    return Roles(
        is_coach=COACHES in groups,
        is_athlete=is_athlete,
        is_editor=is_superuser or CONTENT_EDITORS in groups,
    )


def coach_required(view):
    """Coach-only pages answer 403 to anyone else. (Objects inside them are
    scoped by queryset and answer 404, so no one learns what exists.)"""
    from functools import wraps

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not roles_of(request.user).is_coach:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def athlete_required(view):
    from functools import wraps

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not roles_of(request.user).is_athlete:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
