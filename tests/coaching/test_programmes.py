"""Groups and programmes: the services (membership scoping, building a
programme, assigning it to a group: idempotent, existing assignments kept,
planned as one assignment is, a fixed number of queries) and their pages."""

import datetime
from dataclasses import dataclass

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from athletes.groups import Membership
from athletes.models import Athlete
from coaching.models import Assignment, SessionEntry
from coaching.programmes import ProgrammeItem
from coaching.services import groups, programmes
from coaching.services.assignments import assign_exercise
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = factories.WEDNESDAY
ON_PAGE = timezone.localdate()  # the forms accept a start within a week of the real today


@dataclass
class Squad:
    coach: object
    ana: Athlete
    bea: Athlete
    hinge: object
    calf: object
    plan: object
    team: object

    def unpack(self, *names):
        return (getattr(self, name) for name in names)


@pytest.fixture
def squad():
    coach = factories.coach()
    ana = factories.athlete(coach=coach, name="Ana Ruiz")
    bea = factories.athlete(coach=coach, name="Bea Soto")
    hinge, calf = factories.exercise("Hinge"), factories.exercise("Calf raise")
    plan = factories.programme(
        coach=coach, items=[(hinge, 1), (calf, 2)], sessions_per_week=2, weekdays=[2, 5]
    )
    team = factories.group(coach=coach, members=[ana, bea])
    return Squad(coach, ana, bea, hinge, calf, plan, team)


def _assign(coach, plan, athletes):
    return programmes.assign_programme(
        programme=plan, athletes=athletes, by=coach, start_date=TODAY, today=TODAY
    )


# -- Assigning a programme ------------------------------------------------------


def test_a_programme_goes_to_every_member_and_is_planned_like_one_assignment(squad):
    coach, ana, bea, hinge, calf, plan, team = squad.unpack(
        "coach", "ana", "bea", "hinge", "calf", "plan", "team"
    )

    done = _assign(coach, plan, team.members.all())

    assert (done.athletes, done.assigned, done.kept) == (2, 4, {})
    calf_level = calf.levels.get(order=2)
    for athlete in (ana, bea):
        given = Assignment.objects.active().filter(athlete=athlete)
        assert {(a.exercise_id, a.level_id, tuple(a.weekdays)) for a in given} == {
            (hinge.pk, hinge.levels.get(order=1).pk, (2, 5)),
            (calf.pk, calf_level.pk, (2, 5)),
        }
    # Planned as a single assignment would be: the same entries, day for day.
    single = factories.athlete(coach=coach, name="Cleo Diaz")
    for item in plan.items.select_related("level__exercise"):
        assign_exercise(
            athlete=single, exercise=item.level.exercise, level=item.level, sets=item.sets,
            reps_per_leg=item.reps_per_leg, load_kg=item.load_kg,
            sessions_per_week=item.sessions_per_week, weekdays=item.weekdays,
            start_date=TODAY, notes="", by=coach, today=TODAY,
        )  # fmt: skip

    def planned(athlete):
        entries = SessionEntry.objects.filter(session__athlete=athlete)
        return sorted(entries.values_list("session__date", "level_id", "sets", "reps_per_leg"))

    assert planned(ana) == planned(single) == planned(bea)
    assert planned(ana)  # Thursday... the Friday of this week and next week's two days


def test_sending_it_twice_changes_nothing_the_second_time(squad):
    coach, ana, bea, plan = squad.unpack("coach", "ana", "bea", "plan")
    _assign(coach, plan, [ana, bea])
    before = (Assignment.objects.count(), SessionEntry.objects.count())

    again = _assign(coach, plan, [ana, bea])

    assert again.assigned == 0
    assert again.kept == {"Hinge": ["Ana Ruiz", "Bea Soto"], "Calf raise": ["Ana Ruiz", "Bea Soto"]}
    assert (Assignment.objects.count(), SessionEntry.objects.count()) == before


def test_an_athlete_with_the_exercise_keeps_theirs_and_is_named(squad):
    coach, ana, bea, calf, plan = squad.unpack("coach", "ana", "bea", "calf", "plan")
    own = factories.assignment(ana, calf, level=3)

    done = _assign(coach, plan, [ana, bea])

    assert done.kept == {"Calf raise": ["Ana Ruiz"]}
    assert done.assigned == 3
    assert Assignment.objects.active().get(athlete=ana, exercise=calf) == own


def test_archived_members_are_left_out(squad):
    coach, bea, plan, team = squad.unpack("coach", "bea", "plan", "team")
    bea.archived_at = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    bea.save()

    done = _assign(coach, plan, team.members.all())

    assert done.athletes == 1
    assert not Assignment.objects.filter(athlete=bea).exists()


