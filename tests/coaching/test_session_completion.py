"""A session's completion is derived from its entries, never stored: done
when it has entries and every one is completed, at the latest entry's
completed_at. The SQL derivation (with_completion(), done(), the roster's
aggregates) and the Python one (the model property) must agree."""

import datetime

import pytest
from django.utils import timezone

from coaching.models import SessionEntry, TrainingSession
from coaching.roster import roster
from coaching.services.sessions import (
    check_off_as_prescribed,
    plan_sessions,
    refresh_future_entries,
    undo_check_off,
)
from tests import factories
from tests.factories import MONDAY, WEDNESDAY

SUNDAY = MONDAY + datetime.timedelta(days=6)


@pytest.fixture
def ana(db):
    return factories.athlete(coach=factories.user("carmen"), user=factories.user("ana"))


def completion(session: TrainingSession):
    """The session's completion every way it is worked out; all must agree."""
    annotated = TrainingSession.objects.with_completion().get(pk=session.pk).completed_at
    prefetched = TrainingSession.objects.prefetch_related("entries").get(pk=session.pk)
    queried = TrainingSession.objects.get(pk=session.pk)
    done = TrainingSession.objects.done().filter(pk=session.pk).exists()
    assert prefetched.completed_at == queried.completed_at == annotated
    assert prefetched.is_completed == done == (annotated is not None)
    return annotated


def wednesday(ana, *names):
    for name in names:
        factories.assignment(ana, factories.exercise(name), sessions_per_week=1, weekdays=[3])
    plan_sessions(athlete=ana, start=MONDAY, end=SUNDAY)
    session = TrainingSession.objects.get(athlete=ana, date=WEDNESDAY)
    return session, list(session.entries.order_by("assignment__exercise__name"))


def stamp(entry, when):
    SessionEntry.objects.filter(pk=entry.pk).update(completed_at=when)


def test_a_session_without_entries_is_not_done(ana):
    session = TrainingSession.objects.create(athlete=ana, date=WEDNESDAY, note="Ran instead")
    assert completion(session) is None


def test_done_with_its_last_entry_at_the_latest_time_and_open_again_on_undo(ana):
    session, (hinge, squat) = wednesday(ana, "Hinge drill", "Squat drill")
    assert completion(session) is None

    check_off_as_prescribed(entry=hinge, today=WEDNESDAY)
    assert completion(session) is None  # some done

    check_off_as_prescribed(entry=squat, today=WEDNESDAY)
    early = timezone.now() - datetime.timedelta(hours=2)
    late = timezone.now() - datetime.timedelta(hours=1)
    stamp(hinge, late)
    stamp(squat, early)
    assert completion(session) == late  # all done: the latest entry's time

    undo_check_off(entry=squat, today=WEDNESDAY)
    assert completion(session) is None


def test_removing_the_only_open_entry_of_a_partly_done_session_completes_it(ana):
    session, (hinge, squat) = wednesday(ana, "Hinge drill", "Squat drill")
    check_off_as_prescribed(entry=squat, today=WEDNESDAY)
    assert completion(session) is None
    hinge.assignment.ended_at = timezone.now()
    hinge.assignment.save()

    refresh_future_entries(assignment=hinge.assignment, today=WEDNESDAY)

    assert list(session.entries.all()) == [squat]
    assert completion(session) == SessionEntry.objects.get(pk=squat.pk).completed_at


def test_the_dashboard_counts_done_sessions_from_their_entries(ana):
    coach = ana.coach
    _, (hinge, squat) = wednesday(ana, "Hinge drill", "Squat drill")
    check_off_as_prescribed(entry=hinge, today=WEDNESDAY)
    (row,) = roster(coach, today=WEDNESDAY)
    assert (row.completed, row.last_session) == (0, None)

    check_off_as_prescribed(entry=squat, today=WEDNESDAY)
    (row,) = roster(coach, today=WEDNESDAY)
    assert (row.planned, row.completed, row.last_session) == (1, 1, WEDNESDAY)
