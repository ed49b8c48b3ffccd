"""A coach's groups of athletes: create, rename, archive, choose the members.

Groups are the coach's own: every function takes the coach (`by`) and refuses
another coach's group or athlete. Membership rows touch their athlete
(athletes/groups.py), so changing members locks the athletes first, in pk
order (the lock order: coaching/services/__init__.py)."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from athletes.groups import Group, Membership
from athletes.models import Athlete


def _taken(name: str) -> ValidationError:
    return ValidationError({"name": f"You already have a group called “{name}”."})


def _save_name(group: Group, name: str) -> Group:
    try:
        with transaction.atomic():  # a savepoint: the unique name decides a race
            group.save()
    except IntegrityError:
        raise _taken(name) from None
    return group


def create_group(*, by, name: str) -> Group:
    name = name.strip()
    if Group.objects.for_coach(by).active().filter(name__iexact=name).exists():
        raise _taken(name)
    return _save_name(Group(coach=by, name=name), name)


def _locked_group(group: Group, by) -> Group:
    locked = Group.objects.select_for_update().get(pk=group.pk)
    if locked.coach_id != by.pk:
        raise PermissionDenied("Only the group's coach can change it.")
    if locked.is_archived:
        raise ValidationError("This group is archived. Its members stay as they were.")
    return locked


@transaction.atomic
def rename_group(*, group: Group, by, name: str) -> Group:
    name = name.strip()
    group = _locked_group(group, by)
    others = Group.objects.for_coach(by).active().exclude(pk=group.pk)
    if others.filter(name__iexact=name).exists():
        raise _taken(name)
    group.name = name
    return _save_name(group, name)


@transaction.atomic
def archive_group(*, group: Group, by) -> Group:
    """Archived, not deleted: its name and members stay, it leaves the lists."""
    group = Group.objects.select_for_update().get(pk=group.pk)
    if group.coach_id != by.pk:
        raise PermissionDenied("Only the group's coach can change it.")
    if group.archived_at is None:
        group.archived_at = timezone.now()
        group.save(update_fields=["archived_at"])
    return group


@transaction.atomic
def set_members(*, group: Group, by, athletes: Iterable[Athlete]) -> tuple[int, int]:
    """Make exactly `athletes` the group's members. Returns (added, removed).

    Sending the same list twice changes nothing the second time."""
    wanted = {athlete.pk for athlete in athletes}
    current = set(Membership.objects.filter(group=group).values_list("athlete_id", flat=True))
    changing = wanted ^ current
    locked = Athlete.objects.lock_many_for_write(changing)  # the athletes first
    if any(athlete.coach_id != by.pk for athlete in locked):
        raise PermissionDenied("Only your own athletes can join your groups.")
    group = _locked_group(group, by)
    # Re-read under the locks: a concurrent request may have changed them.
    current = set(Membership.objects.filter(group=group).values_list("athlete_id", flat=True))
    changeable = {athlete.pk for athlete in locked}  # archived athletes keep their groups
    add = (wanted - current) & changeable
    remove = (current - wanted) & changeable
    if add:
        Membership.objects.bulk_create(
            [Membership(group=group, athlete_id=pk) for pk in sorted(add)]
        )
    if remove:
        Membership.objects.filter(group=group, athlete_id__in=remove).delete()
    return len(add), len(remove)
