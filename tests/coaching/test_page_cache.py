"""Cached week and dashboard rows: every write reaches the next page view.

The caches are keyed by Athlete.updated_at and the library's version
(coaching/site/page_cache.py, athletes/versions.py), moved on by every ORM
write (coaching/site/touch.py, tested over every model in tests/site/). Here:
every service moves it on, and a page viewed after a write shows the write."""

import datetime
import re
from decimal import Decimal
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from athletes import services as athlete_services
from athletes.models import AssessmentTest, Athlete, StrengthAssessment
from athletes.selectors import coached_athlete
from athletes.versions import athlete_version, library_version
from coaching import dashboard, roster
from coaching.models import Assignment
from coaching.services import assignments as coach_services
from coaching.services import sessions as session_services
from coaching.site import page_cache
from exercises.models import CommonMistake, ProgressionLevel
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
HTMX = {"HX-Request": "true"}


@pytest.fixture
def coach():
    return factories.coach("carmen")


@pytest.fixture
def ana(coach):
    return factories.athlete(coach=coach, user=factories.user("ana"))


@pytest.fixture
def entry(ana):
    drill = factories.exercise("Hinge drill")
    return factories.planned_today(ana, drill, today=TODAY).entries.get()


def changed_at(athlete_id: int) -> datetime.datetime:
    return Athlete.objects.values_list("updated_at", flat=True).get(pk=athlete_id)


def moves_on(athlete_id: int, write) -> bool:
    before = changed_at(athlete_id)
    write()
    return changed_at(athlete_id) > before


# -- Every write moves the athlete's version on --------------------------------


def test_check_off_log_and_undo_move_the_version_on(entry):
    athlete_id = entry.session.athlete_id
    assert moves_on(athlete_id, lambda: session_services.check_off_as_prescribed(entry=entry))
    assert not moves_on(athlete_id, lambda: session_services.check_off_as_prescribed(entry=entry))
    log = dict(reps_left=7, reps_right=8, load_kg=None, pain=2, rpe=6)
    assert moves_on(athlete_id, lambda: session_services.record_result(entry=entry, **log))
    assert not moves_on(athlete_id, lambda: session_services.record_result(entry=entry, **log))
    assert moves_on(athlete_id, lambda: session_services.undo_check_off(entry=entry))
    assert not moves_on(athlete_id, lambda: session_services.undo_check_off(entry=entry))


def test_coach_actions_move_the_version_on(coach, ana, entry):
    assignment = entry.assignment
    level_2 = assignment.exercise.levels.get(order=2)
    other = factories.exercise("Wall sit test")
    assert moves_on(
        ana.pk,
        lambda: coach_services.change_level(
            assignment=assignment, to_level=level_2, by=coach, reason=""
        ),
    )
    assert moves_on(
        ana.pk,
        lambda: coach_services.comment_on_session(session=entry.session, by=coach, text="Nice"),
    )
    assert moves_on(
        ana.pk,
        lambda: coach_services.assign_exercise(
            athlete=ana,
            exercise=other,
            level=other.levels.get(order=1),
            sets=2,
            reps_per_leg=8,
            load_kg=None,
            sessions_per_week=1,
            weekdays=[],
            start_date=TODAY + datetime.timedelta(days=60),  # nothing planned yet: still shown
            notes="",
            by=coach,
        ),
    )
    assignment.refresh_from_db()
    assert moves_on(ana.pk, lambda: coach_services.end_assignment(assignment=assignment, by=coach))


def test_planning_moves_the_version_on_only_when_it_adds_entries(ana, entry):
    assignment = Assignment.objects.get(pk=entry.assignment_id)
    assignment.weekdays = []
    assignment.save()
    end = TODAY + datetime.timedelta(days=14)
    assert moves_on(
        ana.pk, lambda: session_services.plan_sessions(athlete=ana, start=TODAY, end=end)
    )
    assert not moves_on(
        ana.pk, lambda: session_services.plan_sessions(athlete=ana, start=TODAY, end=end)
    )


