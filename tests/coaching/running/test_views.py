"""The running plan's pages: the athlete's upload and week, the coach's
training page with the combined week, reclassifying, the goal race, rules."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coaching.models import Run, RunningPlan
from coaching.running.parsers import MAX_BYTES
from coaching.services.sessions import monday_of, plan_ahead
from tests import factories
from tests.coaching.running import files

pytestmark = pytest.mark.django_db


def day(weekday: int, weeks: int = 0) -> datetime.date:
    """This week's ISO weekday (or a later week's)."""
    return monday_of(timezone.localdate()) + datetime.timedelta(days=weekday - 1, weeks=weeks)


def plan_of_next_week() -> bytes:
    """Intervals on Tuesday and a long run on Sunday, next week."""
    tuesday, sunday = day(2, weeks=1), day(7, weeks=1)
    return files.calendar(
        files.event("series@p", f"{tuesday:%Y%m%d}T180000Z", "Intervals 6 x 800 m"),
        files.event("long@p", f"{sunday:%Y%m%d}", "Long run 24 km"),
    )


@pytest.fixture
def ana(db):
    coach = factories.coach()
    ana = factories.athlete(coach=coach, user=factories.user("ana"))
    drill = factories.exercise("Hinge drill")
    factories.assignment(ana, drill, sessions_per_week=2, weekdays=[1, 6],
                         start_date=timezone.localdate())  # fmt: skip
    plan_ahead(athlete=ana)
    return ana


def upload(client, data: bytes, name="plan.ics", url=None):
    url = url or reverse("coaching:my_running_upload")
    return client.post(url, {"file": SimpleUploadedFile(name, data)})


def test_athlete_uploads_a_plan_and_sees_runs_beside_strength_with_reasons(client, ana):
    client.force_login(ana.user)
    assert client.get(reverse("coaching:my_running_upload")).status_code == 200
    response = upload(client, plan_of_next_week())
    assert response.status_code == 302 and response["Location"] == reverse("coaching:week")
    assert Run.objects.filter(athlete=ana).count() == 2
    week = client.get(reverse("coaching:week_of", args=[day(1, weeks=1).isoformat()]))
    html = week.content.decode()
    # Mon (the eve of the intervals) and Sat (the eve of the long run) moved:
    # to Tuesday, after the intervals, and Thursday.
    assert "Tue: intervals 6 x 800 m, then strength" in html
    assert "Sun: long run 24 km" in html
    assert "Why this day:</strong> After intervals 6 x 800 m" in html
    again = upload(client, plan_of_next_week())
    assert again.status_code == 302
    assert Run.objects.filter(athlete=ana).count() == 2


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("plan.ics", b"not a calendar at all", "This file is not a calendar"),
        ("plan.ics", files.calendar(), "This calendar has no events"),
        ("run.fit", files.fit_activity(datetime.datetime(2026, 3, 8, tzinfo=datetime.UTC))[:-9],
         "cut short"),
        ("big.ics", b"BEGIN:VCALENDAR\n" + b" " * MAX_BYTES, "larger than 10 MB"),
        ("photo.jpg", b"\xff\xd8\xff\xe0", "read this file: please upload"),
    ],
    ids=["not a calendar", "empty calendar", "truncated FIT", "too large", "a photo"],
)  # fmt: skip
def test_a_bad_file_says_why_beside_the_field_and_changes_nothing(client, ana, name, data, says):
    client.force_login(ana.user)
    version = type(ana).objects.get(pk=ana.pk).updated_at
    response = upload(client, data, name=name)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_file_error"' in html and says in html
    assert not Run.objects.exists()
    assert type(ana).objects.get(pk=ana.pk).updated_at == version


def test_no_file_at_all(client, ana):
    client.force_login(ana.user)
    response = client.post(reverse("coaching:my_running_upload"), {})
    assert response.status_code == 200
    assert "Choose a file to upload." in response.content.decode()


def test_coach_sees_the_combined_week_marks_the_goal_race_and_sees_the_taper(client, ana):
    client.force_login(ana.coach)
    race_day = day(7, weeks=1)
    url = reverse("coaching:athlete_running_upload", args=[ana.pk])
    race = files.calendar(files.event("race@p", f"{race_day:%Y%m%d}", "Valencia 10K"))
    assert upload(client, race, url=url).status_code == 302
    run = Run.objects.get(athlete=ana)
    assert run.kind == "race"
    response = client.post(reverse("coaching:run_kind", args=[run.pk]),
                           {"kind": "race", "goal_race": "on"})  # fmt: skip
    assert response.status_code == 302
    page = client.get(reverse("coaching:athlete_running", args=[ana.pk])).content.decode()
    assert "Goal race</span> <strong>Valencia 10K</strong>" in page
    assert "no strength from" in page
    # Next week is race week: its Saturday session (the race's eve) is gone,
    # and the sessions left are light, with the days to the race in the reason.
    assert "Light</span>" in page and "days to the goal race" in page


def test_coach_reclassifies_a_run_and_the_import_keeps_it(client, ana):
    client.force_login(ana.coach)
    url = reverse("coaching:athlete_running_upload", args=[ana.pk])
    upload(client, plan_of_next_week(), url=url)
    series = Run.objects.get(athlete=ana, title="Intervals 6 x 800 m")
    client.post(reverse("coaching:run_kind", args=[series.pk]), {"kind": "easy"})
    upload(client, plan_of_next_week(), url=url)
    series.refresh_from_db()
    assert (series.kind, series.detected_kind) == ("easy", "quality")
    bad = client.post(reverse("coaching:run_kind", args=[series.pk]), {"kind": "sprint"})
    assert bad.status_code == 302
    series.refresh_from_db()
    assert series.kind == "easy"


def test_coach_switches_a_rule_off(client, ana):
    client.force_login(ana.coach)
    response = client.post(reverse("coaching:running_rules", args=[ana.pk]),
                           {"free_day_after_long_run": "on"})  # fmt: skip
    assert response.status_code == 302
    rules = RunningPlan.objects.get(athlete=ana)
    assert not rules.free_day_before_key_runs and rules.free_day_after_long_run
    page = client.get(reverse("coaching:athlete_running", args=[ana.pk])).content.decode()
    assert 'id="rule-free_day_before_key_runs">' in page  # unticked
    assert 'id="rule-free_day_after_long_run" checked>' in page


def test_another_coachs_run_is_a_404(client, ana):
    run = factories.run(ana, day(3), "easy")
    client.force_login(factories.coach("bruno"))
    assert (
        client.post(reverse("coaching:run_kind", args=[run.pk]), {"kind": "race"}).status_code
        == 404
    )


def week_queries(client, athlete, runs: int) -> int:
    for n in range(runs):
        factories.run(athlete, day(1 + n % 7), ["easy", "quality", "long"][n % 3], f"Run {n}")
    client.force_login(athlete.user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("coaching:week")).status_code == 200
    return len(queries)


def test_week_page_queries_do_not_grow_with_runs(client, ana):
    bea = factories.athlete(coach=ana.coach, name="Bea", user=factories.user("bea"))
    factories.assignment(bea, factories.exercise("Bridge"), sessions_per_week=2,
                         start_date=timezone.localdate())  # fmt: skip
    plan_ahead(athlete=bea)
    one = week_queries(client, ana, 1)
    many = week_queries(client, bea, 14)
    assert one == many and many <= 10


def test_training_page_loads_the_running_section_on_its_own(client, ana):
    client.force_login(ana.coach)
    page = client.get(reverse("coaching:athlete_training", args=[ana.pk])).content.decode()
    url = reverse("coaching:athlete_running", args=[ana.pk])
    assert f'hx-get="{url}" hx-trigger="load"' in page and f'<a href="{url}">' in page
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith("<section") and "<html" not in fragment
    assert "<html" in client.get(url).content.decode()  # without JavaScript: a page


@pytest.mark.parametrize("warm", [False, True], ids=["cold", "warm"])
def test_running_section_queries_do_not_grow_with_runs(client, ana, warm):
    client.force_login(ana.coach)
    url = reverse("coaching:athlete_running", args=[ana.pk])
    counts = []
    for runs in (1, 20):
        for n in range(runs):
            factories.run(ana, day(1 + n % 14), "easy", f"Easy {runs}-{n}")
        if warm:
            client.get(url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts.append(len(queries))
    assert counts[0] == counts[1] and counts[1] <= (4 if warm else 10), counts
