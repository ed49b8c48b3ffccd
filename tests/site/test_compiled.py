"""Querysets compiled once (coaching/site/compiled.py) give what the queryset
gives, with each call's values, in one query, on each thread's connection;
the sessions read that way (coaching/site/sessions.py) load as Django's."""

import datetime
import threading

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.db import connection, connections
from django.db.models import Count
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coaching.site import compiled
from coaching.site.sessions import SessionStore

pytestmark = pytest.mark.django_db(transaction=True)
User = get_user_model()


def permissions_of(group: int):
    return (
        Permission.objects.select_related("content_type")
        .filter(group=group)
        .annotate(holders=Count("group"))
        .order_by("codename")
    )


def names_like(q: str, above: int):
    return (
        User.objects.filter(username__icontains=q, pk__gt=above)
        .order_by("username")
        .values_list("pk", "username", "date_joined")
    )


@pytest.fixture
def world():
    coaches = Group.objects.create(name="Some coaches")
    editors = Group.objects.create(name="Some editors")
    coaches.permissions.set(Permission.objects.filter(codename__startswith="add_")[:3])
    editors.permissions.set(Permission.objects.filter(codename__startswith="change_")[:2])
    for name in ("ana", "ana_b", "50%ana", "bob", "ANABEL"):
        User.objects.create_user(name)
    return coaches, editors


def test_models_with_select_related_and_annotations_as_the_queryset_gives(world):
    for group in world:
        rows = compiled.run("test permissions", permissions_of, group=group.pk)
        expected = list(permissions_of(group.pk))
        assert rows == expected
        assert [(p.content_type, p.holders) for p in rows] == [
            (p.content_type, p.holders) for p in expected
        ]


def test_values_list_with_like_values_escaped_as_django_does(world):
    for q, above in [("ana", 0), ("ANA", 0), ("%", 0), ("_", 0), ("a", 10**6), ("ana_", 0)]:
        rows = compiled.run("test names", names_like, q=q, above=above)
        assert rows == list(names_like(q, above)), q
    assert [row[1] for row in compiled.run("test names", names_like, q="%", above=0)] == ["50%ana"]


def test_one_query_a_call_once_compiled(world):
    compiled.run("test names", names_like, q="ana", above=0)
    with CaptureQueriesContext(connection) as queries:
        compiled.run("test names", names_like, q="bob", above=0)
    assert len(queries) == 1


def test_converters_are_worked_out_once_and_still_applied(world, monkeypatch):
    worked_out = []
    original = SQLCompiler.get_converters

    def spy(self, expressions):
        worked_out.append(len(expressions))
        return original(self, expressions)

    monkeypatch.setattr(SQLCompiler, "get_converters", spy)
    runs = [compiled.run("test names, converters", names_like, q=q, above=0) for q in "anb"]
    assert len(worked_out) == 1  # the first run only
    for q, rows in zip("anb", runs, strict=True):
        assert rows == list(names_like(q, 0))
        assert all(timezone.is_aware(joined) for _, _, joined in rows)  # converted
    worked_out.clear()  # the plain querysets above work theirs out each time
    many = [compiled.run("test permissions, converters", permissions_of, group=g.pk) for g in world]
    assert worked_out == [8]  # two groups, one statement: once
    assert many == [list(permissions_of(g.pk)) for g in world]


def test_a_marker_that_does_not_reach_the_sql_is_an_error(world):
    with pytest.raises(ValueError, match="not parameters"):
        compiled.run("test lost", lambda q: User.objects.filter(username="fixed"), q="x")
    with pytest.raises(TypeError):
        compiled.run("test none", lambda q: User.objects.filter(username=q), q=None)


def test_each_thread_runs_on_its_own_connection(world):
    compiled.run("test names", names_like, q="ana", above=0)
    seen = []

    def other_thread():
        try:
            seen.append(compiled.run("test names", names_like, q="bob", above=0))
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_thread)
    thread.start()
    thread.join()
    assert [row[1] for row in seen[0]] == ["bob"]


def test_sessions_read_as_django_reads_them():
    """coaching.site.sessions: a live session loads, an expired or unknown one
    is empty (and its key dropped), as with Django's database store."""
    live = SessionStore()
    live["who"] = "ana"
    live.save()
    expired = SessionStore()
    expired["who"] = "bob"
    expired.save()
    Session.objects.filter(pk=expired.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    for key in (live.session_key, expired.session_key, "no-such-key", None):
        ours, django = SessionStore(key), DjangoStore(key)
        assert ours.load() == django.load(), key
        assert ours.session_key == django.session_key, key
    assert SessionStore(live.session_key).load() == {"who": "ana"}


def user_by_pk(pk: int):
    return User.objects.filter(pk=pk)


def test_an_id_no_column_can_hold_matches_nothing(world):
    """A URL's id can be any length: the ORM finds nothing, so must this."""
    for pk in (2**63, -(2**63) - 1, 10**30):
        assert compiled.run("test pk", user_by_pk, pk=pk) == list(user_by_pk(pk)) == []
    ana = User.objects.get(username="ana")
    assert compiled.run("test pk", user_by_pk, pk=ana.pk) == [ana]
