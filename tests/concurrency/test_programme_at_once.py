"""Assigning a programme to a group at the same moment as itself (a double
submit) and as the writes it can race on one of the group's athletes: no
deadlock, one result (the athletes first, in pk order: lock_many_for_write)."""

import pytest
from django.db import connection

from coaching.models import Assignment
from coaching.services import programmes
from coaching.services.groups import set_members
from tests import factories
from tests.concurrency import world as shared
from tests.concurrency.world import TODAY, make_world, run_at_once

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency: PostgreSQL only"),
    pytest.mark.django_db(transaction=True),
]


def _setup():
    w = make_world()
    other = factories.athlete(coach=w.coach, name="Bea Soto")
    squad = factories.group(coach=w.coach, members=[other, w.athlete])
    # The athlete has the Hinge (w.x) already; the Lunge is new to both.
    plan = factories.programme(
        coach=w.coach, items=[(w.x.exercise, 1), (w.w_exercise, 1)], sessions_per_week=7
    )
    return w, other, squad, plan


def _assign(w, squad, plan):
    return programmes.assign_programme(
        programme=plan, athletes=list(squad.members.all()), by=w.coach, start_date=TODAY,
        today=TODAY,
    )  # fmt: skip


def test_a_double_submit_gives_one_result():
    w, _, squad, plan = _setup()
    results = []

    outcomes = run_at_once(*(lambda: results.append(_assign(w, squad, plan)) for _ in range(2)))

    assert outcomes == [None, None], [repr(o) for o in outcomes]
    # One assigned three (the Lunge twice, the Hinge to Bea); the other found them all.
    assert sorted(r.assigned for r in results) == [0, 3]
    given = Assignment.objects.active().filter(exercise__in=[w.x.exercise, w.w_exercise])
    assert given.count() == 4  # each of the two athletes has each exercise once
    shared.check_consistent(w)


@pytest.mark.parametrize(
    "service", [shared.check_off, shared.level_change, shared.assign, shared.plan_ahead]
)
@pytest.mark.parametrize("lead", [0, 1])
def test_beside_another_write_of_a_member(service, lead):
    w, other, squad, plan = _setup()

    outcomes = run_at_once(lambda: _assign(w, squad, plan), lambda: service(w), lead=lead)

    if service is shared.assign and outcomes[1] is not None:
        # Both assign the Lunge: whoever comes second is refused or keeps the first's.
        assert lead == 0, repr(outcomes[1])
    else:
        assert outcomes == [None, None], [repr(o) for o in outcomes]
    lunges = Assignment.objects.active().filter(exercise=w.w_exercise)
    assert sorted(lunges.values_list("athlete_id", flat=True)) == sorted([w.athlete.pk, other.pk])
    shared.check_consistent(w)


def test_beside_a_change_of_members():
    w, other, squad, plan = _setup()
    newcomer = factories.athlete(coach=w.coach, name="Cleo Diaz")

    outcomes = run_at_once(
        lambda: _assign(w, squad, plan),
        lambda: set_members(group=squad, by=w.coach, athletes=[w.athlete, other, newcomer]),
    )

    assert outcomes == [None, None], [repr(o) for o in outcomes]
    assert squad.members.count() == 3
