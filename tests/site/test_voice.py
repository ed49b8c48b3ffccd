"""Django's own texts in Flamingo's voice, site-wide (locale/en/LC_MESSAGES:
one catalog read before Django's), and a field that would be cut says so first."""

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.urls import reverse

from athletes.forms import AthleteForm
from tests import factories

CATALOG = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"


class Example(forms.Form):
    name = forms.CharField(max_length=120)
    email = forms.EmailField()
    reps = forms.IntegerField(max_value=200)
    day = forms.DateField()
    leg = forms.ChoiceField(choices=[("left", "Left"), ("right", "Right")])


def test_django_s_default_texts_are_in_our_words():
    errors = Example(
        {"name": "x" * 300, "email": "nope", "reps": "201", "day": "soon", "leg": "up"}
    ).errors
    assert errors["name"] == ["Too long: at most 120 characters, this has 300."]
    assert errors["email"] == ["Enter an e-mail address, like name@example.com."]
    assert errors["reps"] == ["Enter 200 or less."]
    assert errors["day"] == ["Enter a date, like 2026-03-11."]
    assert errors["leg"] == ["Choose one of the options in the list."]
    assert {field: list(messages) for field, messages in Example({}).errors.items()} == {
        field: ["This is needed."] for field in Example.base_fields
    }


@pytest.mark.django_db
def test_model_forms_and_the_pages_say_them_too(client):
    form = AthleteForm(data={"name": "x" * 300, "dominant_leg": "right"})
    assert form.errors["name"] == ["Too long: at most 120 characters, this has 300."]
    coach = factories.coach()
    client.force_login(coach)
    page = client.post(
        reverse("athletes:create"), {"name": "", "dominant_leg": "right"}
    ).content.decode()
    assert "This is needed." in page and "This field is required." not in page


@pytest.mark.django_db
def test_a_field_with_a_limit_says_it_before_the_browser_cuts(client):
    coach = factories.coach()
    client.force_login(coach)
    page = client.get(reverse("athletes:create")).content.decode()
    assert 'maxlength="120"' in page
    assert (
        '<span class="help char-count" id="id_name_count" data-count-for="id_name">'
        "Up to 120 characters.</span>"
    ) in page
    assert 'src="/static/js/forms.js"' in page  # the live count and the copy button
    # Not on names nobody types to the limit: the sign-in's username.
    client.logout()
    assert "char-count" not in client.get(reverse("login")).content.decode()


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="GNU gettext's msgfmt is not installed")
def test_the_compiled_catalog_matches_its_source(tmp_path):
    """django.mo is committed (no build step); it must say what django.po says."""
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", fresh, CATALOG / "django.po"], check=True)
    with open(fresh, "rb") as new, open(CATALOG / "django.mo", "rb") as committed:
        assert gettext.GNUTranslations(committed)._catalog == gettext.GNUTranslations(new)._catalog
