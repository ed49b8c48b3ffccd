"""A coach reads body mass in kg or lb (issue 11): stored in kg, shown in the choice."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from athletes.models import BodyMass, CoachPreference, weight_unit_for
from coaching.site.formats import weight

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("kg", "unit", "shown"),
    [(58, "kg", "58 kg"), (Decimal("58.5"), "kg", "58.5 kg"), (58, "lb", "127.9 lb"),
     (Decimal("100"), "lb", "220.5 lb"), (None, "lb", "")],
)  # fmt: skip
def test_weight_in_the_coachs_unit(kg, unit, shown):
    assert weight(kg, unit) == shown


def test_the_coach_chooses_lb_and_the_athlete_page_follows(client, coach, athlete):
    BodyMass.objects.create(athlete=athlete, date=timezone.localdate(), kg=Decimal(58))
    client.force_login(coach)
    assert "58 kg" in client.get(athlete.get_absolute_url()).content.decode()
    response = client.post(reverse("athletes:weight_unit"), {"weight_unit": "lb"})
    assert response.status_code == 302 and weight_unit_for(coach) == "lb"
    assert "127.9 lb" in client.get(athlete.get_absolute_url()).content.decode()
    report = client.get(reverse("athletes:report", args=[athlete.pk])).content.decode()
    assert "127.9 lb" in report
    # Bad input: a message, nothing changed.
    client.post(reverse("athletes:weight_unit"), {"weight_unit": "stone"})
    assert CoachPreference.objects.get(coach=coach).weight_unit == "lb"


def test_body_mass_entered_with_the_athlete_is_dated(client, coach, athlete):
    client.force_login(coach)
    data = {"name": athlete.name, "dominant_leg": "right", "involved_leg": "left",
            "involved_note": "Achilles", "involved_since": "2026-03-01", "leg_length_cm": "88",
            "body_mass_kg": "58.5"}  # fmt: skip
    assert client.post(reverse("athletes:edit", args=[athlete.pk]), data).status_code == 302
    athlete.refresh_from_db()
    assert (athlete.involved_leg, athlete.involved_note) == ("left", "Achilles")
    [mass] = athlete.body_masses.all()
    assert (mass.date, mass.kg) == (timezone.localdate(), Decimal("58.5"))
    # A note without a leg is refused beside the field.
    data.update(involved_leg="")
    html = client.post(reverse("athletes:edit", args=[athlete.pk]), data).content.decode()
    assert "Choose the involved leg" in html
