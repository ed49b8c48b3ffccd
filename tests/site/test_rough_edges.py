"""Rough edges a new user met (issue 12): the word after signing out, the
logo fetched once, the assign form's messages beside its fields."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_signing_out_says_so(client):
    client.force_login(factories.coach())
    response = client.post(reverse("logout"), follow=True)
    assert "You are signed out." in response.content.decode()


def test_the_logo_is_drawn_inline_so_the_svg_is_fetched_once(client):
    client.force_login(factories.coach())
    html = client.get(reverse("coaching:dashboard")).content.decode()
    assert html.count("img/flamingo.svg") == 1  # the favicon only
    assert 'class="brand-logo"' in html


def test_the_assign_form_leaves_checking_to_the_server(client):
    coach = factories.coach()
    athlete = factories.athlete(coach=coach)
    client.force_login(coach)
    html = client.get(reverse("coaching:assign", args=[athlete.pk])).content.decode()
    assert 'class="card assign-form" method="post"' in html and "novalidate" in html
