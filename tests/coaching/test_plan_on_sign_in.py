import datetime

from django.urls import reverse
from django.utils import timezone

from coaching.models import TrainingSession
from tests import factories


def test_signing_in_plans_the_athletes_next_two_weeks(client, db):
    password = factories.PASSWORD
    coach = factories.coach("coach-p")
    ana = factories.athlete(coach=coach, user=factories.user("ana-p"))
    factories.assignment(
        ana, factories.exercise(), sessions_per_week=2, start_date=timezone.localdate()
    )
    assert not TrainingSession.objects.filter(athlete=ana).exists()

    response = client.post(reverse("login"), {"username": "ana-p", "password": password})

    assert response.status_code == 302
    dates = list(TrainingSession.objects.filter(athlete=ana).values_list("date", flat=True))
    today = timezone.localdate()
    assert dates and all(today <= d < today + datetime.timedelta(days=14) for d in dates)

    # Again: idempotent, nothing new.
    client.logout()
    client.post(reverse("login"), {"username": "ana-p", "password": password})
    assert TrainingSession.objects.filter(athlete=ana).count() == len(dates)


def test_signing_in_as_a_coach_plans_nothing(client, db):
    password = factories.PASSWORD
    coach = factories.coach("coach-q")
    ana = factories.athlete(coach=coach)
    factories.assignment(ana, factories.exercise(), start_date=timezone.localdate())
    client.post(reverse("login"), {"username": "coach-q", "password": password})
    assert not TrainingSession.objects.exists()
