"""Who may open what: every URL pattern the resolver knows, for anonymous,
athlete A, athlete B, coach A, coach B and a content editor.

OUTCOMES is the one table of expectations. A URL name missing from it fails
`test_every_url_has_a_declared_outcome`, so a new URL cannot be forgotten.
Objects belong to coach A / athlete A (tests/factories.py world()): their owner
gets 200 (or a redirect after a write), the other coach or athlete a 404, other
roles a 403, anonymous the sign-in page. A request that is refused, and every
GET, writes nothing (no INSERT, UPDATE or DELETE outside the session table).
The admin's generated URLs are checked as one group (`test_admin_*`), with one
row per registered model."""

from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.contrib import admin
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from coaching.calendar_feed import new_calendar_link
from coaching.services.reminders import stop_token
from tests import factories
from tests.security import probes

pytestmark = pytest.mark.django_db

LOGIN = "sign-in redirect"
ADMIN_LOGIN = "admin sign-in redirect"
REDIRECT = "redirect elsewhere"
DENIED = {LOGIN, ADMIN_LOGIN, 403, 404, 405}


def row(default, **actors):
    """{actor: outcome} with anonymous sent to sign in unless said otherwise."""
    return {"anon": LOGIN, **dict.fromkeys(probes.ACTORS[1:], default), **actors}


# Pages for a role (no object in the URL): the other role gets 403.
COACH_PAGE = row(403, coach_a=200, coach_b=200)
ATHLETE_PAGE = row(403, athlete_a=200, athlete_b=200)
# Coach A's objects (athlete A, the assignment, the session): coach B gets 404.
COACH_A_OBJECT = row(403, coach_a=200, coach_b=404)
# Athlete A's objects (today's entry): athlete B gets 404.
ATHLETE_A_OBJECT = row(403, athlete_a=200, athlete_b=404)
SIGNED_IN = row(200)
PUBLIC = row(200, anon=200)
NO_GET = row(405)  # POST-only endpoints
NO_POST = row(405)  # GET-only pages


def ok(table, owner, outcome):
    return {**table, owner: outcome}


@dataclass(frozen=True)
class Expect:
    get: dict
    post: dict
    kwargs: object = None  # world -> URL kwargs
    query: object = None  # world -> GET parameters
    data: object = None  # world -> POST data


def _today(x):
    return {"day": x.today.isoformat()}


def _athlete_a(x):
    return {"pk": x.athlete_a.pk}


def _group(x):
    return {"pk": x.group.pk}


def _programme(x):
    return {"pk": x.programme.pk}


def _entry(x):
    return {"pk": x.entry.pk}


def _log(x):
    prefix = f"entry-{x.entry.pk}"
    return {f"{prefix}-reps_left": 8, f"{prefix}-reps_right": 7, f"{prefix}-pain": 1}


def _assign(x):
    level = x.other_exercise.levels.get(order=1)
    return {
        "exercise": x.other_exercise.pk,
        "level": level.pk,
        "sets": 3,
        "reps_per_leg": 8,
        "sessions_per_week": 1,
        "start_date": x.today.isoformat(),
    }


def _assessment(x):
    return {"test": x.test.pk, "date": x.today, "left_value": "20", "right_value": "22"}


def _result(x):
    """A result of athlete A to correct or delete (recorded before the probes)."""
    from athletes.services import record_assessment

    result = record_assessment(
        athlete=x.athlete_a, test=x.test, date=x.today, left_value=13, right_value=30,
        by=x.users["coach_a"],
    )  # fmt: skip
    return {"pk": result.pk}


def _correction(x):
    result = x.athlete_a.assessments.get()
    return {"date": x.today.isoformat(), "left_value": "31", "right_value": "30",
            "reason": "typo", "revision": result.revision}  # fmt: skip


def _invitee(x):
    return {
        "username": "cleo",
        "email": "cleo@example.com",
        "password1": "a-long-Passw0rd!",
        "password2": "a-long-Passw0rd!",
    }


# Signed-in users meet LoginView with redirect_authenticated_user: sent home.
SIGNED_IN_SENT_HOME = row(REDIRECT, anon=200)

