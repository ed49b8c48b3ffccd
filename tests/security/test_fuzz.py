"""Property-based fuzzing (hypothesis) of every form and htmx endpoint.

Properties, for arbitrary text, numbers, unicode, huge and empty values:
- no response is a server error (the test client re-raises any exception);
- a rejected submission (400, or the form again with its errors) writes
  nothing: no INSERT, UPDATE or DELETE outside the session table;
- GET endpoints (htmx fragments, filters, search) never write.

Each example runs in a savepoint that is rolled back, so one world (built once
per test by the `world` fixture) serves every example; hence the suppressed
function-scoped-fixture health check. Bounded for CI: FUZZ.max_examples."""

import datetime
import os
from urllib.parse import quote

import pytest
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from athletes.models import Leg
from coaching.models import LevelChange
from exercises.models import Focus
from tests import factories
from tests.security import probes

pytestmark = pytest.mark.django_db

# FUZZ_EXAMPLES=1000 for a deeper local run; CI keeps the default.
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "30")),
    deadline=None,
    database=None,  # no .hypothesis/ directory in the checkout
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Inputs that have broken web forms before: number edge cases, unicode digits
# (int() accepts "٣", isdigit() accepts "²"), NUL (PostgreSQL refuses it in
# text), impossible or far dates, markup, direction overrides, long values.
NASTY = [
    "",
    " ",
    "0",
    "-1",
    "-0",
    "+5",
    " 7 ",
    "1,5",
    "0x1F",
    "1e999999",
    "-1e999999",
    "1e-999999",
    "NaN",
    "sNaN",
    "Infinity",
    "-inf",
    "9" * 40,
    "²",
    "٣",
    "𝟙𝟚",
    "\x00",
    "a\x00b",
    "2026-02-30",
    "0001-01-01",
    "9999-12-31",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "\u202eevil",
    "🦩" * 300,
    "x" * 5000,
]
junk = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=200),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats().map(str),
    st.dates().map(str),
)


def field(*valid):
    """A field's value: missing (None), junk, several values, or a valid one."""
    options = [st.none(), junk, st.lists(junk, min_size=2, max_size=3)]
    if valid:
        options.append(st.sampled_from([str(v) for v in valid]))
    return st.one_of(*options)


def form(**fields):
    """A dict strategy for a form's data; missing fields are left out."""
    return st.fixed_dictionaries(fields).map(
        lambda data: {k: v for k, v in data.items() if v is not None}
    )


@pytest.fixture
def world(db):
    return factories.world()


@pytest.fixture
def as_actor(world):
    return probes.Actors(world)


def send(client, method, url, data, *, htmx=False):
    """One request in a rolled-back savepoint: (response, tables written)."""
    headers = {"HX-Request": "true"} if htmx else {}
    with transaction.atomic(), probes.writes() as written:
        response = getattr(client, method)(url, data, headers=headers)
        transaction.set_rollback(True)
    assert response.status_code < 500, response.status_code
    return response, written


def rejected(response) -> bool:
    body = response.content.decode(errors="replace")
    return response.status_code == 400 or any(
        marker in body for marker in ('class="errorlist', 'class="form-errors"')
    )


def check_submission(response, written, *, accepted_status=(302,)):
    """Rejected (errors shown): nothing written. Anything written: accepted."""
    if rejected(response):
        assert not written, f"a rejected submission wrote to {written}"
    if written:
        assert response.status_code in accepted_status, response.status_code


def today_iso(world, days=0):
    return (world.today + datetime.timedelta(days=days)).isoformat()


# -- Athletes: add, edit, record an assessment, accept an invite ----------------

athlete_form = form(
    name=field("Ana Ruiz", "Zoë Ñúñez"),
    email=field("ana@example.com"),
    dominant_leg=field(*Leg.values),
    goal_event=field("Marathon"),
    notes=field("Knee niggle in March."),
)


@FUZZ
@given(data=athlete_form)
def test_fuzz_athlete_add(world, as_actor, data):
    response, written = send(as_actor("coach_a"), "post", reverse("athletes:create"), data)
    check_submission(response, written)


@FUZZ
@given(data=athlete_form)
def test_fuzz_athlete_edit(world, as_actor, data):
    url = reverse("athletes:edit", args=[world.athlete_a.pk])
    response, written = send(as_actor("coach_a"), "post", url, data)
    check_submission(response, written)


