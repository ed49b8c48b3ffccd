"""Regressions found by fuzzing (tests/security/test_fuzz.py)."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_roster_search_with_a_nul_character_is_not_a_500(client, db):
    # PostgreSQL refuses NUL in text: the search dropped it before querying.
    coach = factories.coach("carmen")
    factories.athlete(coach=coach, name="Ana Ruiz")
    client.force_login(coach)
    response = client.get(reverse("athletes:roster"), {"q": "An\x00a"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Ana Ruiz" in response.content.decode()