OUTCOMES: dict[str, Expect] = {
    "home": Expect(get=row(REDIRECT), post=NO_POST),
    # The load balancer's health check: no sign-in, read-only.
    "health": Expect(get=PUBLIC, post=row(405, anon=405)),
    "login": Expect(get=SIGNED_IN_SENT_HOME, post=SIGNED_IN_SENT_HOME),
    # Signing out is a POST (Django 5+); afterwards everyone is at sign-in.
    "logout": Expect(get=row(405), post=row(LOGIN)),
    "password_change": Expect(get=SIGNED_IN, post=SIGNED_IN),  # empty form: errors, 200
    "password_change_done": Expect(get=SIGNED_IN, post=NO_POST),
    "password_reset": Expect(get=PUBLIC, post=PUBLIC),
    "password_reset_done": Expect(get=PUBLIC, post=row(405, anon=405)),
    "password_reset_confirm": Expect(
        get=PUBLIC,  # a bad link explains itself
        post=PUBLIC,
        kwargs=lambda x: {"uidb64": "MQ", "token": "not-a-token"},
    ),
    "password_reset_complete": Expect(get=PUBLIC, post=row(405, anon=405)),
    # The library: every signed-in user.
    "exercises:list": Expect(get=SIGNED_IN, post=NO_POST, query=lambda x: {"q": "leg"}),
    "exercises:detail": Expect(
        get=SIGNED_IN, post=NO_POST, kwargs=lambda x: {"slug": x.exercise.slug}
    ),
    # Athletes (coach side).
    "athletes:roster": Expect(get=COACH_PAGE, post=NO_POST),
    "athletes:archived": Expect(get=COACH_PAGE, post=NO_POST),
    "athletes:create": Expect(
        get=COACH_PAGE,
        post=row(403, coach_a=REDIRECT, coach_b=REDIRECT),  # each adds to their own roster
        data=lambda x: {"name": "Dani Vega", "dominant_leg": "left"},
    ),
    "athletes:detail": Expect(get=COACH_A_OBJECT, post=NO_POST, kwargs=_athlete_a),
    "athletes:edit": Expect(
        get=COACH_A_OBJECT,
        post=ok(COACH_A_OBJECT, "coach_a", REDIRECT),
        kwargs=_athlete_a,
        data=lambda x: {"name": "Ana R.", "dominant_leg": "left"},
    ),
    "athletes:archive": Expect(
        get=COACH_A_OBJECT, post=ok(COACH_A_OBJECT, "coach_a", REDIRECT), kwargs=_athlete_a
    ),
    "athletes:unarchive": Expect(
        get=NO_GET, post=ok(COACH_A_OBJECT, "coach_a", REDIRECT), kwargs=_athlete_a
    ),
    "athletes:record_assessment": Expect(
        get=COACH_A_OBJECT,
        post=ok(COACH_A_OBJECT, "coach_a", REDIRECT),
        kwargs=_athlete_a,
        data=_assessment,
    ),
    "athletes:results_csv": Expect(get=COACH_PAGE, post=NO_POST),
    "athletes:weight_unit": Expect(
        get=NO_GET,
        post=row(403, coach_a=REDIRECT, coach_b=REDIRECT),  # each their own choice
        data=lambda x: {"weight_unit": "lb"},
    ),
    "athletes:athlete_csv": Expect(get=COACH_A_OBJECT, post=NO_POST, kwargs=_athlete_a),
    "athletes:report": Expect(get=COACH_A_OBJECT, post=NO_POST, kwargs=_athlete_a),
    "athletes:test_details": Expect(
        get=COACH_PAGE, post=NO_POST, query=lambda x: {"test": x.test.pk}
    ),
    "athletes:correct_assessment": Expect(
        get=COACH_A_OBJECT,
        post=ok(COACH_A_OBJECT, "coach_a", REDIRECT),
        kwargs=_result,
        data=_correction,
    ),
    "athletes:delete_assessment": Expect(
        get=COACH_A_OBJECT,
        post=ok(COACH_A_OBJECT, "coach_a", REDIRECT),
        kwargs=_result,
        data=lambda x: {"reason": "wrong athlete", "revision": 1},
    ),
    # Athlete C has no login yet: the coach gets the invite link (200).
    "athletes:invite": Expect(
        get=NO_GET, post=COACH_A_OBJECT, kwargs=lambda x: {"pk": x.athlete_c.pk}
    ),
    # Public: the invite link itself is the credential. Signed-in users are
    # told they are signed in, and their POST creates nothing.
    "athletes:accept_invite": Expect(
        get=PUBLIC,
        post=row(200, anon=REDIRECT),
        kwargs=lambda x: {"token": x.invite_token},
        data=_invitee,
    ),
    "athletes:my_results": Expect(get=ATHLETE_PAGE, post=NO_POST),
    # Coaching, athlete side.
    "coaching:week": Expect(get=ATHLETE_PAGE, post=NO_POST),
    "coaching:week_of": Expect(get=ATHLETE_PAGE, post=NO_POST, kwargs=_today),
    "coaching:entry_done": Expect(
        get=NO_GET, post=ok(ATHLETE_A_OBJECT, "athlete_a", REDIRECT), kwargs=_entry
    ),
    # GET: the "Log details" form (the page without JavaScript, a fragment for htmx).
    "coaching:entry_log": Expect(
        get=ATHLETE_A_OBJECT,
        post=ok(ATHLETE_A_OBJECT, "athlete_a", REDIRECT),
        kwargs=_entry,
        data=_log,
    ),
    "coaching:entry_undo": Expect(
        get=NO_GET, post=ok(ATHLETE_A_OBJECT, "athlete_a", REDIRECT), kwargs=_entry
    ),
    "coaching:reminders": Expect(
        get=ATHLETE_PAGE,
        post=row(403, athlete_a=REDIRECT, athlete_b=REDIRECT),  # each their own settings
        data=lambda x: {"morning_mail": "on", "time_zone": "Europe/Lisbon"},
    ),
    # Public: the signed token in a morning mail's stop link is the key. GET
    # only asks; the POST (the page's button, or a mail program's one-click
    # unsubscribe) stops athlete A's mails whoever sends it.
    "coaching:stop_morning_mail": Expect(
        get=PUBLIC,
        post=PUBLIC,
        kwargs=lambda x: {"token": stop_token(x.athlete_a)},
        data=lambda x: {"action": "stop"},
    ),
    # Athletes and coaches make their own calendar link (the POST answers with it).
    "coaching:calendar": Expect(
        get=row(403, athlete_a=200, athlete_b=200, coach_a=200, coach_b=200),
        post=row(403, athlete_a=200, athlete_b=200, coach_a=200, coach_b=200),
    ),
    # Public: the token is the key; athlete A's feed for everyone who has it.
    "coaching:calendar_feed": Expect(
        get=PUBLIC,
        post=row(405, anon=405),
        kwargs=lambda x: {"token": new_calendar_link(user=x.athlete_a.user)},
    ),
    "coaching:service_worker": Expect(get=PUBLIC, post=row(405, anon=405)),
    # The running plan: the athlete's upload (an empty POST: the form again
    # with its error), the coach's for an athlete, a run's kind, the rules.
    "coaching:my_running_upload": Expect(get=ATHLETE_PAGE, post=ATHLETE_PAGE),
    "coaching:athlete_running": Expect(get=COACH_A_OBJECT, post=NO_POST, kwargs=_athlete_a),
    "coaching:athlete_running_upload": Expect(
        get=COACH_A_OBJECT, post=COACH_A_OBJECT, kwargs=_athlete_a
    ),
    "coaching:run_kind": Expect(
        get=NO_GET,
        post=ok(COACH_A_OBJECT, "coach_a", REDIRECT),
        kwargs=lambda x: {"pk": x.run.pk},
        data=lambda x: {"kind": "race", "goal_race": "on"},
    ),
    "coaching:running_rules": Expect(
        get=NO_GET,
        post=ok(COACH_A_OBJECT, "coach_a", REDIRECT),
        kwargs=_athlete_a,
        data=lambda x: {"free_day_before_key_runs": "on"},
    ),
    "coaching:session_effort": Expect(
        get=NO_GET,
        post=ok(ATHLETE_A_OBJECT, "athlete_a", REDIRECT),
        kwargs=lambda x: {"pk": x.session.pk},
        data=lambda x: {"rpe": 6},
    ),
    # GET: the question on its own page (the reminder's link); POST: the answer.
    "coaching:next_morning": Expect(
        get=ATHLETE_A_OBJECT,
        post=ok(ATHLETE_A_OBJECT, "athlete_a", REDIRECT),
        kwargs=lambda x: {"pk": x.session.pk},
        data=lambda x: {"pain": 1},
    ),
    # Coaching, coach side.
    "coaching:dashboard": Expect(
        get=COACH_PAGE, post=NO_POST, query=lambda x: {"show": "all", "sort": "name"}
    ),
    "coaching:assign": Expect(
        get=COACH_A_OBJECT,
        post=ok(COACH_A_OBJECT, "coach_a", REDIRECT),
        kwargs=_athlete_a,
        data=_assign,
    ),
    "coaching:assign_levels": Expect(
        get=COACH_A_OBJECT,
        post=NO_POST,
        kwargs=_athlete_a,
        query=lambda x: {"exercise": x.other_exercise.pk},
    ),
    "coaching:assign_prescription": Expect(
        get=COACH_A_OBJECT,
        post=NO_POST,
        kwargs=_athlete_a,
        query=lambda x: {
            "exercise": x.other_exercise.pk,
            "level": x.other_exercise.levels.get(order=2).pk,
        },
    ),
    "coaching:athlete_training": Expect(get=COACH_A_OBJECT, post=NO_POST, kwargs=_athlete_a),
    "coaching:change_level": Expect(
        get=NO_GET,
        post=ok(COACH_A_OBJECT, "coach_a", REDIRECT),
        kwargs=lambda x: {"pk": x.assignment.pk},
        data=lambda x: {"to_level": x.exercise.levels.get(order=2).pk, "reason": "Ready."},
    ),
    "coaching:change_prescription": Expect(
        get=NO_GET,
        post=ok(COACH_A_OBJECT, "coach_a", REDIRECT),
        kwargs=lambda x: {"pk": x.assignment.pk},
        data=lambda x: {
            f"prescription-{x.assignment.pk}-sets": 3,
            f"prescription-{x.assignment.pk}-reps_per_leg": 10,
            f"prescription-{x.assignment.pk}-extra_sets": 1,
            f"prescription-{x.assignment.pk}-extra_sets_leg": "left",
        },
    ),
    "coaching:end_assignment": Expect(
        get=NO_GET,
        post=ok(COACH_A_OBJECT, "coach_a", REDIRECT),
        kwargs=lambda x: {"pk": x.assignment.pk},
    ),
    "coaching:session_comment": Expect(
        get=NO_GET,
        post=ok(COACH_A_OBJECT, "coach_a", REDIRECT),
        kwargs=lambda x: {"pk": x.session.pk},
        data=lambda x: {"comment": "Strong week."},
    ),
    # Groups and programmes (coach side): coach B meets coach A's as 404.
    "coaching:groups": Expect(
        get=COACH_PAGE,
        post=row(403, coach_a=REDIRECT, coach_b=REDIRECT),  # each creates their own
        data=lambda x: {"name": "Marathon 2027"},
    ),
    "coaching:group": Expect(get=COACH_A_OBJECT, post=NO_POST, kwargs=_group),
    "coaching:group_rename": Expect(
        get=NO_GET,
        post=ok(COACH_A_OBJECT, "coach_a", REDIRECT),
        kwargs=_group,
        data=lambda x: {"name": "Thursday club"},
    ),
    "coaching:group_members": Expect(
        get=NO_GET,
        post=ok(COACH_A_OBJECT, "coach_a", REDIRECT),
        kwargs=_group,
        data=lambda x: {"athletes": [x.athlete_a.pk, x.athlete_c.pk]},
    ),
    "coaching:group_archive": Expect(
        get=NO_GET, post=ok(COACH_A_OBJECT, "coach_a", REDIRECT), kwargs=_group
    ),
    "coaching:programmes": Expect(
        get=COACH_PAGE,
        post=row(403, coach_a=REDIRECT, coach_b=REDIRECT),
        data=lambda x: {"name": "Build phase"},
    ),
    "coaching:programme": Expect(get=COACH_A_OBJECT, post=NO_POST, kwargs=_programme),
    "coaching:programme_add": Expect(
        get=NO_GET,
        post=ok(COACH_A_OBJECT, "coach_a", REDIRECT),
        kwargs=_programme,
        data=lambda x: {"level": x.exercise.levels.get(order=1).pk, "sessions_per_week": 2},
    ),
    "coaching:programme_archive": Expect(
        get=NO_GET, post=ok(COACH_A_OBJECT, "coach_a", REDIRECT), kwargs=_programme
    ),
    "coaching:programme_remove": Expect(
        get=NO_GET,
        post=ok(COACH_A_OBJECT, "coach_a", REDIRECT),
        kwargs=lambda x: {"pk": x.programme.items.get().pk},
    ),
    "coaching:save_as_programme": Expect(
        get=NO_GET,
        post=ok(COACH_A_OBJECT, "coach_a", REDIRECT),
        kwargs=_athlete_a,
        data=lambda x: {"name": "Ana's exercises"},
    ),
    # Coach B's form cannot choose coach A's programme or group: the form
    # again, with the error beside the field (200), nothing written.
    "coaching:assign_programme": Expect(
        get=COACH_PAGE,
        post=row(403, coach_a=REDIRECT, coach_b=200),
        query=lambda x: {"programme": x.programme.pk},
        data=lambda x: {
            "programme": x.programme.pk,
            "target": f"group-{x.group.pk}",
            "start_date": x.today.isoformat(),
        },
    ),
    # Notes: the athlete writes from the week; the coach reads and replies on
    # the athlete's thread; only the author edits (anyone else: 404).
    "coaching:note_add": Expect(
        get=NO_GET,
        post=row(403, athlete_a=REDIRECT, athlete_b=REDIRECT),  # each to their own coach
        data=lambda x: {"text": "Tight calf.", "week": x.today.isoformat()},
    ),
    "coaching:note_edit": Expect(
        get=row(404, athlete_a=200),
        post=row(404, athlete_a=REDIRECT),
        kwargs=lambda x: {"pk": x.note.pk},
        data=lambda x: {"text": "Left calf tight, better today."},
    ),
    "coaching:athlete_notes": Expect(
        get=COACH_A_OBJECT,
        post=ok(COACH_A_OBJECT, "coach_a", REDIRECT),
        kwargs=_athlete_a,
        data=lambda x: {"text": "Easy on the hills this week.", "to": x.note.pk},
    ),
    "coaching:notes_read": Expect(
        get=NO_GET, post=ok(COACH_A_OBJECT, "coach_a", REDIRECT), kwargs=_athlete_a
    ),
}

