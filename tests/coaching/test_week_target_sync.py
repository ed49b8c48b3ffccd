"""After a tap on one card, the target line of the assignment's other cards
of the week follows it (issue 10): the check-off's answer carries the line out
of band for every card of that assignment, read in the same query count."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from coaching.models import SessionEntry
from coaching.services.sessions import plan_sessions
from tests import factories

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
TODAY = timezone.localdate()
YESTERDAY = TODAY - datetime.timedelta(days=1)


@pytest.fixture
def daily():
    """Ana trains every day, from a week ago to a week ahead; yesterday at the target (10)."""
    coach = factories.coach()
    ana = factories.athlete(coach=coach, user=factories.user("ana"))
    assignment = factories.assignment(
        ana, factories.exercise(), sessions_per_week=7, start_date=TODAY - datetime.timedelta(7)
    )
    plan_sessions(
        athlete=ana, start=TODAY - datetime.timedelta(7), end=TODAY + datetime.timedelta(7)
    )
    done = SessionEntry.objects.get(assignment=assignment, session__date=YESTERDAY)
    done.completed_at, done.reps_left, done.reps_right = timezone.now(), 10, 10
    done.save()
    return ana, assignment


def test_every_card_of_the_assignment_carries_its_target_line(client, daily):
    ana, assignment = daily
    client.force_login(ana.user)
    html = client.get(reverse("coaching:week")).content.decode()
    lines = html.count(f'class="entry-target target-of-{assignment.pk}"')
    assert lines >= 2  # today and the days after it this week at least
    assert "1 of 2 sessions at target in a row." in html


def test_a_tap_sends_the_new_line_to_the_other_cards(client, daily):
    ana, assignment = daily
    today = SessionEntry.objects.get(assignment=assignment, session__date=TODAY)
    client.force_login(ana.user)
    prefix = f"entry-{today.pk}-"
    data = {prefix + "reps_left": 10, prefix + "reps_right": 10, prefix + "pain": 0}
    response = client.post(reverse("coaching:entry_log", args=[today.pk]), data, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    reached = "2 of 2 sessions at target: ask your coach about level 2."
    # The tapped card shows it, and one out-of-band element updates every other card.
    card, oob = html.split(f'hx-swap-oob="innerHTML:.target-of-{assignment.pk}"', 1)
    assert reached in card and reached in oob.split("</div>", 1)[0]
    assert "1 of 2" not in html
    # What the other cards get is what the page shows on the next load.
    page = client.get(reverse("coaching:week")).content.decode()
    assert page.count(reached) == page.count(f'target-of-{assignment.pk}"')


def test_an_undo_takes_the_line_back(client, daily):
    ana, assignment = daily
    today = SessionEntry.objects.get(assignment=assignment, session__date=TODAY)
    client.force_login(ana.user)
    client.post(reverse("coaching:entry_done", args=[today.pk]), **HTMX)
    html = client.post(reverse("coaching:entry_undo", args=[today.pk]), **HTMX).content.decode()
    oob = html.split(f'hx-swap-oob="innerHTML:.target-of-{assignment.pk}"', 1)[1]
    assert "1 of 2 sessions at target in a row." in oob.split("</div>", 1)[0]


def test_a_history_card_sends_no_line(client, daily):
    """Last week's card is a record: it has no target line, and sends none."""
    ana, assignment = daily
    client.force_login(ana.user)
    old = SessionEntry.objects.get(  # a week ago is always last week
        assignment=assignment, session__date=TODAY - datetime.timedelta(days=7)
    )
    html = client.post(reverse("coaching:entry_done", args=[old.pk]), **HTMX).content.decode()
    assert "can&#x27;t be changed any more" in html
    assert 'hx-swap-oob="innerHTML:.target-of-' not in html
