"""Uploaded photos: checked by their content, bounded in bytes and pixels, stripped of metadata (GPS, camera,
owner), and stored once per content as WebP copies in a few widths, so no page ever resizes on request.

Storage goes through Django's storage API: the disk on a laptop, object storage in a large deployment.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from canting.catalogue.models.pictures import WIDTHS

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "MPO"}  # MPO: what many phone cameras write, a JPEG with extras
MAX_BYTES = getattr(settings, "PICTURE_MAX_BYTES", 12 * 1024 * 1024)
MAX_PIXELS = getattr(settings, "PICTURE_MAX_PIXELS", 40_000_000)  # a 48-megapixel phone photo is refused
MIN_SIDE = 200
WEBP_QUALITY = 80


SHARE_WIDTH = 1200  # the width link previews ask for
SHARE_QUALITY = 82


@dataclass(frozen=True)
class StoredPicture:
    sha256: str
    width: int
    height: int
    renditions: dict[str, str]
    share_copy: str


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError({"photo": ValidationError(message, code=code)})


def open_checked(upload: IO[bytes], size: int | None = None) -> Image.Image:
    """Open an upload as an image after checking what it is, not what it is called."""
    if size is not None and size > MAX_BYTES:
        raise _refuse(
            _("The photo is %(size)d MB; at most %(max)d MB.")
            % {"size": size // (1024 * 1024), "max": MAX_BYTES // (1024 * 1024)},
            "picture_too_large",
        )
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise _refuse(
            _("The photo is larger than %(max)d MB.") % {"max": MAX_BYTES // (1024 * 1024)}, "picture_too_large"
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data))
            if probe.format not in ACCEPTED_FORMATS:
                raise _refuse(_("Send a JPEG, PNG or WebP photo."), "picture_format")
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise _refuse(
                    _("The photo has %(mp)d megapixels; at most %(max)d. Send a smaller copy.")
                    % {"mp": width * height // 1_000_000, "max": MAX_PIXELS // 1_000_000},
                    "picture_too_many_pixels",
                )
            probe.verify()  # a truncated or forged file fails here
            image = Image.open(io.BytesIO(data))
            image.load()
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning, OSError, SyntaxError):
        raise _refuse(
            _("This file is not a photo that can be read. Send a JPEG, PNG or WebP photo."), "picture_unreadable"
        ) from None
    if min(image.size) < MIN_SIDE:
        raise _refuse(
            _("The photo is too small; it needs at least %(min)d pixels on each side.") % {"min": MIN_SIDE},
            "picture_too_small",
        )
    return image


def _clean(image: Image.Image) -> Image.Image:
    """Turn by the camera's orientation, then drop everything but the pixels (EXIF, GPS, ICC, comments)."""
    image = ImageOps.exif_transpose(image) or image
    transparent = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
    mode = "RGBA" if transparent else "RGB"
    pixels = image.convert(mode)
    clean = Image.new(mode, pixels.size)
    clean.paste(pixels)
    return clean


def _webp(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", quality=WEBP_QUALITY, method=4)
    return buffer.getvalue()


def store(upload: IO[bytes], size: int | None = None) -> StoredPicture:
    """Check, clean and store an uploaded photo; return where its copies are. Identical pictures are stored once."""
    image = _clean(open_checked(upload, size))
    sha = hashlib.sha256(image.tobytes()).hexdigest()
    renditions: dict[str, str] = {}
    for width in WIDTHS:
        target = min(width, image.width)  # never enlarge: a small photo's largest copy is its own width
        name = f"catalogue/{sha[:2]}/{sha}-{target}.webp"
        if not default_storage.exists(name):
            height = round(image.height * target / image.width)
            copy = image if target == image.width else image.resize((target, height), Image.Resampling.LANCZOS)
            name = default_storage.save(name, ContentFile(_webp(copy)))
        renditions[str(target)] = name
        if target == image.width:
            break
    return StoredPicture(
        sha256=sha, width=image.width, height=image.height, renditions=renditions, share_copy=_share_copy(image, sha)
    )


def _share_copy(image: Image.Image, sha: str) -> str:
    """A JPEG for link previews: WhatsApp and other apps read OpenGraph images, and not all of them show WebP."""
    name = f"catalogue/{sha[:2]}/{sha}-share.jpg"
    if default_storage.exists(name):
        return name
    width = min(SHARE_WIDTH, image.width)
    copy = (
        image
        if width == image.width
        else image.resize((width, round(image.height * width / image.width)), Image.Resampling.LANCZOS)
    )
    buffer = io.BytesIO()
    copy.convert("RGB").save(buffer, "JPEG", quality=SHARE_QUALITY, optimize=True, progressive=True)
    return default_storage.save(name, ContentFile(buffer.getvalue()))
