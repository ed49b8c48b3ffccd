"""The balancer's question (/health/) and the answer when the database cannot
answer: a quick 503 the client may retry, not a 500 and not a hang."""

from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from coaching.site import health
from tests import factories

pytestmark = pytest.mark.django_db


def test_healthy_server_answers_ok_with_one_query_and_no_session(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/health/")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert len(queries) == 1
    assert "no-cache" in response["Cache-Control"]
    assert "sessionid" not in response.cookies and "csrftoken" not in response.cookies


def test_a_migration_the_code_knows_but_the_database_lacks_takes_it_out(client, monkeypatch):
    known = health.expected_migrations()
    monkeypatch.setattr(
        health, "expected_migrations", lambda: (*known, ("coaching", "9999_next_release"))
    )
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.content == b"migrations not applied: coaching.9999_next_release\n"


def test_an_unreachable_database_takes_it_out(client):
    unreachable = mock.Mock()
    unreachable.cursor.side_effect = OperationalError("connection refused")
    with mock.patch.object(health, "connection", unreachable):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.content == b"database unreachable: OperationalError\n"


def test_the_balancer_may_only_read_it(client):
    assert client.post("/health/").status_code == 405


@pytest.mark.parametrize(
    "error", ["couldn't get a connection after 5.00 sec", "canceling statement due to timeout"]
)
def test_a_database_that_cannot_answer_gives_the_busy_page(password, error):
    factories.coach("carmen")
    client = Client(raise_request_exception=False)
    client.login(username="carmen", password=password)
    failing = mock.patch(
        "django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError(error)
    )
    with failing as execute:
        response = client.get("/library/")
    assert execute.call_count == 1  # one wait on the database, not one per middleware
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    body = response.content.decode()
    assert "Flamingo is busy for a moment" in body
    assert error not in body  # no detail of the failure leaks to the page


def test_any_other_failure_is_still_a_500(client):
    failing = mock.patch("coaching.site.health.missing_migrations", side_effect=RuntimeError)
    client.raise_request_exception = False
    with failing:
        response = client.get("/health/")
    assert response.status_code == 500
    assert "Nothing you entered was lost" in response.content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="psycopg's pool: PostgreSQL only")
def test_a_pool_timeout_is_the_operational_error_the_busy_page_answers():
    """The premise of server_error: psycopg's PoolTimeout, raised where Django
    asks its pool for a connection, reaches handlers as OperationalError."""
    from psycopg_pool import ConnectionPool

    params = connection.get_connection_params()
    params.pop("pool", None)
    pool = ConnectionPool(kwargs=params, min_size=1, max_size=1, timeout=0.2)
    # The pool's one connection is taken: the next request for one times out.
    with pool, pool.connection(), pytest.raises(OperationalError), connection.wrap_database_errors:
        pool.getconn()
