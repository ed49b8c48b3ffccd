import datetime

from django.urls import reverse
from django.utils import timezone

from coaching.models import TrainingSession

from .week_fixtures import assign, athlete, exercise, user


def test_signing_in_plans_the_athletes_next_two_weeks(client, db):
    password = "pw-for-tests"
    coach = user("coach-p", groups=["Coaches"])
    ana = athlete(coach=coach, user=user("ana-p"))
    assign(ana, exercise(), sessions_per_week=2, start_date=timezone.localdate())
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
    password = "pw-for-tests"
    coach = user("coach-q", groups=["Coaches"])
    ana = athlete(coach=coach)
    assign(ana, exercise(), start_date=timezone.localdate())
    client.post(reverse("login"), {"username": "coach-q", "password": password})
    assert not TrainingSession.objects.exists()
