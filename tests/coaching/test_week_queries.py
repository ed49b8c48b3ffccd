"""The week page reads in a fixed number of queries, however many exercises
the athlete has (rule 5 of DESIGN.md)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coaching.models import SessionEntry
from coaching.services.sessions import check_off_as_prescribed, monday_of, plan_sessions
from tests import factories


def week_queries(client, assignments: int) -> tuple[int, str]:
    today = timezone.localdate()
    monday = monday_of(today)
    ana = factories.athlete(
        coach=factories.user(f"coach{assignments}"), user=factories.user(f"ana{assignments}")
    )
    for n in range(assignments):
        drill = factories.exercise(f"Drill {assignments}-{n}")
        # Every day of the week, so past (missed/done), today and future all show.
        factories.assignment(ana, drill, sessions_per_week=7, start_date=monday)
    plan_sessions(athlete=ana, start=monday, end=monday + datetime.timedelta(days=6))
    for entry in ana.sessions.get(date=today).entries.all()[:1]:
        check_off_as_prescribed(entry=entry, today=today)
    client.force_login(ana.user)
    client.get(reverse("coaching:week"))  # warm up the session and content types
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("coaching:week"))
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.django_db
def test_week_query_count_does_not_grow_with_assignments(client):
    one, one_html = week_queries(client, 1)
    client.logout()
    ten, ten_html = week_queries(client, 10)
    assert one_html.count('<article class="entry') == 7
    assert ten_html.count('<article class="entry') == 70
    assert one == ten, (one, ten)
    assert ten <= 8


@pytest.mark.django_db
@pytest.mark.parametrize("htmx", [True, False])
def test_log_form_reads_in_a_fixed_number_of_queries(client, htmx):
    """Opening "Log details": the signed-in user's session and the entry with
    its session's siblings (one query), whatever the number of exercises."""
    counts = []
    for assignments in (1, 10):
        week_queries(client, assignments)  # signs in as this athlete
        entry = SessionEntry.objects.filter(
            session__athlete__user__username=f"ana{assignments}",
            session__date=timezone.localdate(),
        ).first()  # checked off or not: "Edit details" or "Log details"
        url = reverse("coaching:entry_log", args=[entry.pk])
        headers = {"HX-Request": "true"} if htmx else {}
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, headers=headers)
        assert response.status_code == 200
        counts.append(len(queries))
        client.logout()
    assert counts[0] == counts[1], counts
    assert counts[1] <= 4, counts
