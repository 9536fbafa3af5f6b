"""Uploaded photos: judged by content, bounded, stripped of metadata, and stored once as resized WebP copies."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from PIL import Image

from canting.catalogue import images


def photo(size: tuple[int, int] = (800, 600), fmt: str = "JPEG", colour: str = "#8a5a2b", **save: Any) -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, fmt, **save)
    buffer.seek(0)
    return buffer


def test_a_photo_is_stored_as_webp_copies_at_each_width(db: Any) -> None:
    stored = images.store(photo((1600, 1200)))

    assert (stored.width, stored.height) == (1600, 1200)
    assert sorted(stored.renditions) == ["1280", "320", "640"]
    for width, name in stored.renditions.items():
        assert name.endswith(f"-{width}.webp")
        with default_storage.open(name) as f, Image.open(f) as copy:
            assert copy.format == "WEBP"
            assert copy.width == int(width)


def test_a_small_photo_is_never_enlarged(db: Any) -> None:
    stored = images.store(photo((500, 400)))
    assert sorted(stored.renditions, key=int) == ["320", "500"]


def test_the_same_photo_is_stored_once(db: Any) -> None:
    first = images.store(photo((900, 700)))
    second = images.store(photo((900, 700)))
    assert first.renditions == second.renditions
    assert first.sha256 == second.sha256


def test_a_text_file_named_jpg_is_refused() -> None:
    fake = io.BytesIO(b"MZ\x90\x00 this is not a photo at all, whatever its name says" * 20)
    with pytest.raises(ValidationError) as caught:
        images.store(fake)
    assert caught.value.message_dict["photo"]
    assert caught.value.error_dict["photo"][0].code == "picture_unreadable"


def test_a_gif_is_refused_by_its_content() -> None:
    with pytest.raises(ValidationError) as caught:
        images.store(photo((400, 400), fmt="GIF"))
    assert caught.value.error_dict["photo"][0].code == "picture_format"


def test_an_image_with_too_many_pixels_is_refused_before_it_is_decoded() -> None:
    buffer = io.BytesIO()
    Image.new("1", (8000, 6000)).save(buffer, "PNG")  # 48 megapixels, a few kilobytes on disk
    buffer.seek(0)
    with pytest.raises(ValidationError) as caught:
        images.store(buffer)
    assert caught.value.error_dict["photo"][0].code == "picture_too_many_pixels"


def test_an_oversized_file_is_refused_by_its_size(settings: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        images.store(photo(), size=images.MAX_BYTES + 1)
    assert caught.value.error_dict["photo"][0].code == "picture_too_large"


def test_a_truncated_photo_is_refused() -> None:
    data = photo((800, 600)).getvalue()
    with pytest.raises(ValidationError):
        images.store(io.BytesIO(data[: len(data) // 2]))


def test_gps_and_camera_metadata_are_stripped_and_orientation_applied(db: Any) -> None:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x0112] = 6  # orientation: the camera was turned, the picture must be rotated 90 degrees
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "S", (7.0, 28.0, 12.0), "E", (112.0, 26.0, 3.0)  # a place near Mojokerto
    stored = images.store(photo((800, 600), exif=exif.tobytes()))

    assert (stored.width, stored.height) == (600, 800)  # turned upright
    for name in stored.renditions.values():
        with default_storage.open(name) as f, Image.open(f) as copy:
            assert not copy.getexif()
            assert "exif" not in copy.info and "icc_profile" not in copy.info


def test_a_jpeg_copy_is_made_for_link_previews(db: Any) -> None:
    stored = images.store(photo((1600, 1200)))
    assert stored.share_copy.endswith("-share.jpg")
    with default_storage.open(stored.share_copy) as f, Image.open(f) as copy:
        assert (copy.format, copy.width) == ("JPEG", 1200)
        assert not copy.getexif()