def test_athlete_record_and_assessments_move_the_version_on(coach, ana):
    test = AssessmentTest.objects.first()
    assert moves_on(ana.pk, lambda: athlete_services.archive_athlete(athlete=ana))
    assert moves_on(ana.pk, lambda: athlete_services.unarchive_athlete(athlete=ana))
    assert moves_on(
        ana.pk,
        lambda: athlete_services.record_assessment(
            athlete=ana,
            test=test,
            date=TODAY,
            left_value=Decimal(10),
            right_value=Decimal(12),
            by=coach,
        ),
    )


def test_assessments_edited_in_the_admin_move_the_version_on(coach, ana):
    """Superusers can correct an assessment in the admin, even move it to
    another athlete: both athletes' pages follow, with no admin hook."""
    bea = factories.athlete(coach=coach, name="Bea")
    assessment = StrengthAssessment.objects.create(
        athlete=ana,
        test=AssessmentTest.objects.first(),
        date=TODAY,
        left_value=Decimal(10),
        right_value=Decimal(12),
        recorded_by=coach,
    )
    admin = Client()
    admin.force_login(get_user_model().objects.create_superuser("root", password="pw-for-tests"))
    url = reverse("admin:athletes_strengthassessment_change", args=[assessment.pk])
    form = {
        "athlete": bea.pk,
        "test": assessment.test_id,
        "date": TODAY.isoformat(),
        "left_value": "11",
        "right_value": "12",
        "notes": "",
        "recorded_by": coach.pk,
    }
    before = changed_at(ana.pk), changed_at(bea.pk)
    assert admin.post(url, form).status_code == 302
    assert changed_at(ana.pk) > before[0] and changed_at(bea.pk) > before[1]
    delete = reverse("admin:athletes_strengthassessment_changelist")
    action = {"action": "delete_selected", "_selected_action": [assessment.pk], "post": "yes"}
    assert moves_on(bea.pk, lambda: admin.post(delete, action))
    assert not StrengthAssessment.objects.exists()


@pytest.mark.parametrize("model", [ProgressionLevel, CommonMistake, AssessmentTest, "exercise"])
def test_content_edits_move_the_library_on_and_no_athlete_row(coach, ana, entry, model):
    bea = factories.athlete(coach=coach, name="Bea")
    row = entry.assignment.exercise if model == "exercise" else model.objects.first()
    before = library_version(), {ana.pk: changed_at(ana.pk), bea.pk: changed_at(bea.pk)}
    row.save()
    assert library_version() != before[0]
    assert before[1] == {pk: changed_at(pk) for pk in before[1]}


# -- The week page -------------------------------------------------------------


@pytest.fixture
def ana_client(ana):
    client = Client()
    client.force_login(ana.user)
    return client


def queries(client, url, **kwargs):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **kwargs)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def without_tokens(html: str) -> str:
    return re.sub(r'value="[^"]{64}"|"X-CSRFToken": "[^"]{64}"|nonce="[^"]+"', "TOKEN", html)


def test_week_second_view_is_cached_and_identical(ana_client, entry):
    url = reverse("coaching:week")
    cold, first = queries(ana_client, url)
    warm, second = queries(ana_client, url)
    # Session, the user with their roles and athlete record, the library's version.
    assert warm == 3 < cold
    assert without_tokens(first) == without_tokens(second)
    assert page_cache.csrf_placeholder() not in second
    _, fragment = queries(ana_client, url, headers=HTMX)
    assert "<html" not in fragment and 'id="week"' in fragment
    assert page_cache.csrf_placeholder() not in fragment