@pytest.mark.parametrize(
    "case",
    ["another coach's athlete", "another coach's programme", "an empty programme", "nobody"],
)
def test_what_assigning_refuses(squad, case):
    coach, ana, plan = squad.unpack("coach", "ana", "plan")
    other = factories.coach("dora")
    athletes, by = [ana], coach
    if case == "another coach's athlete":
        athletes = [ana, factories.athlete(coach=other, name="Eva")]
    elif case == "another coach's programme":
        by = other
    elif case == "an empty programme":
        plan = factories.programme(coach=coach, name="Empty")
    else:
        athletes = []

    with pytest.raises((PermissionDenied, ValidationError)):
        _assign(by, plan, athletes)
    assert not Assignment.objects.exists()


@pytest.mark.parametrize("size", [1, 30])
def test_queries_per_batch_do_not_grow_with_the_group(squad, size):
    coach, plan = squad.unpack("coach", "plan")
    athletes = [factories.athlete(coach=coach, name=f"Runner {n:03}") for n in range(size)]
    with CaptureQueriesContext(connection) as queries:
        _assign(coach, plan, athletes)
    # Locks, items, who has what, the assignments, planning (the runs and
    # placement rules, sessions, entries and their touches), savepoints: the
    # same for 1 and for 30.
    assert len(queries) == QUERIES


QUERIES = 16


# -- Groups -----------------------------------------------------------------------


def test_members_are_set_exactly_and_twice_changes_nothing(squad):
    coach, ana, bea, team = squad.unpack("coach", "ana", "bea", "team")
    cleo = factories.athlete(coach=coach, name="Cleo Diaz")

    assert groups.set_members(group=team, by=coach, athletes=[bea, cleo]) == (1, 1)
    assert groups.set_members(group=team, by=coach, athletes=[bea, cleo]) == (0, 0)
    assert set(team.members.all()) == {bea, cleo}
    assert ana.groups.count() == 0


def test_an_athlete_can_be_in_several_groups(squad):
    coach, ana, team = squad.unpack("coach", "ana", "team")
    other = groups.create_group(by=coach, name="Marathon 2027")
    groups.set_members(group=other, by=coach, athletes=[ana])
    assert set(ana.groups.all()) == {team, other}


def test_another_coachs_athlete_cannot_join(squad):
    coach, ana, team = squad.unpack("coach", "ana", "team")
    stranger = factories.athlete(coach=factories.coach("dora"), name="Eva")
    with pytest.raises(PermissionDenied):
        groups.set_members(group=team, by=coach, athletes=[ana, stranger])
    assert not Membership.objects.filter(athlete=stranger).exists()


@pytest.mark.parametrize(
    "name, error", [("tuesday CLUB ", "already have a group called"), ("Hill reps", None)]
)
def test_group_names_are_unique_per_coach_whatever_the_case(squad, name, error):
    coach = squad.coach
    if error:
        with pytest.raises(ValidationError, match=error):
            groups.create_group(by=coach, name=name)
    else:
        assert groups.create_group(by=coach, name=name).name == "Hill reps"
    # Another coach may use any name.
    assert groups.create_group(by=factories.coach("dora"), name=name).pk


def test_rename_and_archive(squad):
    coach, team = squad.unpack("coach", "team")
    groups.rename_group(group=team, by=coach, name="Thursday club")
    groups.archive_group(group=team, by=coach)
    team.refresh_from_db()
    assert team.name == "Thursday club" and team.is_archived
    assert team.members.count() == 2  # archived, not emptied
    # The name is free again once archived.
    assert groups.create_group(by=coach, name="Thursday club").pk != team.pk


# -- Building programmes -----------------------------------------------------------


def test_an_item_takes_the_level_defaults_and_one_per_exercise(squad):
    coach, hinge = squad.unpack("coach", "hinge")
    fresh = programmes.create_programme(by=coach, name="Build phase")
    level = hinge.levels.get(order=2)

    item = programmes.add_item(programme=fresh, by=coach, level=level, sessions_per_week=2)

    assert (item.sets, item.reps_per_leg, item.load_kg) == (4, 8, 8)
    with pytest.raises(ValidationError, match="in this programme already"):
        programmes.add_item(
            programme=fresh, by=coach, level=hinge.levels.get(order=3), sessions_per_week=1
        )


def test_an_athletes_current_assignments_become_a_programme(squad):
    coach, ana, bea, hinge = squad.unpack("coach", "ana", "bea", "hinge")
    factories.assignment(ana, hinge, level=2, sets=5, sessions_per_week=3, weekdays=[1, 3, 5])

    saved = programmes.save_as_programme(athlete=ana, by=coach, name="Ana's block")

    item = saved.items.get()
    assert (item.level, item.sets, item.sessions_per_week, item.weekdays) == (
        hinge.levels.get(order=2), 5, 3, [1, 3, 5],
    )  # fmt: skip
    with pytest.raises(ValidationError, match="nothing to save"):
        programmes.save_as_programme(athlete=bea, by=coach, name="Bea's")