# Successful POSTs that rightly write nothing (the others must write).
NOTHING_TO_WRITE = {
    "login",  # signed-in users are sent home
    "athletes:unarchive",  # athlete A is on the roster already
    "coaching:entry_undo",  # today's entry is not checked off yet
    "coaching:session_effort",  # nothing of today's session is done yet
    "coaching:next_morning",  # today's session: asked the morning after
}

# Every model in the admin, and what the content editor may do with it. Staff
# status alone opens nothing: a model is visible only with a permission.
ADMIN_EDITOR = {
    "exercises.exercise": 200,
    "athletes.assessmenttest": 200,
    "athletes.athlete": 403,
    "athletes.strengthassessment": 403,
    "coaching.assignment": 403,
    "coaching.trainingsession": 403,
    "coaching.levelchange": 403,
    "auth.user": 403,
    "auth.group": 403,
    "axes.accessattempt": 403,
    "axes.accesslog": 403,
    "axes.accessfailurelog": 403,
    "django_tasks_database.dbtaskresult": 403,  # the task queue: admins only
}


# -- The resolver ---------------------------------------------------------------


def walk(patterns=None, namespace=""):
    """(qualified name or None, route, top namespace) for every URL pattern."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, (namespace, pattern.namespace)))
            yield from walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and ":".join(filter(None, (namespace, pattern.name)))
            yield name, str(pattern.pattern), namespace.split(":")[0]


def app_patterns():
    return [(name, route) for name, route, top in walk() if top != "admin"]


def test_every_url_has_a_declared_outcome():
    unnamed = [route for name, route in app_patterns() if name is None]
    assert not unnamed, f"name these URL patterns so they can be checked: {unnamed}"
    names = {name for name, _ in app_patterns()}
    missing = sorted(names - OUTCOMES.keys())
    assert not missing, f"declare who may open these URLs in OUTCOMES: {missing}"
    stale = sorted(OUTCOMES.keys() - names)
    assert not stale, f"these OUTCOMES rows match no URL any more: {stale}"


def test_every_admin_model_has_a_declared_editor_outcome():
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert registered == ADMIN_EDITOR.keys()


# -- Requests -------------------------------------------------------------------


@pytest.fixture
def world(db):
    return factories.world()


def attempt(client, method, url, data):
    """The request in a savepoint that is rolled back, so every actor meets the
    same world. Returns the response and the tables it wrote to."""
    with transaction.atomic(), probes.writes() as written:
        response = getattr(client, method)(url, data)
        transaction.set_rollback(True)
    return response, written


def mismatch(response, outcome) -> str | None:
    status = response.status_code
    target = urlsplit(response.get("Location", "")).path
    if outcome in (LOGIN, ADMIN_LOGIN):
        expected = reverse("login" if outcome == LOGIN else "admin:login")
        good = status == 302 and target == expected
    elif outcome == REDIRECT:
        good = status == 302 and target not in (reverse("login"), reverse("admin:login"))
    else:
        good = status == outcome
    return None if good else f"expected {outcome}, got {status} {target}".strip()


@pytest.mark.parametrize("name", sorted(OUTCOMES))
def test_url_outcome_for_every_actor(world, name):
    expect = OUTCOMES[name]
    url = reverse(name, kwargs=expect.kwargs(world) if expect.kwargs else None)
    as_actor = probes.Actors(world)
    problems = []
    for method, table, payload in (
        ("get", expect.get, expect.query),
        ("post", expect.post, expect.data),
    ):
        for actor in probes.ACTORS:
            data = payload(world) if payload else {}
            response, written = attempt(as_actor(actor), method, url, data)
            problem = mismatch(response, table[actor])
            if problem:
                problems.append(f"{method.upper()} as {actor}: {problem}")
            if written and (method == "get" or table[actor] in DENIED):
                problems.append(f"{method.upper()} as {actor}: wrote to {sorted(written)}")
            silent = method == "post" and table[actor] == REDIRECT and not written
            if silent and name not in NOTHING_TO_WRITE:
                problems.append(f"POST as {actor}: redirected but saved nothing")
    assert not problems, f"{name} {url}\n" + "\n".join(problems)


# -- The admin, as a group -------------------------------------------------------


def test_admin_index_is_for_staff_only(world):
    url = reverse("admin:index")
    expected = row(ADMIN_LOGIN, anon=ADMIN_LOGIN, editor=200)
    as_actor = probes.Actors(world)
    for actor in probes.ACTORS:
        problem = mismatch(as_actor(actor).get(url), expected[actor])
        assert problem is None, f"{actor}: {problem}"


@pytest.mark.parametrize("label", sorted(ADMIN_EDITOR))
def test_admin_changelist_and_add(world, label):
    app, model = label.split(".")
    editor = ADMIN_EDITOR[label]
    as_actor = probes.Actors(world)
    for view in ("changelist", "add"):
        url = reverse(f"admin:{app}_{model}_{view}")
        # Read-only models (coaching history, axes logs) have no add page.
        allowed = editor if view == "changelist" or label in ADD_ALLOWED else 403
        # Anonymous meets the site's sign-in (LoginRequiredMiddleware); signed-in
        # non-staff meet the admin's own ("not authorized" on its sign-in page).
        expected = row(ADMIN_LOGIN, editor=allowed)
        for actor in probes.ACTORS:
            problem = mismatch(as_actor(actor).get(url), expected[actor])
            assert problem is None, f"{view} as {actor}: {problem}"
    # No one outside staff can post into the admin either.
    for actor in ("anon", "athlete_a", "coach_a"):
        with probes.writes() as written:
            as_actor(actor).post(reverse(f"admin:{app}_{model}_add"), {"name": "x"})
        assert not written, f"{actor} wrote {written}"


ADD_ALLOWED = {"exercises.exercise", "athletes.assessmenttest"}


def test_an_undeclared_url_fails_the_check(monkeypatch):
    monkeypatch.delitem(OUTCOMES, "coaching:week")
    with pytest.raises(AssertionError, match=r"declare who may open.*'coaching:week'"):
        test_every_url_has_a_declared_outcome()
