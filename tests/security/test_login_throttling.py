"""Login throttling (django-axes, configured in coaching/settings/base.py):
5 failed sign-ins for one username from one address lock that pair out for
15 minutes with a clear page; other users and addresses are unaffected.

Axes is off in the test settings (the test client's login() passes no request
to authenticate()); these tests turn it on and sign in through the real form."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.test import override_settings
from django.urls import reverse

from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("axes_on")]

LIMIT = 5


@pytest.fixture
def axes_on():
    with override_settings(AXES_ENABLED=True):
        yield


@pytest.fixture
def ana(db):
    return factories.user("ana")


def sign_in(client, username, password, ip="203.0.113.7"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def fail(client, username, times, ip="203.0.113.7"):
    for _ in range(times):
        response = sign_in(client, username, "wrong-password", ip=ip)
    return response


def test_settings_wire_axes_in(settings):
    assert "axes" in settings.INSTALLED_APPS
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"
    assert settings.AXES_FAILURE_LIMIT == LIMIT
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_failures_below_the_limit_show_the_form_again(client, ana, password):
    response = fail(client, "ana", LIMIT - 2)
    assert response.status_code == 200
    assert "That username and password do not match." in response.content.decode()
    assert "One more wrong try" not in response.content.decode()
    # Before the last try, a warning.
    response = fail(client, "ana", 1)
    assert "One more wrong try pauses signing in for 15 minutes." in response.content.decode()
    # ...and the right password still works.
    assert sign_in(client, "ana", password).status_code == 302


def test_the_fifth_failure_locks_the_pair_out_with_a_clear_page(client, ana, password):
    response = fail(client, "ana", LIMIT)
    assert response.status_code == 429
    body = response.content.decode()
    assert "Too many sign-in attempts" in body
    assert "Try again in 15 minutes" in body
    assert "<strong>ana</strong>" in body
    assert "Your coach can also help" not in body  # editors and coaches meet it too
    assert reverse("password_reset") in body
    assert "css/app.css" in body  # our styled page, not a bare text response
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    # Locked: even the right password is refused, and no session is created.
    response = sign_in(client, "ana", password)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_is_per_username_and_address(client, ana, db, password):
    factories.user("bea")
    fail(client, "ana", LIMIT)
    assert sign_in(client, "bea", password).status_code == 302  # same address, other user
    client.logout()
    assert sign_in(client, "ana", password, ip="198.51.100.9").status_code == 302  # other address


def test_after_the_cool_off_the_user_can_sign_in(client, ana, password):
    fail(client, "ana", LIMIT)
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16)
    )
    response = sign_in(client, "ana", password)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_a_successful_sign_in_resets_the_count(client, ana, password):
    fail(client, "ana", LIMIT - 1)
    assert sign_in(client, "ana", password).status_code == 302
    client.logout()
    assert fail(client, "ana", LIMIT - 1).status_code == 200  # not locked: counting restarted