@FUZZ
@given(draw=st.data(), htmx=st.booleans())
def test_fuzz_record_assessment(world, as_actor, draw, htmx):
    data = draw.draw(
        form(
            test=field(world.test.pk),
            date=field(today_iso(world), today_iso(world, -3)),
            left_value=field("12", "12.5", "0"),
            right_value=field("14", "300"),
            notes=field("Felt fine."),
        )
    )
    url = reverse("athletes:record_assessment", args=[world.athlete_a.pk])
    client = as_actor("coach_a")
    response, written = send(client, "post", url, data, htmx=htmx)
    check_submission(response, written, accepted_status=(200,) if htmx else (302,))
    # Choosing a test reloads the form over htmx (GET, with what was typed).
    response, written = send(client, "get", url, data, htmx=True)
    assert response.status_code == 200 and not written


@FUZZ
@given(
    data=form(
        username=field("cleo", "cleo.diaz@example"),
        email=field("cleo@example.com", "cleo.diaz@example.org"),
        password1=field("a-long-Passw0rd!"),
        password2=field("a-long-Passw0rd!"),
    )
)
def test_fuzz_invite_accept(world, as_actor, data):
    url = reverse("athletes:accept_invite", args=[world.invite_token])
    response, written = send(as_actor("anon"), "post", url, data)
    check_submission(response, written)


@FUZZ
@given(token=junk.filter(bool))
def test_fuzz_invite_token(world, as_actor, token):
    url = reverse("athletes:accept_invite", args=[quote(token, safe="")])
    response, written = send(as_actor("anon"), "get", url, {})
    assert response.status_code == 404 and not written


# -- Coaching: assign (+ the levels and prescription fragments) ------------------


@FUZZ
@given(draw=st.data(), choose=st.sampled_from([None, "choose_exercise", "choose_level"]))
def test_fuzz_assign(world, as_actor, draw, choose):
    other, assigned = world.other_exercise, world.exercise
    levels = [lv.pk for lv in other.levels.all()] + [assigned.levels.first().pk]
    data = draw.draw(
        form(
            exercise=field(other.pk, assigned.pk),
            level=field(*levels),
            sets=field(1, 3, 20),
            reps_per_leg=field(8, 100),
            load_kg=field("", "7.5", "500"),
            sessions_per_week=field(1, 2, 7),
            weekdays=st.one_of(st.none(), st.lists(st.sampled_from(["1", "3", "7", "8", "x"]))),
            start_date=field(today_iso(world), today_iso(world, 3), today_iso(world, -30)),
            notes=field("Slow on the way down."),
        )
    )
    if choose:
        data[choose] = "1"
    url = reverse("coaching:assign", args=[world.athlete_a.pk])
    response, written = send(as_actor("coach_a"), "post", url, data)
    if choose:  # re-rendering the form for a choice never saves
        assert response.status_code == 200 and not written
    else:
        check_submission(response, written)


@FUZZ
@given(
    exercise=field(1, 2, 3),
    level=field(1, 2, 3, 4),
    part=st.sampled_from(["coaching:assign_levels", "coaching:assign_prescription"]),
    htmx=st.booleans(),
)
def test_fuzz_assign_fragments(world, as_actor, exercise, level, part, htmx):
    query = {k: v for k, v in {"exercise": exercise, "level": level}.items() if v is not None}
    url = reverse(part, args=[world.athlete_a.pk])
    response, written = send(as_actor("coach_a"), "get", url, query, htmx=htmx)
    assert response.status_code == 200 and not written


# -- Coaching: check-off (done, log, undo), level change, comment ----------------


@FUZZ
@given(draw=st.data(), htmx=st.booleans())
def test_fuzz_check_off_log(world, as_actor, draw, htmx):
    prefix = f"entry-{world.entry.pk}"
    data = draw.draw(
        form(
            **{
                f"{prefix}-reps_left": field(0, 8, 200),
                f"{prefix}-reps_right": field(8),
                f"{prefix}-load_kg": field("", "7.5", "999.9"),
                f"{prefix}-pain": field(0, 3, 10),
                f"{prefix}-rpe": field("", 1, 10),
                f"{prefix}-form_note": field("Touched down twice."),
            }
        )
    )
    url = reverse("coaching:entry_log", args=[world.entry.pk])
    response, written = send(as_actor("athlete_a"), "post", url, data, htmx=htmx)
    check_submission(response, written, accepted_status=(200,) if htmx else (302,))


@FUZZ
@given(
    data=form(anything=field(), pk=field(1)),
    action=st.sampled_from(["coaching:entry_done", "coaching:entry_undo"]),
    htmx=st.booleans(),
)
def test_fuzz_check_off_done_and_undo(world, as_actor, data, action, htmx):
    """One-tap buttons take no input: whatever else is posted is ignored."""
    url = reverse(action, args=[world.entry.pk])
    response, _ = send(as_actor("athlete_a"), "post", url, data, htmx=htmx)
    assert response.status_code == (200 if htmx else 302)


