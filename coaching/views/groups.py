"""The coach's groups and programmes: lists, a group's members, building a
programme, and assigning one to a group or an athlete.

Every object comes through a queryset scoped to the signed-in coach, so
another coach's group, programme or athlete is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from athletes.groups import Group
from athletes.models import Athlete
from coaching.group_forms import AssignProgrammeForm, MembersForm, NameForm, ProgrammeItemForm
from coaching.programmes import Programme, ProgrammeItem
from coaching.services import groups as group_services
from coaching.services import programmes as services
from coaching.site.http import HtmxHttpRequest

COACH = "athletes.coach_athletes"


def _group(request, pk: int) -> Group:
    return get_object_or_404(Group.objects.for_coach(request.user).active(), pk=pk)


def _programme(request, pk: int) -> Programme:
    return get_object_or_404(Programme.objects.for_coach(request.user).active(), pk=pk)


def _saved(form, call):
    """call() with a valid form; a ValidationError lands beside its field."""
    try:
        return call()
    except ValidationError as error:
        form.add_error(None, error)
        return None


# -- Groups -------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@permission_required(COACH, raise_exception=True)
def groups(request: HtmxHttpRequest):
    form = NameForm(request.POST or None)
    if form.is_valid():
        name = form.cleaned_data["name"]
        group = _saved(form, lambda: group_services.create_group(by=request.user, name=name))
        if group is not None:
            messages.success(request, f"Group “{group.name}” created. Now choose its members.")
            return redirect("coaching:group", pk=group.pk)
    listed = Group.objects.for_coach(request.user).active().prefetch_related("members")
    return render(request, "coaching/groups.html", {"groups": listed, "form": form})


def _group_page(request, group: Group, *, rename=None, members=None, assign=None, status=200):
    coach = request.user
    context = {
        "group": group,
        "members": group.members.active(),
        "rename_form": rename or NameForm(initial={"name": group.name}),
        "members_form": members
        or MembersForm(coach=coach, initial={"athletes": list(group.members.all())}),
        "assign_form": assign
        or AssignProgrammeForm(coach=coach, initial={"target": f"group-{group.pk}"}),
    }
    return render(request, "coaching/group.html", context, status=status)


@require_GET
@permission_required(COACH, raise_exception=True)
def group(request: HtmxHttpRequest, pk: int):
    return _group_page(request, _group(request, pk))


@require_POST
@permission_required(COACH, raise_exception=True)
def group_rename(request: HtmxHttpRequest, pk: int):
    group = _group(request, pk)
    form = NameForm(request.POST)
    if form.is_valid():
        name = form.cleaned_data["name"]
        done = _saved(
            form, lambda: group_services.rename_group(group=group, by=request.user, name=name)
        )
        if done is not None:
            messages.success(request, f"Renamed to “{done.name}”.")
            return redirect("coaching:group", pk=group.pk)
    return _group_page(request, group, rename=form)


@require_POST
@permission_required(COACH, raise_exception=True)
def group_members(request: HtmxHttpRequest, pk: int):
    group = _group(request, pk)
    form = MembersForm(request.POST, coach=request.user)
    if form.is_valid():
        chosen = form.cleaned_data["athletes"]
        done = _saved(
            form, lambda: group_services.set_members(group=group, by=request.user, athletes=chosen)
        )
        if done is not None:
            added, removed = done
            messages.success(request, f"Members saved: {added} added, {removed} removed.")
            return redirect("coaching:group", pk=group.pk)
    return _group_page(request, group, members=form)


@require_POST
@permission_required(COACH, raise_exception=True)
def group_archive(request: HtmxHttpRequest, pk: int):
    group = group_services.archive_group(group=_group(request, pk), by=request.user)
    messages.success(request, f"Archived “{group.name}”. Its athletes and their training stay.")
    return redirect("coaching:groups")


# -- Programmes ---------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@permission_required(COACH, raise_exception=True)
def programmes(request: HtmxHttpRequest):
    form = NameForm(request.POST or None)
    if form.is_valid():
        name = form.cleaned_data["name"]
        made = _saved(form, lambda: services.create_programme(by=request.user, name=name))
        if made is not None:
            messages.success(request, f"Programme “{made.name}” created. Add its exercises.")
            return redirect("coaching:programme", pk=made.pk)
    listed = (
        Programme.objects.for_coach(request.user)
        .active()
        .prefetch_related("items__level__exercise")
    )
    return render(request, "coaching/programmes.html", {"programmes": listed, "form": form})


def _programme_page(request, programme: Programme, *, item=None, assign=None):
    context = {
        "programme": programme,
        "items": programme.items.select_related("level__exercise").order_by("pk"),
        "item_form": item or ProgrammeItemForm(),
        "assign_form": assign
        or AssignProgrammeForm(coach=request.user, initial={"programme": programme}),
    }
    return render(request, "coaching/programme.html", context)


@require_GET
@permission_required(COACH, raise_exception=True)
def programme(request: HtmxHttpRequest, pk: int):
    return _programme_page(request, _programme(request, pk))


@require_POST
@permission_required(COACH, raise_exception=True)
def programme_add(request: HtmxHttpRequest, pk: int):
    programme = _programme(request, pk)
    form = ProgrammeItemForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        item = _saved(form, lambda: services.add_item(programme=programme, by=request.user, **data))
        if item is not None:
            added = f"Added {item.level.exercise.name}, level {item.level.order}."
            messages.success(request, added)
            return redirect("coaching:programme", pk=programme.pk)
    return _programme_page(request, programme, item=form)


@require_POST
@permission_required(COACH, raise_exception=True)
def programme_remove(request: HtmxHttpRequest, pk: int):
    item = get_object_or_404(
        ProgrammeItem.objects.for_coach(request.user).select_related(
            "programme", "level__exercise"
        ),
        pk=pk,
    )
    services.remove_item(item=item, by=request.user)
    messages.success(request, f"Removed {item.level.exercise.name} from the programme.")
    return redirect("coaching:programme", pk=item.programme_id)


@require_POST
@permission_required(COACH, raise_exception=True)
def programme_archive(request: HtmxHttpRequest, pk: int):
    done = services.archive_programme(programme=_programme(request, pk), by=request.user)
    messages.success(request, f"Archived “{done.name}”. Assignments made from it stay.")
    return redirect("coaching:programmes")


@require_POST
@permission_required(COACH, raise_exception=True)
def save_as_programme(request: HtmxHttpRequest, pk: int):
    """The athlete's current assignments as a new programme."""
    athlete = get_object_or_404(Athlete.objects.for_coach(request.user).active(), pk=pk)
    form = NameForm(request.POST)
    if form.is_valid():
        name = form.cleaned_data["name"]
        made = _saved(
            form,
            lambda: services.save_as_programme(athlete=athlete, by=request.user, name=name),
        )
        if made is not None:
            messages.success(request, f"Saved {athlete.name}'s exercises as “{made.name}”.")
            return redirect("coaching:programme", pk=made.pk)
    for errors in form.errors.values():
        messages.error(request, " ".join(errors))
    return redirect("coaching:athlete_training", pk=athlete.pk)


