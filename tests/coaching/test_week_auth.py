"""Every athlete-side URL, for every actor: anonymous, the athlete, another
athlete, her coach, another coach, a content editor."""

import pytest
from django.urls import reverse
from django.utils import timezone

from athletes.auth import CONTENT_EDITORS
from coaching.models import SessionEntry
from tests import factories

HTMX = {"HX-Request": "true"}


@pytest.fixture
def world(db):
    carmen = factories.coach("carmen")
    ana = factories.athlete(coach=carmen, user=factories.user("ana"))
    ben = factories.athlete(
        coach=factories.coach("other-coach"), user=factories.user("ben"), name="Ben"
    )
    drill = factories.exercise()
    today = timezone.localdate()
    entry = factories.planned_today(ana, drill, today=today).entries.get()
    factories.planned_today(ben, drill, today=today)
    return {
        "entry": entry,
        "users": {
            "ana": ana.user,
            "ben": ben.user,
            "carmen": carmen,
            "other-coach": ben.coach,
            "editor": factories.user("editor", groups=[CONTENT_EDITORS]),
        },
    }


def page_urls(entry):
    return [reverse("coaching:week"), reverse("coaching:week_of", args=["2026-01-05"])]


def entry_urls(entry):
    return [
        reverse(f"coaching:{name}", args=[entry.pk])
        for name in ("entry_done", "entry_log", "entry_undo")
    ]


def test_anonymous_is_sent_to_sign_in(client, world):
    for url in page_urls(world["entry"]):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for url in entry_urls(world["entry"]):
        response = client.post(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        response = client.post(url, headers=HTMX)
        assert "/accounts/login/" in response["HX-Redirect"]
    assert not SessionEntry.objects.filter(completed_at__isnull=False).exists()


def test_another_athlete_gets_404_and_changes_nothing(client, world):
    client.force_login(world["users"]["ben"])
    for url in entry_urls(world["entry"]):
        assert client.post(url, headers=HTMX).status_code == 404
        assert client.post(url).status_code == 404
    world["entry"].refresh_from_db()
    assert world["entry"].completed_at is None
    # Ben's own week shows his session, not Ana's entry.
    html = client.get(reverse("coaching:week")).content.decode()
    assert f'id="entry-{world["entry"].pk}"' not in html


@pytest.mark.parametrize("who", ["carmen", "other-coach", "editor"])
def test_coaches_and_editors_are_refused(client, world, who):
    client.force_login(world["users"][who])
    for url in page_urls(world["entry"]):
        assert client.get(url).status_code == 403
    for url in entry_urls(world["entry"]):
        assert client.post(url).status_code == 403
    world["entry"].refresh_from_db()
    assert world["entry"].completed_at is None


def test_the_athlete_herself_is_allowed(client, world):
    client.force_login(world["users"]["ana"])
    for url in page_urls(world["entry"]):
        assert client.get(url).status_code == 200
    for url in entry_urls(world["entry"]):
        assert client.post(url, headers=HTMX).status_code == 200
