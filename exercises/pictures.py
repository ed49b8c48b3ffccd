"""Pictures of the technique: an uploaded image per technique step and per
progression level (checked with Pillow, stored through Django's storage
API, made in a few widths at upload), or a drawing shipped with Flamingo.

The widths are files beside the original, `<name>-<width>w.webp`, named
from the original, so a page lists them (srcset) without asking the storage."""

import io
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.templatetags.static import static
from PIL import Image, UnidentifiedImageError

FORMATS = {"PNG": "PNG", "JPEG": "JPEG", "WEBP": "WebP"}
MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40-megapixel photo; beyond it Pillow's bomb check anyway
WIDTHS = (320, 640, 1280)


def validate_picture(upload) -> None:
    """PNG, JPEG or WebP, by its content (not its name), at most 5 MB."""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            "This picture is %(size).1f MB; the limit is 5 MB. Save it smaller and try again.",
            code="too_big",
            params={"size": upload.size / 1024 / 1024},
        )
    try:
        upload.seek(0)
        with Image.open(upload) as picture:
            picture.verify()  # a truncated or broken file fails here
            kind, width, height = picture.format, picture.width, picture.height
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError):
        kind = width = height = None
    finally:
        upload.seek(0)
    if kind not in FORMATS:
        raise ValidationError(
            "This file is not a PNG, JPEG or WebP picture. Export it as one of those.",
            code="not_a_picture",
        )
    if width * height > MAX_PIXELS:
        raise ValidationError("This picture is too large in pixels (40 megapixels at most).")


def width_name(name: str, width: int) -> str:
    path = PurePosixPath(name)
    return str(path.with_name(f"{path.stem}-{width}w.webp"))


def make_widths(name: str) -> int:
    """Write the smaller widths of a stored picture (WebP); returns its own width."""
    with default_storage.open(name) as stored, Image.open(stored) as picture:
        picture.load()
        original = picture.width
        for width in WIDTHS:
            if width >= original:
                break
            copy = picture.copy()
            copy.thumbnail((width, width * picture.height // picture.width + 1))
            out = io.BytesIO()
            copy.save(out, "WEBP", quality=80)
            target = width_name(name, width)
            default_storage.delete(target)
            default_storage.save(target, ContentFile(out.getvalue()))
    return original


@dataclass(frozen=True)
class Picture:
    src: str
    alt: str
    srcset: str = ""


class Pictured(models.Model):
    """A picture for a row of the library: an upload, or a shipped drawing."""

    image = models.FileField(
        upload_to="library/",
        blank=True,
        validators=[validate_picture],
        help_text="PNG, JPEG or WebP, up to 5 MB. Smaller sizes are made from it.",
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField(
        "picture description (alt text)",
        max_length=240,
        blank=True,
        help_text="What the picture shows, for athletes who cannot see it. Needed with a picture.",
    )
    illustration = models.CharField(
        max_length=120,
        blank=True,
        editable=False,
        help_text="A drawing shipped with Flamingo (a static file), shown without an upload.",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        fresh = bool(self.image) and not getattr(self.image, "_committed", True)
        super().save(*args, **kwargs)
        if fresh:  # a new upload: its sizes, now that the storage has it
            self.image_width = make_widths(self.image.name)
            type(self)._base_manager.filter(pk=self.pk).update(image_width=self.image_width)

    def clean(self):
        super().clean()
        if self.image and not self.image_alt.strip():
            message = "Describe the picture for athletes who cannot see it."
            raise ValidationError({"image_alt": message})

    @property
    def picture(self) -> Picture | None:
        if self.image:
            widths = [w for w in WIDTHS if self.image_width and w < self.image_width]
            url = default_storage.url
            sources = [f"{url(width_name(self.image.name, w))} {w}w" for w in widths]
            if self.image_width:
                sources.append(f"{self.image.url} {self.image_width}w")
            return Picture(src=self.image.url, alt=self.image_alt, srcset=", ".join(sources))
        if self.illustration:
            return Picture(src=static(self.illustration), alt=self.image_alt)
        return None
