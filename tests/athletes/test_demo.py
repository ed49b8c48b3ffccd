import pytest
from django.core.management import call_command

from athletes.models import Athlete, StrengthAssessment
from athletes.selectors import latest_results_for, lsi_flag

pytestmark = pytest.mark.django_db


def test_demo_data_is_idempotent_and_tells_a_story():
    call_command("demo_data", verbosity=0)
    counts = (Athlete.objects.count(), StrengthAssessment.objects.count())
    call_command("demo_data", verbosity=0)
    assert (Athlete.objects.count(), StrengthAssessment.objects.count()) == counts

    ana = Athlete.objects.get(user__username="ana")
    coach = ana.coach
    roster = list(Athlete.objects.for_coach(coach).active())
    assert coach.username == "coach" and len(roster) >= 8

    heel = [a for a in ana.assessments.order_by("date") if a.test.slug == "single-leg-heel-raise"]
    span = (heel[-1].date - heel[0].date).days
    assert 75 <= span <= 100  # about three months
    lsis = [a.symmetry.lsi for a in heel]
    assert lsis == sorted(lsis) and lsis[0] < 90 <= lsis[-1]  # improving
    assert {a.symmetry.weaker for a in heel[:-1]} == {"left"}

    results = latest_results_for(roster)
    flagged = [a for a in roster if lsi_flag(results[a.pk])]
    assert 1 <= len(flagged) <= 2 and ana not in flagged
    assert Athlete.objects.for_coach(coach).archived().exists()
