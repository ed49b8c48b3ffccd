"""Nothing a user entered is lost: deleting a row that history points at is
refused (PROTECT) or forgets only the pointer (SET_NULL). Every CASCADE in our
apps is listed below with the reason it cannot take history with it."""

import datetime

import pytest
from django.apps import apps
from django.db import models
from django.db.models import ProtectedError

from athletes.models import Athlete, StrengthAssessment
from coaching.models import SessionEntry
from tests import factories

OUR_APPS = ("athletes", "coaching", "exercises")

ALLOWED_CASCADE = {
    # Library content belongs to its exercise. An exercise with history cannot
    # be deleted at all (Assignment.exercise, and every level's assignments,
    # entries and level changes, are PROTECT), so these cascades only ever
    # remove the content of an exercise nobody trained.
    "exercises.TechniqueStep.exercise": "steps are part of the exercise's text",
    "exercises.CommonMistake.exercise": "mistakes are part of the exercise's text",
    "exercises.ProgressionLevel.exercise": "levels used by history are PROTECTed elsewhere",
    # An entry is part of its session. Sessions are never deleted with history:
    # TrainingSession.athlete is PROTECT, the coaching admin is read-only, and
    # the planner deletes only sessions left with no entries and no input.
    "coaching.SessionEntry.session": "an entry is a line of its session",
    # An invite is an access token, not history; athletes are archived, never
    # deleted (their assessments and sessions PROTECT them anyway).
    "athletes.AthleteInvite.athlete": "invites are tokens, not history",
    # Groups and programmes are archived, never deleted (no delete view or
    # service); a membership or a programme's line is part of its parent.
    # Assignments made from a programme are rows of their own.
    "athletes.Membership.group": "a membership is a line of its group",
    "athletes.Membership.athlete": "athletes are archived, never deleted",
    "coaching.ProgrammeItem.programme": "an item is a line of its programme",
    "coaching.CalendarFeed.user": "a calendar link is a token, not history",
    # A display choice (kg or lb) of a user, nothing entered about an athlete.
    "athletes.CoachPreference.coach": "a display preference goes with its user",
}

SAFE = {models.PROTECT, models.SET_NULL}


def our_foreign_keys():
    for label in OUR_APPS:
        for model in apps.get_app_config(label).get_models():
            for field in model._meta.get_fields():
                if field.concrete and (field.many_to_one or field.one_to_one):
                    yield f"{model._meta.label}.{field.name}", field


def test_every_foreign_key_protects_history_or_is_an_intended_cascade():
    problems = []
    for name, field in our_foreign_keys():
        on_delete = field.remote_field.on_delete
        if on_delete is models.CASCADE:
            if name not in ALLOWED_CASCADE:
                problems.append(f"{name} is CASCADE: make it PROTECT, or justify it")
        elif on_delete not in SAFE:
            problems.append(f"{name} is {on_delete.__name__}")
    assert not problems, "\n".join(problems)
    stale = ALLOWED_CASCADE.keys() - {name for name, _ in our_foreign_keys()}
    assert not stale, f"allow-list entries for fields that are gone: {stale}"


def test_the_walk_sees_the_history_keys():
    """A guard on the walk itself: the keys that matter most are found."""
    names = dict(our_foreign_keys())
    for name in (
        "coaching.Assignment.athlete",
        "coaching.SessionEntry.level",
        "coaching.LevelChange.changed_by",
        "athletes.StrengthAssessment.test",
        "athletes.Athlete.user",
    ):
        assert names[name].remote_field.on_delete in SAFE, name


@pytest.mark.django_db
def test_deleting_what_history_points_at_is_refused():
    world = factories.world()
    athlete = world.athlete_a
    StrengthAssessment.objects.create(
        athlete=athlete,
        test=world.test,
        date=datetime.date(2026, 1, 5),
        left_value=10,
        right_value=12,
        recorded_by=world.users["coach_a"],
    )
    level = world.assignment.level
    for row in (athlete, world.exercise, level, world.test, world.users["coach_a"]):
        with pytest.raises(ProtectedError):
            row.delete()
    # An athlete's login can go; their history stays, without the link.
    world.users["athlete_a"].delete()
    athlete.refresh_from_db()
    assert athlete.user is None
    assert SessionEntry.objects.filter(session__athlete=athlete).exists()
    assert Athlete.objects.filter(pk=athlete.pk).exists()
