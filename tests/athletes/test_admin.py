import pytest
from django.urls import reverse

from athletes.models import AssessmentTest

pytestmark = pytest.mark.django_db


def test_editor_keeps_the_assessment_catalogue_in_the_admin(client, editor, heel_raise):
    client.force_login(editor)
    assert client.get(reverse("admin:athletes_assessmenttest_changelist")).status_code == 200
    change = reverse("admin:athletes_assessmenttest_change", args=[heel_raise.pk])
    page = client.get(change)
    assert page.status_code == 200 and "LSI threshold" in page.content.decode()
    data = {
        "name": heel_raise.name,
        "slug": heel_raise.slug,
        "short_name": heel_raise.short_name,
        "unit": heel_raise.unit,
        "higher_is_better": "on",
        "instructions": heel_raise.instructions,
        "lsi_threshold": "85",
        "max_value": "120",
        "order": "2",
        "active": "on",
    }
    assert client.post(change, data).status_code == 302
    heel_raise.refresh_from_db()
    assert heel_raise.lsi_threshold == 85
    # Tests are retired, not deleted; athletes are not the editor's business.
    delete = reverse("admin:athletes_assessmenttest_delete", args=[heel_raise.pk])
    assert client.get(delete).status_code == 403
    assert client.get(reverse("admin:athletes_athlete_changelist")).status_code == 403
    assert AssessmentTest.objects.filter(pk=heel_raise.pk).exists()


def test_coach_has_no_admin(client, coach):
    client.force_login(coach)
    response = client.get(reverse("admin:athletes_assessmenttest_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
