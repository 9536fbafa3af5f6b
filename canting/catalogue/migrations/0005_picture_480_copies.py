"""Pictures stored before the 480-pixel copy existed get theirs, so phones are offered it too.

Each content is resized once (pictures share files by their content's hash) from its widest stored copy, with the
same formula and WebP settings as ``canting.catalogue.images.store`` had when this was written; they are repeated
here so the migration does not change when that module does. A picture at most 480 pixels wide already has its own
width as its widest copy and needs nothing. A picture whose files are missing (media not restored) keeps the copies
it has: its pages work as before, without the 480 copy. About 80 ms per content on 2 busy cores; running it again
does nothing more.
"""

from __future__ import annotations

import io
import json
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import migrations

WIDTH = 480
WEBP_QUALITY = 80


def _make_copy(sha256: str, width: int, height: int, renditions: dict[str, str]) -> str | None:
    """The stored name of the content's 480 copy, made from its widest copy when missing; None without a source."""
    from PIL import Image

    name = f"catalogue/{sha256[:2]}/{sha256}-{WIDTH}.webp"
    if default_storage.exists(name):
        return name
    source = renditions[max(renditions, key=int)]
    if not default_storage.exists(source):
        return None
    with default_storage.open(source) as f, Image.open(f) as image:
        copy = image.resize((WIDTH, round(height * WIDTH / width)), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        copy.save(buffer, "WEBP", quality=WEBP_QUALITY, method=4)
    return default_storage.save(name, ContentFile(buffer.getvalue()))


def add_480_copies(apps: Any, schema_editor: Any) -> None:
    Picture = apps.get_model("catalogue", "Picture")  # noqa: N806 -- the historical model
    made: dict[str, str | None] = {}
    changed: dict[str, tuple[dict[str, str], list[int]]] = {}  # the new copies, and the pictures that get them
    pictures = Picture.objects.filter(width__gt=WIDTH).only("sha256", "width", "height", "renditions").order_by("pk")
    for picture in pictures.iterator(chunk_size=2000):
        renditions = dict(picture.renditions or {})
        if str(WIDTH) in renditions or not renditions:
            continue
        if picture.sha256 not in made:
            made[picture.sha256] = _make_copy(picture.sha256, picture.width, picture.height, renditions)
        name = made[picture.sha256]
        if name is not None:
            renditions[str(WIDTH)] = name
            key = json.dumps(renditions, sort_keys=True)
            changed.setdefault(key, (renditions, []))[1].append(picture.pk)
    for renditions, pks in changed.values():  # one UPDATE for the pictures of a content, not one each
        for start in range(0, len(pks), 500):
            Picture.objects.filter(pk__in=pks[start : start + 500]).update(renditions=renditions)


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0004_product_quality_hold"),
    ]

    operations = [migrations.RunPython(add_480_copies, migrations.RunPython.noop, elidable=True)]
