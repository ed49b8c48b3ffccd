"""Issue 9: two identical assessment saves at the same moment gave HTTP 500
(IntegrityError on the one-per-test-per-day constraint). Now the second gets
the field error a second save one after the other gets."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from athletes.models import StrengthAssessment
from tests import factories
from tests.concurrency.world import _assessment_test, run_at_once

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency: PostgreSQL only"),
    pytest.mark.django_db(transaction=True),
]

ALREADY = "already has a hop result on"


def test_two_identical_saves_at_once_give_one_result_and_the_sequential_field_error():
    coach = factories.coach()
    athlete = factories.athlete(coach=coach)
    test = _assessment_test()
    url = reverse("athletes:record_assessment", args=[athlete.pk])
    data = {"test": test.pk, "date": timezone.localdate().isoformat(), "left_value": "40",
            "right_value": "38"}  # fmt: skip
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(coach)
    responses = []

    def save(client):
        responses.append(client.post(url, data, headers={"HX-Request": "true"}))

    outcomes = run_at_once(*(lambda c=c: save(c) for c in clients), pause=False)

    assert outcomes == [None, None], outcomes
    assert sorted(r.status_code for r in responses) == [200, 200]
    refused = [r for r in responses if ALREADY in r.content.decode()]
    assert len(refused) == 1
    assert StrengthAssessment.objects.filter(athlete=athlete).count() == 1
    # The same words, beside the same field, as a second save afterwards
    # (the form errors of the threads' responses are not captured apart: the
    # test client's template signal is global, so compare the HTML).
    after = clients[0].post(url, data, headers={"HX-Request": "true"})
    assert list(after.context["form"].errors) == ["date"]
    error = after.context["form"]["date"].errors.as_ul()
    assert error in refused[0].content.decode()
