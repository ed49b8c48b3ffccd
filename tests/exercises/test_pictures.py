"""Pictures of the technique: what an upload must be (checked with Pillow),
the widths made from it, the drawings the Single Leg Deadlift ships with."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import modelform_factory
from django.urls import reverse
from PIL import Image

from exercises import pictures
from exercises.models import Exercise, ProgressionLevel, TechniqueStep
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def picture(kind="PNG", size=(800, 500), name=None):
    out = io.BytesIO()
    Image.new("RGB", size, (138, 28, 74)).save(out, kind)
    return SimpleUploadedFile(name or f"p.{kind.lower()}", out.getvalue())


@pytest.mark.parametrize("kind", ["PNG", "JPEG", "WEBP"])
def test_png_jpeg_and_webp_are_taken(kind):
    pictures.validate_picture(picture(kind))


@pytest.mark.parametrize(
    ("upload", "words"),
    [
        (picture("GIF"), "not a PNG, JPEG or WebP"),
        (SimpleUploadedFile("fake.png", b"<svg onload=alert(1)></svg>"), "not a PNG, JPEG or WebP"),
        (SimpleUploadedFile("cut.png", picture().read()[:60]), "not a PNG, JPEG or WebP"),
        (SimpleUploadedFile("big.png", b"\0" * (pictures.MAX_BYTES + 1)), "the limit is 5 MB"),
    ],
    ids=["gif", "text named .png", "truncated", "over 5 MB"],
)
def test_anything_else_is_refused_with_a_clear_message(upload, words):
    with pytest.raises(ValidationError) as refused:
        pictures.validate_picture(upload)
    assert words in " ".join(refused.value.messages)


def test_a_picture_needs_its_description():
    level = ProgressionLevel.objects.filter(exercise__slug="single-leg-deadlift").first()
    level.image = picture()
    level.image_alt = ""
    with pytest.raises(ValidationError) as refused:
        level.full_clean()
    assert "image_alt" in refused.value.message_dict


def test_an_upload_is_stored_with_smaller_widths_for_srcset():
    level = factories.exercise("Hinge drill").levels.first()
    level.image, level.image_alt = picture(size=(900, 600)), "The drill"
    level.save()
    level.refresh_from_db()
    assert level.image_width == 900
    for width in (320, 640):
        name = pictures.width_name(level.image.name, width)
        with default_storage.open(name) as made, Image.open(made) as small:
            assert (small.format, small.width) == ("WEBP", width)
    shown = level.picture
    assert shown.srcset.count("w,") == 2 and shown.srcset.endswith(f"{level.image.url} 900w")


def test_the_deadlift_ships_its_drawings():
    deadlift = Exercise.objects.get(slug="single-leg-deadlift")
    levels = [level.picture for level in deadlift.levels.order_by("order")]
    assert [p.src.rsplit("/", 1)[1] for p in levels] == [
        "sld-level-1.svg", "sld-level-2.svg", "sld-level-3.svg"]  # fmt: skip
    assert all(p.alt for p in levels)
    hips = [s.picture for s in deadlift.steps.all() if s.picture]
    assert [p.src.rsplit("/", 1)[1] for p in hips] == ["sld-hips-square.svg"]


def test_the_exercise_page_shows_them_lazily(client):
    client.force_login(factories.user("ana"))
    page = client.get(reverse("exercises:detail", args=["single-leg-deadlift"])).content.decode()
    assert page.count('loading="lazy"') >= 4
    assert "sld-hips-square.svg" in page and "sld-level-3.svg" in page


def test_an_uploaded_picture_is_shown_with_its_widths(client):
    deadlift = Exercise.objects.get(slug="single-leg-deadlift")
    level = deadlift.levels.get(order=2)
    level.image, level.image_alt = picture(size=(1400, 900)), "Ana at level 2"
    level.save()
    client.force_login(factories.user("ana"))
    page = client.get(reverse("exercises:detail", args=["single-leg-deadlift"])).content.decode()
    assert 'srcset="' in page and "1400w" in page and 'alt="Ana at level 2"' in page


def test_the_admin_offers_the_picture_fields(client):
    client.force_login(factories.editor())
    deadlift = Exercise.objects.get(slug="single-leg-deadlift")
    page = client.get(reverse("admin:exercises_exercise_change", args=[deadlift.pk]))
    assert b'name="steps-0-image"' in page.content and b'name="levels-0-image_alt"' in page.content


@pytest.mark.parametrize(
    ("upload", "alt", "field", "words"),
    [
        (picture("GIF"), "x", "image", "not a PNG, JPEG or WebP"),
        (picture(), "", "image_alt", "Describe the picture"),
    ],
)
def test_the_form_the_admin_uses_says_what_is_wrong_and_saves_nothing(upload, alt, field, words):
    """The admin's inline forms are model forms: the same validators and clean()."""
    deadlift = Exercise.objects.get(slug="single-leg-deadlift")
    step = deadlift.steps.get(order=1)
    form_class = modelform_factory(TechniqueStep, fields=["order", "title", "instruction",
                                                          "image", "image_alt"])  # fmt: skip
    data = {"order": 1, "title": step.title, "instruction": step.instruction, "image_alt": alt}
    form = form_class(data, {"image": upload}, instance=step)
    assert not form.is_valid()
    assert words in " ".join(form.errors[field])
    step.refresh_from_db()
    assert not step.image
