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
    """The user's roles, computed once per user object (one query for groups,
    one for the athlete link) and cached on it for the rest of the request."""
    if not getattr(user, "is_authenticated", False):
        return NO_ROLES
    cached = getattr(user, "_flamingo_roles", None)
    if cached is not None:
        return cached
    from athletes.models import Athlete

    groups = set(user.groups.values_list("name", flat=True))
    roles = Roles(
        is_coach=COACHES in groups,
        is_athlete=Athlete.objects.filter(user=user).exists(),
        is_editor=user.is_superuser or CONTENT_EDITORS in groups,
    )
    user._flamingo_roles = roles
    return roles


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
