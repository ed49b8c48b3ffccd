"""The athlete page reads the latest body mass and invite in the athlete's
row (models.with_latest): what it shows must be what the two queries give."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from athletes.models import (
    AthleteInvite,
    BodyMass,
    CoachPreference,
    latest_body_mass,
    latest_invite,
)
from athletes.selectors import coached_athlete

pytestmark = pytest.mark.django_db

FIELDS = {
    BodyMass: ("pk", "athlete_id", "date", "kg", "unit"),
    AthleteInvite: ("pk", "athlete_id", "sent_to", "created_at", "expires_at", "used_at"),
}


def _same(read, queried):
    if queried is None:
        assert read is None
        return
    for name in FIELDS[type(queried)]:
        assert getattr(read, name) == getattr(queried, name), name
        assert type(getattr(read, name)) is type(getattr(queried, name)), name
    assert read._state.adding is False


def _invite(athlete, days_ago: int, **fields):
    created = timezone.now() - datetime.timedelta(days=days_ago)
    return AthleteInvite.objects.create(
        athlete=athlete,
        token_hash=f"{athlete.pk}-{days_ago}".ljust(64, "0"),
        created_at=created,
        expires_at=created + datetime.timedelta(days=7),
        **fields,
    )


@pytest.mark.parametrize(
    ("masses", "invites", "unit"),
    [
        ((), (), None),  # nothing recorded: no mass, no invite
        (((3, "71.4"),), ((9, {}),), None),  # kg when the coach never chose
        (((10, "70.0"), (2, "72.5")), ((20, {"used_at": timezone.now()}), (1, {})), "lb"),
        (((1, "65.5"),), ((3, {"sent_to": "ana@example.com"}),), "kg"),
    ],
)
def test_the_row_gives_what_the_queries_give(coach, athlete, masses, invites, unit):
    today = timezone.localdate()
    for days_ago, kg in masses:
        BodyMass.objects.create(
            athlete=athlete, date=today - datetime.timedelta(days=days_ago), kg=Decimal(kg)
        )
    for days_ago, fields in invites:
        _invite(athlete, days_ago, **fields)
    if unit:
        CoachPreference.objects.create(coach=coach, weight_unit=unit)
    plain = coached_athlete(coach, athlete.pk)
    row = coached_athlete(coach, athlete.pk, latest=True)
    _same(latest_body_mass(row, coach), latest_body_mass(plain, coach))
    _same(latest_invite(row), latest_invite(plain))
    if masses:  # the newest by date, in the coach's unit
        newest = min(masses)
        assert latest_body_mass(row, coach).kg == Decimal(newest[1])
        assert latest_body_mass(row, coach).unit == (unit or "kg")
    if invites:
        assert latest_invite(row).state() == latest_invite(plain).state()


def test_an_athlete_read_with_latest_needs_no_query_for_them(
    coach, athlete, django_assert_num_queries
):
    BodyMass.objects.create(athlete=athlete, date=timezone.localdate(), kg=Decimal("70.0"))
    invite = _invite(athlete, 1)
    row = coached_athlete(coach, athlete.pk, latest=True)
    with django_assert_num_queries(0):
        assert latest_body_mass(row, coach).kg == Decimal("70.0")
        assert latest_invite(row).pk == invite.pk
        assert latest_invite(row).state() == invite.state()  # reads the athlete it came with
