"""The coach shapes the prescription of an active assignment (issue 10):
recorded like a level change, future planned entries re-snapshotted, history
kept; per leg when wanted; the extra set suggested from the assessments and
applied only when accepted; the athlete's card shows it and the target."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from athletes import services as athlete_services
from athletes.models import AssessmentTest
from coaching.models import Assignment, PrescriptionChange, SessionEntry
from coaching.services import assignments as services
from coaching.services.sessions import plan_sessions
from tests import factories

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
TODAY = timezone.localdate()
YESTERDAY = TODAY - datetime.timedelta(days=1)


@pytest.fixture
def planned():
    """An athlete training every day, from a week ago to a week ahead; yesterday done."""
    coach = factories.coach()
    athlete = factories.athlete(coach=coach, user=factories.user("ana"))
    assignment = factories.assignment(
        athlete,
        factories.exercise(),
        sessions_per_week=7,
        start_date=TODAY - datetime.timedelta(days=7),
    )
    plan_sessions(
        athlete=athlete,
        start=TODAY - datetime.timedelta(days=7),
        end=TODAY + datetime.timedelta(days=7),
    )
    done = SessionEntry.objects.get(assignment=assignment, session__date=YESTERDAY)
    done.completed_at, done.reps_left, done.reps_right = timezone.now(), 8, 8
    done.save()
    return coach, athlete, assignment


def change(assignment, coach, **fields):
    values = {"sets": 3, "reps_per_leg": 10, "load_kg": None, "by": coach, "reason": "Aim higher"}
    return services.change_prescription(assignment=assignment, **(values | fields))


def snapshot(entry):
    return (entry.sets, entry.reps_per_leg, entry.extra_sets, entry.extra_sets_leg)


def test_the_change_is_recorded_and_future_entries_take_it(planned):
    coach, _, assignment = planned
    recorded = change(assignment, coach, sets=2, extra_sets=1, extra_sets_leg="left")
    assert recorded.side("from") == {
        "sets": 3,
        "reps_per_leg": 8,
        "load_kg": None,
        "extra_sets": 0,
        "extra_sets_leg": "",
        "leg_reps": None,
        "reps_max": None,
    }
    assert recorded.side("to")["extra_sets_leg"] == "left"
    assert (recorded.changed_by, recorded.reason) == (coach, "Aim higher")
    entries = SessionEntry.objects.filter(assignment=assignment).select_related("session")
    for entry in entries:
        if entry.session.date >= TODAY:
            assert snapshot(entry) == (2, 10, 1, "left"), entry.session.date
        else:  # done yesterday, or missed: history keeps what was prescribed then
            assert snapshot(entry) == (3, 8, 0, ""), entry.session.date


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"reps_per_leg": 8}, "already the prescription"),
        ({"extra_sets": 1}, "Choose the leg"),
        ({"leg_reps": 8}, "Choose the leg"),
        ({"reps_max": 9}, "top of the range is below 10"),
        ({"extra_sets_leg": "left", "leg_reps": 12, "reps_max": 11}, "below 12"),
    ],
)
def test_refused_changes_change_nothing(planned, fields, message):
    coach, _, assignment = planned
    with pytest.raises(ValidationError, match=message):
        change(assignment, coach, **({"sets": 3, "reps_per_leg": 10} | fields))
    assert not PrescriptionChange.objects.exists()
    assert Assignment.objects.get(pk=assignment.pk).reps_per_leg == 8


def test_an_ended_assignment_keeps_its_prescription(planned):
    coach, _, assignment = planned
    services.end_assignment(assignment=assignment, by=coach)
    with pytest.raises(ValidationError, match="has ended"):
        change(assignment, coach)


def test_another_coach_cannot(planned):
    _, _, assignment = planned
    with pytest.raises(Exception, match="Only the athlete's coach"):
        change(assignment, factories.coach("other"))


def url(assignment):
    return reverse("coaching:change_prescription", args=[assignment.pk])


def form_data(assignment, **fields):
    prefix = f"prescription-{assignment.pk}-"
    data = {"sets": 3, "reps_per_leg": 10, "load_kg": "", "reason": "Clean reps"} | fields
    return {prefix + name: value for name, value in data.items()}


def test_view_htmx_answers_with_the_card_and_the_history(client, planned):
    coach, _, assignment = planned
    client.force_login(coach)
    response = client.post(url(assignment), form_data(assignment), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<article class="card assignment-card"')
    assert "Prescription changed." in html
    assert "3 × 10 each leg" in html
    assert "Prescription 3 × 8 each leg → 3 × 10 each leg by" in html
    assert "Clean reps" in html


def test_view_without_js_redirects_to_the_training_page(client, planned):
    coach, athlete, assignment = planned
    client.force_login(coach)
    response = client.post(url(assignment), form_data(assignment))
    assert response.status_code == 302
    assert response.url == reverse("coaching:athlete_training", args=[athlete.pk])


def test_bad_input_shows_beside_the_field_and_changes_nothing(client, planned):
    coach, _, assignment = planned
    client.force_login(coach)
    data = form_data(assignment, sets=0, extra_sets=2, extra_sets_leg="")
    html = client.post(url(assignment), data, **HTMX).content.decode()
    assert f'id="id_prescription-{assignment.pk}-sets_error"' in html
    assert "Choose the leg that gets these sets or reps." in html
    assert not PrescriptionChange.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"reps_per_leg": 0}, "reps_per_leg", "Enter 1 or more."),
        ({"load_kg": "-2"}, "load_kg", "Enter 0 or more."),
        ({"reps_per_leg": 10, "reps_max": 8}, "reps_max", "top of the range is below 10"),
        ({"leg_reps": 0, "extra_sets_leg": "left"}, "leg_reps", "Enter 1 or more."),
        ({"leg_reps": 8}, "extra_sets_leg", "Choose the leg"),
    ],
)
def test_each_bad_value_is_named_beside_its_field(client, planned, fields, field, message):
    coach, _, assignment = planned
    client.force_login(coach)
    response = client.post(url(assignment), form_data(assignment, **fields), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    error = html.split(f'id="id_prescription-{assignment.pk}-{field}_error"', 1)[1]
    assert message in error.split("</ul>", 1)[0]
    assert not PrescriptionChange.objects.exists()
    assert Assignment.objects.get(pk=assignment.pk).reps_per_leg == 8


def test_reps_per_leg_and_a_range_reach_the_coming_sessions_only(planned):
    coach, _, assignment = planned
    change(
        assignment,
        coach,
        sets=2,
        reps_per_leg=10,
        extra_sets=1,
        extra_sets_leg="left",
        leg_reps=8,
        reps_max=12,
        load_kg=Decimal("8"),
    )
    for entry in SessionEntry.objects.filter(assignment=assignment).select_related("session"):
        shape = (entry.sets, entry.reps_per_leg, entry.extra_sets_leg, entry.leg_reps)
        if entry.session.date >= TODAY:
            assert (*shape, entry.reps_max, entry.load_kg) == (2, 10, "left", 8, 12, Decimal(8))
        else:
            assert (*shape, entry.reps_max) == (3, 8, "", None, None)


def test_the_database_refuses_a_range_upside_down_and_an_unnamed_leg(planned):
    from django.db import IntegrityError, transaction

    _, _, assignment = planned
    for fields in ({"reps_max": 7}, {"leg_reps": 6}, {"extra_sets_leg": "left"}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Assignment.objects.filter(pk=assignment.pk).update(**fields)


def test_the_athlete_sees_each_legs_prescription_and_one_tap_logs_it(client, planned):
    coach, athlete, assignment = planned
    change(
        assignment,
        coach,
        sets=2,
        extra_sets=1,
        extra_sets_leg="left",
        leg_reps=8,
        load_kg=Decimal("8"),
    )
    client.force_login(athlete.user)
    html = client.get(reverse("coaching:week")).content.decode()
    assert "Left 3 × 8 · Right 2 × 10 · 8 kg" in html
    today = SessionEntry.objects.get(assignment=assignment, session__date=TODAY)
    client.post(reverse("coaching:entry_done", args=[today.pk]), **HTMX)
    today.refresh_from_db()
    assert (today.reps_left, today.reps_right) == (8, 10)


def _left_weaker(athlete, coach):
    test = AssessmentTest.objects.get(slug="single-leg-heel-raise")
    athlete_services.record_assessment(
        athlete=athlete,
        test=test,
        date=TODAY,
        left_value=Decimal(30),
        right_value=Decimal(40),
        by=coach,
    )
    return test


def test_the_extra_set_is_suggested_and_applied_only_when_accepted(client, planned):
    coach, athlete, assignment = planned
    _left_weaker(athlete, coach)
    client.force_login(coach)
    page = client.get(reverse("coaching:athlete_training", args=[athlete.pk])).content.decode()
    assert "Left 25 % weaker" in page and "one extra set on the left?" in page
    assert not PrescriptionChange.objects.exists()  # only suggested
    data = form_data(assignment, sets=3, reps_per_leg=8, extra_sets=1, extra_sets_leg="left")
    html = client.post(url(assignment), data, **HTMX).content.decode()
    assert "Left 4 × 8 · Right 3 × 8" in html
    assert "one extra set on the left?" not in html  # taken


def test_the_athlete_sees_the_per_leg_prescription_starting_on_the_weaker_leg(client, planned):
    coach, athlete, assignment = planned
    change(assignment, coach, sets=2, extra_sets=1, extra_sets_leg="right")
    client.force_login(athlete.user)
    html = client.get(reverse("coaching:week")).content.decode()
    assert "Left 2 × 10 · Right 3 × 10" in html
    assert "Start on your right leg." in html


def test_the_athlete_starts_on_the_leg_the_assessment_found_weaker(client, planned):
    coach, athlete, _ = planned
    athlete.dominant_leg = "left"  # the non-dominant start would be the right
    athlete.save()
    _left_weaker(athlete, coach)
    client.force_login(athlete.user)
    assert "Start on your left leg." in client.get(reverse("coaching:week")).content.decode()


def test_the_card_shows_the_target_and_how_far(client, planned):
    _, athlete, assignment = planned
    client.force_login(athlete.user)
    html = client.get(reverse("coaching:week")).content.decode()
    assert "Aim for 10 each leg." in html
    assert "0 of 2 sessions at target in a row." in html
    # Two at target (yesterday's 8 are below it, so two more from today):
    done = SessionEntry.objects.get(assignment=assignment, session__date=YESTERDAY)
    done.reps_left = done.reps_right = 10
    done.save()
    before = SessionEntry.objects.get(
        assignment=assignment, session__date=YESTERDAY - datetime.timedelta(days=1)
    )
    before.completed_at, before.reps_left, before.reps_right = timezone.now(), 10, 10
    before.save()
    html = client.get(reverse("coaching:week")).content.decode()
    assert "2 of 2 sessions at target: ask your coach about level 2." in html


def test_done_at_the_target_logs_it_in_one_tap(client, planned):
    _, athlete, assignment = planned
    today = SessionEntry.objects.get(assignment=assignment, session__date=TODAY)
    client.force_login(athlete.user)
    html = client.get(reverse("coaching:week")).content.decode()
    assert "Done: 10 each leg" in html
    prefix = f"entry-{today.pk}-"
    data = {prefix + "reps_left": 10, prefix + "reps_right": 10, prefix + "pain": 0}
    response = client.post(reverse("coaching:entry_log", args=[today.pk]), data, **HTMX)
    assert response.status_code == 200
    today.refresh_from_db()
    assert (today.reps_left, today.reps_right, today.pain) == (10, 10, 0)


def test_a_level_change_keeps_the_extra_set_and_drops_reps_shaped_for_the_old_level(planned):
    coach, _, assignment = planned
    change(assignment, coach, sets=2, extra_sets=1, extra_sets_leg="left", leg_reps=12, reps_max=14)
    level_2 = assignment.exercise.levels.get(order=2)
    services.change_level(assignment=assignment, to_level=level_2, by=coach, reason="")
    fresh = Assignment.objects.get(pk=assignment.pk)
    shape = (fresh.sets, fresh.reps_per_leg, fresh.extra_sets, fresh.extra_sets_leg)
    assert shape == (level_2.default_sets, level_2.default_reps_per_leg, 1, "left")
    assert (fresh.leg_reps, fresh.reps_max) == (None, None)


def test_a_level_change_after_only_other_reps_on_one_leg_leaves_both_legs_alike(planned):
    coach, _, assignment = planned
    change(assignment, coach, extra_sets_leg="right", leg_reps=6)
    level_2 = assignment.exercise.levels.get(order=2)
    services.change_level(assignment=assignment, to_level=level_2, by=coach, reason="")
    fresh = Assignment.objects.get(pk=assignment.pk)
    assert (fresh.extra_sets_leg, fresh.leg_reps, fresh.extra_sets) == ("", None, 0)
