"""Replays from the phone (static/js/offline.js): each action counts once per
idempotency key, a refused one says so, and the service worker is served at
the root."""

import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from coaching.models import SessionEntry, SyncedAction
from exercises.models import Exercise
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def ana():
    athlete = factories.athlete(coach=factories.coach(), user=factories.user("ana"))
    deadlift = Exercise.objects.get(slug="single-leg-deadlift")
    factories.planned_today(athlete, deadlift, today=timezone.localdate())
    return athlete


@pytest.fixture
def entry(ana):
    return SessionEntry.objects.get(session__athlete=ana)


def replay(client, entry, action, key, **data):
    url = reverse(f"coaching:entry_{action}", args=[entry.pk])
    return client.post(url, data, headers={"HX-Request": "true", "Idempotency-Key": str(key)})


def test_the_same_key_twice_writes_once(client, ana, entry):
    client.force_login(ana.user)
    done, undo = uuid.uuid4(), uuid.uuid4()
    replay(client, entry, "done", done)
    replay(client, entry, "undo", undo)
    replay(client, entry, "done", uuid.uuid4())
    again = replay(client, entry, "undo", undo)  # an old undo sent again
    assert again.status_code == 200 and b"Done" in again.content
    entry.refresh_from_db()
    assert entry.completed_at is not None
    assert SyncedAction.objects.filter(user=ana.user).count() == 3


def test_a_replayed_log_keeps_the_first_values(client, ana, entry):
    client.force_login(ana.user)
    key = uuid.uuid4()
    prefix = f"entry-{entry.pk}"

    def log(left, right):
        fields = {"reps_left": left, "reps_right": right, "pain": 1}
        return replay(client, entry, "log", key, **{f"{prefix}-{k}": v for k, v in fields.items()})

    log(8, 6)
    log(1, 1)  # the same key again, other values
    entry.refresh_from_db()
    assert (entry.reps_left, entry.reps_right) == (8, 6)


def test_a_refused_replay_says_so_and_is_recorded_as_refused(client, ana, entry):
    client.force_login(ana.user)
    past = factories.done(ana.assignments.get(), timezone.localdate().replace(year=2020),
                          completed=False)  # fmt: skip
    response = replay(client, past, "done", key := uuid.uuid4())
    assert response["Flamingo-Refused"]
    assert SyncedAction.objects.get(key=key).refused


def test_an_invalid_log_replay_is_refused_and_saves_nothing(client, ana, entry):
    client.force_login(ana.user)
    response = replay(client, entry, "log", uuid.uuid4(), **{f"entry-{entry.pk}-pain": 11})
    assert response["Flamingo-Refused"]
    entry.refresh_from_db()
    assert entry.completed_at is None


def test_a_key_that_is_not_a_uuid_is_a_clear_400(client, ana, entry):
    client.force_login(ana.user)
    assert replay(client, entry, "done", "not-a-key").status_code == 400
    entry.refresh_from_db()
    assert entry.completed_at is None


def test_another_users_key_is_their_own(client, ana, entry):
    """Keys are per user: the same UUID from someone else is another action."""
    other = factories.user("someone")
    SyncedAction.objects.create(user=other, key=(key := uuid.uuid4()), path="/x/")
    client.force_login(ana.user)
    replay(client, entry, "done", key)
    entry.refresh_from_db()
    assert entry.completed_at is not None


def test_the_service_worker_is_served_at_the_root(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert b"flamingo-pages-v1" in response.content


def test_signing_out_tells_the_browser_to_clear_what_it_kept(client, ana):
    client.force_login(ana.user)
    response = client.post(reverse("logout"))
    assert response["Clear-Site-Data"] == '"cache", "storage"'