def test_cached_forms_carry_this_sessions_csrf_token(ana, entry):
    """The cached week was rendered for another browser session; its forms
    must still post with this one's token (no-JavaScript check-off)."""
    other = Client()
    other.force_login(ana.user)
    other.get(reverse("coaching:week"))  # renders and caches the week
    client = Client(enforce_csrf_checks=True)
    client.force_login(ana.user)
    html = client.get(reverse("coaching:week")).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = client.post(
        reverse("coaching:entry_done", args=[entry.pk]), {"csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.completed_at is not None


def test_week_shows_a_check_off_made_after_it_was_cached(ana_client, entry):
    url = reverse("coaching:week")
    assert "Done as prescribed" in ana_client.get(url).content.decode()
    ana_client.post(reverse("coaching:entry_done", args=[entry.pk]), headers=HTMX)
    html = ana_client.get(url).content.decode()
    assert "Undo" in html and "8 left, 8 right" in html


def test_week_shows_the_coachs_comment_and_content_edits(coach, ana_client, entry):
    url = reverse("coaching:week")
    ana_client.get(url)
    coach_services.comment_on_session(session=entry.session, by=coach, text="Lovely hinge")
    drill = entry.assignment.exercise
    drill.key_cue = "Reach long through the heel."
    drill.save()
    html = ana_client.get(url).content.decode()
    assert "Lovely hinge" in html and "Reach long through the heel." in html


def test_week_moves_with_the_date(ana_client, entry):
    url = reverse("coaching:week")
    assert "Today <span" in ana_client.get(url).content.decode()
    tomorrow = TODAY + datetime.timedelta(days=1)
    with mock.patch("django.utils.timezone.localdate", return_value=tomorrow):
        html = ana_client.get(
            reverse("coaching:week_of", args=[TODAY.isoformat()])
        ).content.decode()
    assert "Yesterday <span" in html and "Today <span" not in html


def test_one_athletes_cached_week_never_reaches_another(coach, entry):
    bea = factories.athlete(coach=coach, user=factories.user("bea"), name="Bea")
    factories.planned_today(bea, factories.exercise("Wall sit test"), today=TODAY)
    ana_client = Client()
    ana_client.force_login(entry.session.athlete.user)
    ana_client.get(reverse("coaching:week"))
    bea_client = Client()
    bea_client.force_login(bea.user)
    html = bea_client.get(reverse("coaching:week")).content.decode()
    assert "Wall sit test" in html and "Hinge drill" not in html


# -- The dashboard -------------------------------------------------------------


@pytest.fixture
def coach_client(coach):
    client = Client()
    client.force_login(coach)
    return client


def test_dashboard_rows_are_reused_until_their_athlete_changes(coach, coach_client, ana, entry):
    factories.athlete(coach=coach, name="Bea")
    url = reverse("coaching:dashboard")
    cold, _ = queries(coach_client, url)
    warm, html = queries(coach_client, url)
    assert warm == 3 < cold  # session, user, the roster's and the library's versions (one query)
    assert "0 / 0" not in html and "Bea" in html
    with mock.patch("coaching.roster.roster", wraps=roster.roster) as computed:
        session_services.check_off_as_prescribed(entry=entry)
        _, html = queries(coach_client, url)
    # Only Ana's row is computed again; Bea's comes from the cache.
    assert computed.call_args.kwargs["athlete_ids"] == [ana.pk]
    assert "1 / 1 · 100 %" in html


def test_dashboard_follows_the_roster(coach, coach_client, ana, entry):
    url = reverse("coaching:dashboard")
    coach_client.get(url)
    athlete_services.archive_athlete(athlete=ana)
    bea = athlete_services.create_athlete(coach=coach, name="Bea")
    html = coach_client.get(url).content.decode()
    assert "Bea" in html and "Ana Ruiz" not in html
    assert bea.pk


# -- The training page ---------------------------------------------------------


def test_training_page_is_cached_and_follows_the_coachs_changes(coach, coach_client, ana, entry):
    url = reverse("coaching:athlete_training", args=[ana.pk])
    cold, _ = queries(coach_client, url)
    warm, html = queries(coach_client, url)
    assert warm == 3 < cold  # session, user, the athlete with their history count and library
    assert "Level 1 of 3" in html
    coach_client.post(
        reverse("coaching:session_comment", args=[entry.session_id]),
        {"comment": "Great balance today"},
        headers=HTMX,
    )
    level_2 = entry.assignment.exercise.levels.get(order=2)
    coach_client.post(
        reverse("coaching:change_level", args=[entry.assignment_id]),
        {"to_level": level_2.pk, "reason": "Ready"},
        headers=HTMX,
    )
    html = coach_client.get(url).content.decode()
    assert "Great balance today" in html and "Level 2 of 3" in html


def test_training_history_pages_are_cached_per_page(coach_client, ana, entry):
    url = reverse("coaching:athlete_training", args=[ana.pk])
    fragment = coach_client.get(url + "?page=junk", headers=HTMX).content.decode()
    assert 'id="history"' in fragment and "<html" not in fragment
    assert page_cache.csrf_placeholder() not in fragment
    # Junk means the first page: the same cached section answers.
    warm, again = queries(coach_client, url + "?page=1", headers=HTMX)
    assert warm == 3 and without_tokens(again) == without_tokens(fragment)


def test_unchanged_dashboard_is_one_cached_section(coach, coach_client, ana, entry):
    url = reverse("coaching:dashboard")
    coach_client.get(url, {"show": "all", "sort": "adherence"})
    with mock.patch("coaching.dashboard.dashboard_rows") as rows:
        html = coach_client.get(url, {"sort": "adherence", "utm_source": "mail"}).content.decode()
    rows.assert_not_called()
    assert "Ana Ruiz" in html
    # The links name both parameters and nothing else from the request.
    assert 'href="?show=ready&amp;sort=adherence"' in html and "utm_source" not in html


# -- The dashboard's versions: one row ----------------------------------------


def test_dashboard_lists_athletes_by_name_ignoring_case(coach, coach_client):
    for name in ("carl Diaz", "Bea Lopez", "ana Ruiz", "Ana Ruiz"):
        factories.athlete(coach=coach, name=name)
    html = coach_client.get(reverse("coaching:dashboard")).content.decode()
    names = re.findall(r">((?:ana|Ana|Bea|carl) [A-Z][a-z]+)</a>", html)
    assert names == ["Ana Ruiz", "ana Ruiz", "Bea Lopez", "carl Diaz"]


def test_roster_versions_fold_search_group_and_versions_into_one_row(coach):
    ana, bea = factories.athlete(coach=coach), factories.athlete(coach=coach, name="Bea")
    factories.athlete(coach=coach, name="Old", archived=True)
    factories.athlete(coach=factories.coach("other"), name="Not mine")
    club = factories.group(coach=coach, members=[bea])
    with CaptureQueriesContext(connection) as queries:
        found = dashboard.roster_versions(coach, q="be", group=club.pk)
    assert len(queries) == 1
    assert set(found.versions) == {ana.pk, bea.pk}
    assert found.searched == {bea.pk} and found.kept == {bea.pk}
    assert found.groups == [(club.pk, "Tuesday club")]
    # A group that is not the coach's keeps nobody; no group keeps nobody either.
    assert dashboard.roster_versions(coach, group=club.pk + 99).kept == set()
    assert dashboard.roster_versions(coach).searched == {ana.pk, bea.pk}

    same = dashboard.roster_versions(coach, q="be", group=club.pk)
    assert same.digest == found.digest  # whatever order the database joined them in
    ana.notes = "Moved on"
    ana.save()
    assert dashboard.roster_versions(coach, q="be", group=club.pk).digest != found.digest


def test_the_library_version_read_with_the_athlete_is_the_one_read_alone(coach, ana, entry):
    with CaptureQueriesContext(connection) as queries:
        loaded = coached_athlete(coach, ana.pk)
        version = athlete_version(loaded, TODAY)
    assert len(queries) == 1
    assert version == athlete_version(Athlete.objects.get(pk=ana.pk), TODAY)  # its own query
    level = entry.assignment.level
    level.cue = "Hips square, always"
    level.save()
    assert athlete_version(coached_athlete(coach, ana.pk), TODAY) != version
