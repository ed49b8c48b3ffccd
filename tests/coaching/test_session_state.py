import datetime

import pytest

from coaching.session_state import SessionState, session_state

TODAY = datetime.date(2026, 3, 11)
YESTERDAY, TOMORROW = TODAY - datetime.timedelta(days=1), TODAY + datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("date", "completed", "any_done", "state", "label"),
    [
        (YESTERDAY, True, True, SessionState.DONE, "Done"),
        (TODAY, True, True, SessionState.DONE, "Done"),
        (YESTERDAY, False, True, SessionState.PARTLY, "Partly done"),
        (YESTERDAY, False, False, SessionState.MISSED, "Missed"),
        # The day is not over: half of today's session is still to do.
        (TODAY, False, True, SessionState.TO_DO, "To do"),
        (TODAY, False, False, SessionState.TO_DO, "To do"),
        (TOMORROW, False, False, SessionState.PLANNED, "Planned"),
    ],
)
def test_session_state(date, completed, any_done, state, label):
    got = session_state(date=date, today=TODAY, completed=completed, any_done=any_done)
    assert got == state
    assert got.label == label
