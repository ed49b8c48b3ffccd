import datetime
import threading
from decimal import Decimal

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from coaching.models import SessionEntry, TrainingSession
from coaching.services.sessions import (
    CheckOffClosed,
    check_off_as_prescribed,
    plan_sessions,
    record_result,
    undo_check_off,
)
from tests import factories
from tests.factories import MONDAY, WEDNESDAY

DAY = datetime.timedelta(days=1)


def two_exercise_session():
    """Wednesday's session for ana with two entries (hinge at level 2 with 8 kg)."""
    ana = factories.athlete(coach=factories.user("carmen"), user=factories.user("ana"))
    factories.assignment(
        ana, factories.exercise("Hinge drill"), level=2, sessions_per_week=1, weekdays=[3]
    )
    factories.assignment(ana, factories.exercise("Squat drill"), sessions_per_week=1, weekdays=[3])
    plan_sessions(athlete=ana, start=MONDAY, end=MONDAY + 6 * DAY)
    session = TrainingSession.objects.get()
    hinge, squat = session.entries.order_by("assignment__exercise__name")
    return session, hinge, squat


@pytest.mark.django_db
def test_as_prescribed_records_the_prescription_once():
    session, hinge, _ = two_exercise_session()
    first = check_off_as_prescribed(entry=hinge, today=WEDNESDAY)
    second = check_off_as_prescribed(entry=hinge, today=WEDNESDAY)  # double tap
    assert (first.changed, second.changed) == (True, False)
    hinge.refresh_from_db()
    assert hinge.completed_at == first.entry.completed_at
    assert (hinge.reps_left, hinge.reps_right, hinge.load_done_kg, hinge.pain) == (
        8,
        8,
        Decimal(8),
        0,
    )
    session.refresh_from_db()
    assert session.completed_at is None  # the squat is still to do


@pytest.mark.django_db
def test_session_completes_with_its_last_entry_and_reopens_on_undo():
    session, hinge, squat = two_exercise_session()
    check_off_as_prescribed(entry=hinge, today=WEDNESDAY)
    record_result(
        entry=squat,
        reps_left=8,
        reps_right=6,
        load_kg=None,
        pain=2,
        rpe=7,
        note="Windy day",
        form_note="touched down twice",
        today=WEDNESDAY,
    )
    session.refresh_from_db()
    assert session.completed_at is not None
    assert (session.rpe, session.note) == (7, "Windy day")

    undone = undo_check_off(entry=squat, today=WEDNESDAY)
    again = undo_check_off(entry=squat, today=WEDNESDAY)
    assert (undone.changed, again.changed) == (True, False)
    squat.refresh_from_db()
    session.refresh_from_db()
    assert squat.completed_at is None
    assert (squat.reps_left, squat.reps_right, squat.pain, squat.form_note) == (
        None,
        None,
        None,
        "",
    )
    assert session.completed_at is None
    assert session.rpe == 7  # the hinge is still done: the session happened


@pytest.mark.django_db
def test_same_form_twice_is_one_result():
    _, hinge, _ = two_exercise_session()
    values = dict(reps_left=7, reps_right=8, load_kg=Decimal("8.0"), pain=1, rpe=6)
    first = record_result(entry=hinge, **values, today=WEDNESDAY)
    second = record_result(entry=hinge, **values, today=WEDNESDAY)
    assert (first.changed, second.changed) == (True, False)
    assert SessionEntry.objects.filter(completed_at__isnull=False).count() == 1
    hinge.refresh_from_db()
    assert hinge.completed_at == first.entry.completed_at
    # Correcting it later updates the same result.
    record_result(entry=hinge, **{**values, "pain": 2}, today=WEDNESDAY)
    hinge.refresh_from_db()
    assert (hinge.pain, hinge.completed_at) == (2, first.entry.completed_at)


@pytest.mark.django_db
def test_empty_session_note_keeps_what_another_entry_said():
    session, hinge, squat = two_exercise_session()
    values = dict(reps_left=8, reps_right=8, load_kg=None, pain=0, today=WEDNESDAY)
    record_result(entry=hinge, **values, rpe=6, note="Felt strong")
    record_result(entry=squat, **values, rpe=None, note="")
    session.refresh_from_db()
    assert (session.rpe, session.note) == (6, "Felt strong")


@pytest.mark.django_db
# Seen from the day before, and from the next Monday and Wednesday (a past week).
@pytest.mark.parametrize("offset", [-1, 5, 7])
def test_only_this_week_up_to_today_can_be_changed(offset):
    _, hinge, _ = two_exercise_session()
    with pytest.raises(CheckOffClosed):
        check_off_as_prescribed(entry=hinge, today=WEDNESDAY + offset * DAY)
    with pytest.raises(CheckOffClosed):
        undo_check_off(entry=hinge, today=WEDNESDAY + offset * DAY)
    hinge.refresh_from_db()
    assert hinge.completed_at is None


@pytest.mark.django_db
def test_late_logging_earlier_this_week_is_allowed():
    _, hinge, _ = two_exercise_session()
    assert check_off_as_prescribed(entry=hinge, today=WEDNESDAY + 4 * DAY).changed


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises writers; row locks need Postgres"
)
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("action", ["as_prescribed", "record_result"])
def test_two_concurrent_check_offs_record_one_result(action):
    _, hinge, _ = two_exercise_session()
    barrier = threading.Barrier(2)
    outcomes, errors = [], []

    def tap():
        try:
            barrier.wait()
            if action == "as_prescribed":
                result = check_off_as_prescribed(entry=hinge, today=WEDNESDAY)
            else:
                result = record_result(
                    entry=hinge, reps_left=8, reps_right=8, load_kg=None, pain=1, today=WEDNESDAY
                )
            outcomes.append(result.changed)
        except Exception as exc:  # surfaced by the assert below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=tap) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(outcomes) == [False, True]  # exactly one request recorded it
    assert SessionEntry.objects.filter(completed_at__isnull=False).count() == 1


@pytest.mark.django_db
def test_a_repeated_tap_takes_no_lock_and_writes_nothing():
    """A double tap, a retry or an offline replay of a done entry answers from
    the entry as read: no row lock (in PostgreSQL a lock is a write) and no commit."""
    _, hinge, _ = two_exercise_session()
    check_off_as_prescribed(entry=hinge, today=WEDNESDAY)
    done = SessionEntry.objects.select_related("session").get(pk=hinge.pk)
    with CaptureQueriesContext(connection) as queries:
        repeat = check_off_as_prescribed(entry=done, today=WEDNESDAY)
    assert repeat.changed is False
    assert [q["sql"] for q in queries] == []


@pytest.mark.django_db
def test_a_repeated_tap_on_a_closed_day_is_still_refused():
    _, hinge, _ = two_exercise_session()
    check_off_as_prescribed(entry=hinge, today=WEDNESDAY)
    done = SessionEntry.objects.select_related("session").get(pk=hinge.pk)
    with pytest.raises(CheckOffClosed):
        check_off_as_prescribed(entry=done, today=WEDNESDAY + 7 * DAY)