LEVEL_CHANGE_TABLE = LevelChange._meta.db_table


@FUZZ
@given(draw=st.data(), htmx=st.booleans())
def test_fuzz_level_change(world, as_actor, draw, htmx):
    levels = [lv.pk for lv in world.exercise.levels.all()]
    data = draw.draw(form(to_level=field(*levels), reason=field("Ready: 2 sessions at 10.")))
    url = reverse("coaching:change_level", args=[world.assignment.pk])
    response, written = send(as_actor("coach_a"), "post", url, data, htmx=htmx)
    assert response.status_code == (200 if htmx else 302)
    # Without htmx errors come back as messages, so judge by what was saved:
    # the whole level change (with the assignment and its sessions), or nothing.
    if written:
        assert LEVEL_CHANGE_TABLE in written, written
    if htmx and rejected(response):
        assert not written


@FUZZ
@given(data=form(comment=field("Strong week, well done.", "")), htmx=st.booleans())
def test_fuzz_session_comment(world, as_actor, data, htmx):
    url = reverse("coaching:session_comment", args=[world.session.pk])
    response, written = send(as_actor("coach_a"), "post", url, data, htmx=htmx)
    check_submission(response, written, accepted_status=(200,) if htmx else (302,))


# -- Search, filters and paging (GET, never writes) -------------------------------


@FUZZ
@given(
    params=st.one_of(
        st.tuples(
            st.just("exercises:list"), form(q=field("deadlift", "band"), focus=field(*Focus))
        ),
        st.tuples(
            st.just("coaching:dashboard"),
            form(show=field("all", "ready", "pain"), sort=field("name", "adherence")),
        ),
        st.tuples(st.just("athletes:roster"), form(q=field("ana"))),
    ),
    htmx=st.booleans(),
)
def test_fuzz_search_and_filters(world, as_actor, params, htmx):
    name, query = params
    actor = "athlete_a" if name == "exercises:list" else "coach_a"
    response, written = send(as_actor(actor), "get", reverse(name), query, htmx=htmx)
    assert response.status_code == 200 and not written


@FUZZ
@given(page=field(1, 2, "last"), htmx=st.booleans())
def test_fuzz_training_history_page(world, as_actor, page, htmx):
    url = reverse("coaching:athlete_training", args=[world.athlete_a.pk])
    query = {} if page is None else {"page": page}
    response, written = send(as_actor("coach_a"), "get", url, query, htmx=htmx)
    assert response.status_code == 200 and not written


@FUZZ
@given(
    day=st.one_of(
        st.dates().map(str),
        st.sampled_from(["2026-02-30", "0000-01-01", "0001-01-01", "9999-12-31", "9999-12-27"]),
    )
)
def test_fuzz_week_of_any_day(world, as_actor, day):
    response, written = send(as_actor("athlete_a"), "get", f"/week/{day}/", {})
    assert response.status_code in (200, 404) and not written


@FUZZ
@given(
    pk=st.integers(min_value=0, max_value=10**30),
    name=st.sampled_from(
        [
            "athletes:detail",
            "athletes:edit",
            "coaching:athlete_training",
            "coaching:assign",
            "coaching:change_level",
            "coaching:session_comment",
            "coaching:entry_done",
            "coaching:entry_log",
        ]
    ),
)
def test_fuzz_object_ids_in_urls(world, as_actor, pk, name):
    """Unknown or huge ids are a 404 that writes nothing."""
    actor = "athlete_a" if name.startswith("coaching:entry") else "coach_a"
    method = "post" if name in POST_ONLY else "get"
    response, written = send(as_actor(actor), method, reverse(name, args=[pk]), {})
    assert response.status_code in (200, 302, 404)
    if response.status_code == 404:
        assert not written


POST_ONLY = {"coaching:change_level", "coaching:session_comment", "coaching:entry_done"}


# -- Sign-in, with login throttling on ----------------------------------------------


@FUZZ
@given(data=form(username=field("ana", "coach_a"), password=field(factories.PASSWORD[::-1])))
def test_fuzz_login(world, as_actor, data):
    with override_settings(AXES_ENABLED=True):
        response, written = send(as_actor("anon"), "post", reverse("login"), data)
    # The form again (200) or, after repeated failures, the lockout page (429).
    assert response.status_code in (200, 429)
    assert not written
