"""Notes at once: the same note sent twice at the same moment is one note,
and a reply beside the athlete's check-off neither deadlocks nor loses
either (the athlete row first: coaching/services/notes.py)."""

import pytest
from django.db import connection

from coaching.notes import Note
from coaching.services import notes
from tests import factories
from tests.concurrency import world as shared
from tests.concurrency.world import make_world, run_at_once

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency: PostgreSQL only"),
    pytest.mark.django_db(transaction=True),
]


def _world():
    w = make_world()
    w.athlete.user = factories.user("ana")
    w.athlete.save()
    return w


def test_a_double_submit_is_one_note():
    w = _world()
    send = lambda: notes.leave_note(athlete=w.athlete, by=w.athlete.user, text="Calf tight.")  # noqa: E731

    outcomes = run_at_once(send, send)

    assert outcomes == [None, None], [repr(o) for o in outcomes]
    assert Note.objects.filter(athlete=w.athlete).count() == 1


@pytest.mark.parametrize("lead", [0, 1])
def test_a_reply_beside_a_check_off(lead):
    w = _world()
    asked = factories.note(w.athlete, "Calf tight?")

    outcomes = run_at_once(
        lambda: notes.reply(athlete=w.athlete, by=w.coach, text="Rest it.", to=asked),
        lambda: shared.check_off(w),
        lead=lead,
    )

    assert outcomes == [None, None], [repr(o) for o in outcomes]
    shared.check_check_off(w)
    assert not Note.objects.filter(athlete=w.athlete).unread().exists()
    shared.check_consistent(w)
