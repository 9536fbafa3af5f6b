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
    assert sorted(stored.renditions, key=int) == ["320", "480", "640", "1280"]
    for width, name in stored.renditions.items():
        assert name.endswith(f"-{width}.webp")
        with default_storage.open(name) as f, Image.open(f) as copy:
            assert copy.format == "WEBP"
            assert copy.size == (int(width), int(width) * 3 // 4)


def test_an_upload_gets_the_480_copy_a_phone_is_offered(artisan: Any) -> None:
    """Given an artisan's draft piece, when they upload a photo through the service, then its 480-pixel copy is
    stored beside the others and listed on the picture."""
    from canting.catalogue import services
    from canting.catalogue.tests.factories import ProductFactory

    piece = ProductFactory(enterprise=artisan.enterprise, status="draft")
    picture = services.add_picture(
        actor=artisan, upload=photo((2000, 1500)), size=None, alt_text={"ind": "Kain", "en": "Cloth"}, product=piece
    )

    assert sorted(picture.renditions, key=int) == ["320", "480", "640", "1280"]
    with default_storage.open(picture.renditions["480"]) as f, Image.open(f) as copy:
        assert (copy.format, copy.size) == ("WEBP", (480, 360))


def test_a_small_photo_is_never_enlarged(db: Any) -> None:
    stored = images.store(photo((500, 400)))
    assert sorted(stored.renditions, key=int) == ["320", "480", "500"]

    assert sorted(images.store(photo((400, 300))).renditions, key=int) == ["320", "400"]


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


def test_pictures_stored_before_the_480_copy_get_it_from_the_data_migration(db: Any) -> None:
    """Given pictures stored with only the 320, 640 and 1280 copies (two sharing one content, one whose files are
    gone), when the data migration runs, then each content is resized once to 480 pixels and every picture of it
    lists the copy; the picture without files keeps what it had, and running it again changes nothing."""
    import importlib

    from django.apps import apps

    from canting.catalogue.models import Picture
    from canting.catalogue.tests.factories import PictureFactory

    migration = importlib.import_module("canting.catalogue.migrations.0005_picture_480_copies")
    old = [PictureFactory(size=(1600, 1200)) for _ in range(2)] + [PictureFactory(size=(900, 600), colour="#23315c")]
    for picture in old:
        del picture.renditions["480"]
        Picture.objects.filter(pk=picture.pk).update(renditions=picture.renditions)
        default_storage.delete(f"catalogue/{picture.sha256[:2]}/{picture.sha256}-480.webp")
    gone = old[2]
    for name in gone.renditions.values():
        default_storage.delete(name)

    migration.add_480_copies(apps, None)
    migration.add_480_copies(apps, None)

    first, second, missing = (Picture.objects.get(pk=p.pk) for p in old)
    copy_name = f"catalogue/{first.sha256[:2]}/{first.sha256}-480.webp"
    assert first.renditions["480"] == second.renditions["480"] == copy_name
    with default_storage.open(first.renditions["480"]) as f, Image.open(f) as copy:
        assert (copy.format, copy.size) == ("WEBP", (480, 360))
    assert sorted(missing.renditions, key=int) == ["320", "640", "900"]