# -- Pages --------------------------------------------------------------------------


def test_assigning_from_the_group_page_confirms_who_kept_theirs(client, squad):
    coach, bea, hinge, plan, team = squad.unpack("coach", "bea", "hinge", "plan", "team")
    factories.assignment(bea, hinge)
    client.force_login(coach)

    response = client.post(
        reverse("coaching:assign_programme"),
        {"programme": plan.pk, "target": f"group-{team.pk}", "start_date": ON_PAGE.isoformat()},
        follow=True,
    )

    text = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("coaching:group", args=[team.pk])
    assert "“Base phase” assigned to Tuesday club (2 athletes): 3 new." in text
    assert "1 already had Hinge and kept theirs: Bea Soto." in text


@pytest.mark.parametrize(
    "data, field, words",
    [
        ({"target": ""}, "target", "Choose a group or an athlete."),
        ({"start_date": "2020-01-01"}, "start_date", "at most a week in the past"),
    ],
)
def test_bad_assign_input_is_shown_beside_the_field(client, squad, data, field, words):
    coach, ana, plan = squad.unpack("coach", "ana", "plan")
    client.force_login(coach)
    base = {"programme": plan.pk, "target": f"athlete-{ana.pk}", "start_date": ON_PAGE.isoformat()}

    response = client.post(reverse("coaching:assign_programme"), {**base, **data})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert words in response.context["form"].errors[field][0]
    assert not Assignment.objects.exists()


def test_an_empty_group_says_so_beside_the_target(client, squad):
    coach, plan = squad.unpack("coach", "plan")
    empty = factories.group(coach=coach, name="Empty")
    client.force_login(coach)
    response = client.post(
        reverse("coaching:assign_programme"),
        {"programme": plan.pk, "target": f"group-{empty.pk}", "start_date": ON_PAGE.isoformat()},
    )
    assert response.context["form"].errors == {
        "target": ["Nobody to assign to: this group has no members yet."]
    }


def test_the_members_form_offers_only_the_coachs_athletes(client, squad):
    coach, ana, bea, team = squad.unpack("coach", "ana", "bea", "team")
    stranger = factories.athlete(coach=factories.coach("dora"), name="Zoltan Stranger")
    client.force_login(coach)

    response = client.post(
        reverse("coaching:group_members", args=[team.pk]), {"athletes": [ana.pk, stranger.pk]}
    )

    assert response.status_code == 200
    assert "athletes" in response.context["members_form"].errors
    assert "Zoltan" not in response.content.decode()
    assert set(team.members.all()) == {ana, bea}


def test_building_a_programme_through_its_page(client, squad):
    coach, hinge = squad.unpack("coach", "hinge")
    client.force_login(coach)
    client.post(reverse("coaching:programmes"), {"name": "Taper"})
    taper = coach.programmes.get(name="Taper")
    level = hinge.levels.get(order=1)

    response = client.post(
        reverse("coaching:programme_add", args=[taper.pk]),
        {"level": level.pk, "sets": "", "sessions_per_week": 2, "weekdays": ["2", "5"]},
        follow=True,
    )

    assert "Added Hinge, level 1." in response.content.decode()
    assert "3 × 8 each leg · 2 × a week (Tue, Fri)" in response.content.decode()
    item = ProgrammeItem.objects.get(programme=taper)
    client.post(reverse("coaching:programme_remove", args=[item.pk]))
    assert not ProgrammeItem.objects.filter(programme=taper).exists()


@pytest.mark.parametrize("htmx", [False, True])
def test_the_athletes_list_filters_by_group(client, squad, htmx):
    coach, team = squad.unpack("coach", "team")
    factories.athlete(coach=coach, name="Cleo Diaz")  # in no group
    client.force_login(coach)
    headers = {"HX-Request": "true"} if htmx else {}

    response = client.get(reverse("athletes:roster"), {"group": team.pk}, headers=headers)

    names = [row.athlete.name for row in response.context["rows"]]
    assert names == ["Ana Ruiz", "Bea Soto"]
    assert "2 athletes in Tuesday club." in response.content.decode()
    assert ("<html" in response.content.decode()) is not htmx
    # Another coach's group id filters nothing: the whole roster.
    other = factories.group(coach=factories.coach("dora"), name="Theirs")
    response = client.get(reverse("athletes:roster"), {"group": other.pk})
    assert len(response.context["rows"]) == 3
