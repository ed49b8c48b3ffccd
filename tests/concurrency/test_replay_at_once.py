"""Two replays of one offline action with the same idempotency key at the same
moment (a retry racing a slow answer): one counts, the other changes nothing."""

import uuid

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coaching.models import SessionEntry, SyncedAction
from coaching.services.sessions import check_off_as_prescribed
from exercises.models import Exercise
from tests import factories
from tests.concurrency.world import run_at_once

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency: PostgreSQL only"),
    pytest.mark.django_db(transaction=True),
]


def test_two_replays_of_one_undo_at_once_undo_once():
    today = timezone.localdate()
    ana = factories.athlete(coach=factories.coach(), user=factories.user("ana"))
    factories.planned_today(ana, Exercise.objects.get(slug="single-leg-deadlift"), today=today)
    entry = SessionEntry.objects.select_related("session").get(session__athlete=ana)
    check_off_as_prescribed(entry=entry, today=today)
    key = str(uuid.uuid4())
    url = reverse("coaching:entry_undo", args=[entry.pk])
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(ana.user)
    statuses = []

    def undo(client):
        response = client.post(url, headers={"HX-Request": "true", "Idempotency-Key": key})
        statuses.append(response.status_code)

    assert run_at_once(*(lambda c=c: undo(c) for c in clients)) == [None, None]
    assert statuses == [200, 200]
    assert SyncedAction.objects.filter(key=key).count() == 1
    entry.refresh_from_db()
    assert entry.completed_at is None  # undone once; the twin did not check it off again