@require_http_methods(["GET", "POST"])
@permission_required(COACH, raise_exception=True)
def assign_programme(request: HtmxHttpRequest):
    """GET: the form on its own (prefilled from ?programme= and ?target=);
    POST: assign, then the group's or athlete's page with what was kept."""
    if request.method == "GET":
        form = AssignProgrammeForm(coach=request.user, initial=request.GET.dict())
        return render(request, "coaching/assign_programme.html", {"form": form})
    form = AssignProgrammeForm(request.POST, coach=request.user)
    if form.is_valid():
        label, target, athletes = form.chosen()
        programme = form.cleaned_data["programme"]
        done = _saved(
            form,
            lambda: services.assign_programme(
                programme=programme,
                athletes=athletes,
                by=request.user,
                start_date=form.cleaned_data["start_date"],
            ),
        )
        if done is not None:
            messages.success(request, confirmation(programme, label, done))
            if isinstance(target, Group):
                return redirect("coaching:group", pk=target.pk)
            return redirect("coaching:athlete_training", pk=target.pk)
    return render(request, "coaching/assign_programme.html", {"form": form}, status=200)


def confirmation(programme: Programme, label: str, done: services.ProgrammeAssigned) -> str:
    athletes = f"{done.athletes} athlete{'s' if done.athletes != 1 else ''}"
    parts = [f"“{programme.name}” assigned to {label} ({athletes}): {done.assigned} new."]
    for exercise, names in done.kept.items():
        who = ", ".join(names)
        parts.append(f"{len(names)} already had {exercise} and kept theirs: {who}.")
    if done.assigned:
        parts.append("Sessions are planned.")
    return " ".join(parts)
