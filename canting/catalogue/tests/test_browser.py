"""In a real browser: a visitor finds a piece by its motif's story, filters, opens it and switches language; an
artisan on a phone adds a piece with a photo. Screenshots of each step go to test-artifacts/screenshots/."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from canting.catalogue.tests.factories import MotifFactory, PictureFactory, ProductFactory, photo_bytes
from canting.core.testing import make_user, shoot, sign_in
from canting.registry.tests.factories import EnterpriseFactory, MembershipFactory

pytestmark = pytest.mark.browser
PICTURE_COPY = re.compile(r"/media/catalogue/.+-(?P<width>\d+)\.webp$")


@pytest.fixture
def showcase(restore_areas: None, live_server: Any) -> dict[str, Any]:
    """A maker with two pieces, one with the lotus motif whose story mentions the palace pond, and an artisan
    login. Made before the browser starts (see the registration browser test for why)."""
    maker = EnterpriseFactory(name="Batik Sekar Maja", contact_phone="+6281234567890")
    MembershipFactory(enterprise=maker)
    lotus = MotifFactory(
        name_ind="Teratai Surya Majapahit",
        name_en="Lotus of the Majapahit Sun",
        slug="teratai-surya-majapahit",
        story_ind="Teratai yang mekar di kolam istana, lambang kesucian.",
        story_en="A lotus opening on the palace pond, an emblem of purity.",
    )
    tulis = ProductFactory(
        enterprise=maker, name_ind="Kain Teratai", name_en="Lotus Long Cloth", slug="kain-teratai", motifs=[lotus]
    )
    PictureFactory(product=tulis)
    cap = ProductFactory(
        enterprise=maker, name_ind="Kemeja Parang", name_en="Parang Shirt", slug="kemeja-parang", technique="cap"
    )
    PictureFactory(product=cap, colour="#23315c")
    return {"artisan": make_user("sari", "artisan", enterprise=maker), "product": tulis}


def test_a_visitor_finds_a_piece_by_its_story_and_reads_it_in_english(
    showcase: Any, live_server: Any, browser: Any
) -> None:
    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    page = phone.new_page()
    page.goto(f"{live_server.url}/")  # a visitor is sent on to the showcase in their language
    assert "/id/" in page.url
    shoot(page, "catalogue-01-home-id")

    page.fill("#home-q", "kolam")  # a word of the lotus motif's story, not of the piece's name
    page.locator("form.sc-search button[type=submit]").click()
    page.wait_for_load_state()
    titles = page.locator(".sc-card-title").all_inner_texts()
    assert titles == ["Kain Teratai"]
    shoot(page, "catalogue-02-search-by-story")

    page.goto(f"{live_server.url}/id/produk/")
    page.locator("#filters summary").click()
    page.select_option("#f-technique", "cap")
    page.locator(".sc-filters-actions button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".sc-card-title").all_inner_texts() == ["Kemeja Parang"]
    shoot(page, "catalogue-03-filtered-by-technique")

    page.goto(f"{live_server.url}/id/produk/kain-teratai/")
    assert page.locator("h1").inner_text() == "Kain Teratai"
    og_image = page.locator('meta[property="og:image"]').get_attribute("content") or ""
    assert "/media/catalogue/" in og_image and og_image.endswith("-share.jpg")  # the JPEG made for link previews
    assert page.locator("a[href^='https://wa.me/6281234567890']").count() >= 1
    shoot(page, "catalogue-04-product-id")

    page.locator(".sc-lang a[hreflang=en]").click()
    page.wait_for_load_state()
    assert page.url.endswith("/en/products/kain-teratai/")
    assert page.locator("h1").inner_text() == "Lotus Long Cloth"
    assert "palace pond" in page.content()
    shoot(page, "catalogue-05-product-en")
    phone.close()


def test_an_artisan_adds_a_piece_with_a_photo_on_a_phone(
    showcase: Any, live_server: Any, browser: Any, tmp_path: Path
) -> None:
    photo = tmp_path / "kain.jpg"
    photo.write_bytes(photo_bytes((1200, 900)).getvalue())
    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    page = phone.new_page()
    sign_in(page, live_server.url, "sari", "correct horse battery")
    page.goto(f"{live_server.url}/catalogue/products/new/")
    page.fill("#id_name_ind", "Selendang Sekar Jagad")
    page.fill("#id_name_en", "Sekar Jagad shawl")
    page.fill("#id_sku", "SLD-07")
    page.select_option("#id_technique", "tulis")
    page.select_option("#id_product_type", "selendang")
    page.select_option("#id_fabric", "silk")
    page.fill("#id_fibres", "sutra 100")
    page.fill("#id_natural_dyes", "indigo")
    page.fill("#id_price", "1.250.000")
    page.fill("#id_stock", "2")
    shoot(page, "catalogue-06-artisan-new-piece")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()

    page.set_input_files("#id_photo", str(photo))
    page.fill("#id_alt_text_ind", "Selendang sutra biru bermotif Sekar Jagad")
    page.fill("#id_alt_text_en", "Blue silk shawl with the Sekar Jagad motif")
    page.locator("#photos button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#photos img").count() == 1
    page.locator("form[action$='/status/'] button", has_text="Tayangkan").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("status").inner_text() == "Tayang"
    shoot(page, "catalogue-07-artisan-piece-published")

    page.goto(f"{live_server.url}/id/produk/?q=Sekar+Jagad")
    assert "Selendang Sekar Jagad" in page.locator(".sc-card-title").all_inner_texts()
    shoot(page, "catalogue-08-piece-in-the-showcase")
    phone.close()


@pytest.fixture
def large_photos(restore_areas: None, live_server: Any) -> dict[str, Any]:
    """Seven pieces photographed 1600 pixels wide (every copy up to 1280 stored), the newest with three photos."""
    maker = EnterpriseFactory(name="Batik Sekar Maja")
    pieces = [
        ProductFactory(
            enterprise=maker,
            name_ind=f"Kain Sekar {n}",
            slug=f"kain-sekar-{n}",
            published_at=timezone.now() - datetime.timedelta(minutes=7 - n),
        )
        for n in range(7)
    ]
    colours = ("#8a5a2b", "#23315c", "#5d6472", "#b02a37", "#2d5a27", "#734a22", "#1f2430")
    for piece, colour in zip(pieces, colours, strict=True):
        PictureFactory(product=piece, size=(1600, 1200), colour=colour)
    for colour in ("#f3e6cf", "#e4dccd"):
        PictureFactory(product=pieces[-1], size=(1600, 1200), colour=colour)
    return {"newest": pieces[-1]}


def downloaded_widths(page: Any, path: str) -> list[int]:
    """The widths of the catalogue pictures the browser asks for while it opens ``path`` and scrolls to its end
    (lazily loaded pictures included)."""
    asked: list[int] = []

    def note(request: Any) -> None:
        copy = PICTURE_COPY.search(request.url)
        if copy:
            asked.append(int(copy["width"]))

    page.on("request", note)
    page.goto(path)
    page.wait_for_load_state("networkidle")
    for _ in range(6):
        page.mouse.wheel(0, 900)
        page.wait_for_timeout(150)
    page.wait_for_load_state("networkidle")
    page.remove_listener("request", note)
    return asked


@pytest.mark.parametrize("density", [2, 3])
def test_a_phone_downloads_no_picture_wider_than_800_pixels(
    large_photos: dict[str, Any], live_server: Any, browser: Any, density: int
) -> None:
    """A 390-pixel phone (two and three device pixels to a CSS pixel, as phones have) opens the list and a piece:
    it downloads only copies up to 800 pixels, the list's first row and the piece's main photo among them."""
    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=density, is_mobile=True, has_touch=True
    )
    page = phone.new_page()
    listed = downloaded_widths(page, f"{live_server.url}/id/produk/")
    assert len(listed) >= 7 and max(listed) <= 800, listed
    first_row = page.locator(".sc-card img").first
    assert (first_row.get_attribute("loading"), first_row.get_attribute("fetchpriority")) == ("eager", "high")
    if density == 3:
        page.mouse.wheel(0, -10_000)
        shoot(page, "catalogue-09-list-phone")

    piece = downloaded_widths(page, f"{live_server.url}/id/produk/{large_photos['newest'].slug}/")
    assert piece and max(piece) <= 800, piece
    main = page.locator(".sc-gallery img").first
    assert main.get_attribute("fetchpriority") == "high"
    assert re.search(r"-640\.webp$", main.evaluate("img => img.currentSrc"))
    phone.close()


def test_a_wide_screen_still_gets_the_large_copy(large_photos: dict[str, Any], live_server: Any, browser: Any) -> None:
    """The phones' limit is for phones: a laptop window shows the piece's main photo from its 1280 copy."""
    laptop = browser.new_context(viewport={"width": 1440, "height": 900})
    page = laptop.new_page()
    page.goto(f"{live_server.url}/id/produk/{large_photos['newest'].slug}/")
    main = page.locator(".sc-gallery img").first
    main.wait_for()
    assert re.search(r"-1280\.webp$", main.evaluate("img => img.currentSrc"))
    laptop.close()
