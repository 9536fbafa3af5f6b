"""The public showcase: a visitor finds pieces and motifs in Indonesian and English, sees only what is public,
never mistakes a printed imitation for batik, shares a link that shows the photo, and gets fast cached pages."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote, unquote

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext, override

from canting.catalogue import services
from canting.catalogue.models import Product
from canting.catalogue.tests.factories import MotifFactory, PictureFactory, ProductFactory
from canting.catalogue.views import showcase
from canting.catalogue.wording import technique_text
from canting.registry.tests.factories import EnterpriseFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"
RENDITION = re.compile(r"^/media/catalogue/[0-9a-f]{2}/[0-9a-f]{64}-\d+\.webp$")


class Page(HTMLParser):
    """The parts of a page the tests read: images, meta and link tags, and anchors."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.images: list[dict[str, str]] = []
        self.sources: dict[int, dict[str, str]] = {}  # an image's <source> in its <picture>, by the image's index
        self.meta: dict[str, str] = {}
        self.alternates: dict[str, str] = {}
        self.links: list[str] = []
        self.forms: list[dict[str, str]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "img":
            self.images.append(a)
        elif tag == "source":
            self.sources[len(self.images)] = a
        elif tag == "meta" and ("property" in a or "name" in a):
            self.meta[a.get("property") or a["name"]] = a.get("content", "")
        elif tag == "link" and a.get("rel") == "alternate":
            self.alternates[a["hreflang"]] = a["href"]
        elif tag == "a" and "href" in a:
            self.links.append(a["href"])
        elif tag == "form":
            self.forms.append(a)


def url(name: str, *args: Any, lang: str = "id") -> str:
    with override(lang):
        return reverse(f"showcase:{name}", args=args)


def get(path: str, client: Client | None = None, **query: Any) -> Any:
    return (client or Client()).get(path, query)


@pytest.fixture
def maker() -> Any:
    """An active enterprise in Gununggedangan that publishes a business WhatsApp and e-mail; its owner has a
    private phone of their own."""
    enterprise = EnterpriseFactory(
        name="Batik Sekar Maja", brand="Sekar Maja", contact_phone="+6281234567890", contact_email="sri@example.id"
    )
    owner = PersonFactory(full_name="Sri Wahyuni", phone="+6285799990000", email="sri.pribadi@example.id")
    MembershipFactory(enterprise=enterprise, person=owner)
    return enterprise


@pytest.fixture
def teratai() -> Any:
    return MotifFactory(
        name_ind="Teratai Surya Majapahit",
        name_en="Lotus of the Majapahit Sun",
        slug="teratai-surya-majapahit",
        story_ind="Bunga teratai mekar di kolam keraton Majapahit.",
        story_en="A lotus blooms in the ponds of the Majapahit palace.",
        meaning_ind="Kesucian dan cahaya.",
        meaning_en="Purity and light.",
        ip_number="EC00202312345",
    )


@pytest.fixture
def piece(maker: Any, teratai: Any) -> Product:
    product = ProductFactory(
        enterprise=maker,
        name_ind="Kain Panjang Teratai",
        name_en="Lotus Long Cloth",
        motifs=[teratai],
        slug="kain-teratai",
    )
    PictureFactory(product=product, alt_text_ind="Kain biru dengan teratai", alt_text_en="Blue cloth with lotuses")
    PictureFactory(product=product, colour="#23315c")
    return product


# Finding pieces ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("word", ["keraton", "ponds"])
def test_a_visitor_finds_a_piece_by_a_word_of_its_motifs_story(piece: Product, lang: str, word: str) -> None:
    ProductFactory(name_ind="Selendang Kawung", name_en="Kawung Shawl")

    page = get(url("products", lang=lang), q=word)

    assert page.status_code == 200
    names = [p.name for p in page.context["products"]]
    assert len(names) == 1
    assert f"/{lang}/" in page.context["meta"]["url"]
    assert piece.get_absolute_url().split("/", 2)[2] in page.content.decode()  # the card links to the piece


def test_filters_narrow_the_list(maker: Any, teratai: Any) -> None:
    tulis = ProductFactory(enterprise=maker, motifs=[teratai], price=900_000)
    cheap_cap = ProductFactory(technique="cap", price=150_000, dyes=[{"name": "naphthol", "natural": False}])
    tiruan = ProductFactory(technique="tiruan", name_ind="Kain Print Kawung", name_en="Printed Kawung Cloth")

    def found(**query: Any) -> set[int]:
        return {p.pk for p in get(url("products"), **query).context["products"]}

    assert found(technique="tiruan") == {tiruan.pk}
    assert found(motif="teratai-surya-majapahit") == {tulis.pk}
    assert found(enterprise=maker.pk) == {tulis.pk}
    assert found(price_max=200_000) == {cheap_cap.pk}
    assert found(natural_dye="true") == {tulis.pk, tiruan.pk}
    assert found(price_min="not a number") == {tulis.pk, cheap_cap.pk, tiruan.pk}  # a bad value is ignored
    assert get(url("products"), ordering="-price").context["products"][0].pk == tulis.pk


def test_a_maker_with_a_large_id_is_chosen_by_its_plain_number() -> None:
    big = EnterpriseFactory(pk=12345, name="Batik Nomor Besar")
    ProductFactory.create_batch(13, enterprise=big)

    listed = get(url("products"), enterprise="12345").content.decode()
    assert '<option value="12345" selected>Batik Nomor Besar</option>' in listed
    assert "?enterprise=12345" in get(url("enterprise", big.pk)).content.decode()  # "see all", not "12.345"


def test_the_page_size_is_12_24_or_48(maker: Any) -> None:
    ProductFactory.create_batch(30, enterprise=maker)

    assert len(get(url("products"), per_page=12).context["products"]) == 12
    assert len(get(url("products"), per_page=48).context["products"]) == 30
    assert len(get(url("products"), per_page=7).context["products"]) == 24
    assert len(get(url("products")).context["products"]) == 24
    assert len(get(url("products"), per_page=12, page=3).context["products"]) == 6


# What a visitor may see ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "hidden",
    [
        {"status": "draft"},
        {"status": "archived"},
        {"enterprise__status": "inactive"},
        {"enterprise__status": "applicant"},
    ],
    ids=["draft", "archived", "inactive-enterprise", "applicant-enterprise"],
)
def test_pieces_that_are_not_public_answer_404_and_never_appear(hidden: dict[str, str], teratai: Any) -> None:
    product = ProductFactory(name_ind="Kain Rahasia", name_en="Secret Cloth", motifs=[teratai], featured=True, **hidden)
    PictureFactory(product=product)

    for lang in ("id", "en"):
        assert get(url("product", product.slug, lang=lang)).status_code == 404
        for page in (url("home", lang=lang), url("products", lang=lang), url("motif", teratai.slug, lang=lang)):
            html = get(page).content.decode()
            assert "Kain Rahasia" not in html and "Secret Cloth" not in html, page
    assert product.get_absolute_url() not in get("/sitemap.xml").content.decode()


def test_an_enterprise_page_is_public_only_while_it_is_active(
    maker: Any, staff: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from canting.registry import services as registry_services

    assert get(url("enterprise", maker.pk)).status_code == 200  # and now cached
    for status in ("inactive", "applicant"):
        with django_capture_on_commit_callbacks(execute=True):
            registry_services.update_enterprise(maker, actor=staff, changes={"status": status})
        assert get(url("enterprise", maker.pk)).status_code == 404  # the change reached the cached page


# Tiruan is never batik -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_printed_imitation_carries_the_not_batik_badge_and_never_a_batik_technique(maker: Any, lang: str) -> None:
    tiruan = ProductFactory(
        enterprise=maker, technique="tiruan", name_ind="Kain Print Kawung", name_en="Printed Kawung Cloth"
    )
    tulis = ProductFactory(technique="tulis", name_ind="Kain Tulis Sekar", name_en="Sekar Cloth")
    with override(lang):
        badge, technique, not_batik = gettext("tiruan · not batik"), technique_text("tiruan"), gettext("not batik")

    html = get(url("product", tiruan.slug, lang=lang)).content.decode()
    assert badge in html
    assert technique in html and "batik" not in technique.lower()
    assert "Batik tulis" not in html and "Batik cap" not in html and "Batik kombinasi" not in html
    assert not_batik in Page(html).meta["og:description"]

    cards = card_texts(get(url("products", lang=lang)).content.decode())
    assert badge in cards[tiruan.name_en if lang == "en" else tiruan.name_ind]
    assert badge not in cards[tulis.name_en if lang == "en" else tulis.name_ind]
    assert badge not in get(url("product", tulis.slug, lang=lang)).content.decode()


def card_texts(html: str) -> dict[str, str]:
    """Each product card's HTML, by the piece's name."""
    cards = re.findall(r'<article class="sc-card">(.*?)</article>', html, flags=re.S)
    return {re.search(r'class="sc-card-title">(.*?)<', c).group(1): c for c in cards}  # type: ignore[union-attr]


# The product page ----------------------------------------------------------------------------------------------


def test_the_product_page_tells_the_story_the_maker_and_the_price(piece: Product, maker: Any) -> None:
    html = get(url("product", piece.slug, lang="en")).content.decode()

    assert "Lotus Long Cloth" in html
    assert "A lotus blooms in the ponds of the Majapahit palace." in html
    assert "Purity and light." in html
    assert "Sri Wahyuni" in html
    assert "Batik Sekar Maja" in html and "Sekar Maja" in html
    assert "Gununggedangan, Magersari, Kota Mojokerto, Jawa Timur".lower() in html.lower()
    assert "Batik tulis (hand-drawn)" in html
    assert "Cotton 100%" in html and "Indigo (natural)" in html
    assert "250 \u00d7 110 cm" in html  # length by width, with a multiplication sign
    assert "IDR 750,000" in html
    assert "Rp750.000" in get(url("product", piece.slug, lang="id")).content.decode()


def test_the_contact_buttons_open_whatsapp_and_email_with_a_message_naming_the_piece(piece: Product) -> None:
    page = Page(get(url("product", piece.slug, lang="en")).content.decode())

    whatsapp = next(link for link in page.links if link.startswith("https://wa.me/"))
    number, _sep, text = whatsapp.removeprefix("https://wa.me/").partition("?text=")
    assert number == "6281234567890"
    assert " " not in text and "%20" in text  # URL-encoded
    message = unquote(text)
    assert "Lotus Long Cloth" in message
    assert f"{SITE}/en/products/kain-teratai/" in message
    assert message.startswith("Hello")
    email = next(link for link in page.links if link.startswith("mailto:"))
    assert email.startswith("mailto:sri@example.id?subject=")
    assert quote(f"{SITE}/en/products/kain-teratai/", safe="") in email


def test_no_email_button_when_the_enterprise_publishes_no_address(piece: Product, maker: Any) -> None:
    type(maker).objects.filter(pk=maker.pk).update(contact_email="")
    links = Page(get(url("product", piece.slug)).content.decode()).links
    assert any(link.startswith("https://wa.me/6281234567890?text=") for link in links)
    assert not any(link.startswith("mailto:") for link in links)


def test_the_owners_private_phone_and_email_never_reach_the_public_page(piece: Product) -> None:
    html = get(url("product", piece.slug)).content.decode()
    assert "6285799990000" not in html and "sri.pribadi@example.id" not in html


def test_a_shared_link_shows_the_pieces_photo_title_and_description(piece: Product) -> None:
    meta = Page(get(url("product", piece.slug, lang="en")).content.decode()).meta
    cover = piece.pictures.order_by("position").first()
    assert cover is not None

    assert meta["og:title"] == "Lotus Long Cloth"
    assert meta["og:type"] == "product"
    assert meta["og:url"] == f"{SITE}/en/products/kain-teratai/"
    assert meta["og:image"] == SITE + cover.share_url
    assert meta["og:image"].endswith("-share.jpg")  # JPEG, which every link preview shows
    assert meta["og:image:alt"] == "Blue cloth with lotuses"
    assert "Batik tulis (hand-drawn)" in meta["og:description"]
    assert "A long cloth with fine filling patterns." in meta["og:description"]
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["twitter:image"] == meta["og:image"]
    assert meta["product:price:amount"] == "750000"


# Pictures ------------------------------------------------------------------------------------------------------


def test_every_image_comes_from_a_resized_copy_and_has_alt_text(piece: Product, maker: Any, teratai: Any) -> None:
    PictureFactory(motif=teratai, colour="#f3e6cf", size=(1400, 1100))  # a width with a thousands separator
    ProductFactory(enterprise=maker, featured=True)  # no picture: a placeholder, no <img>
    piece.featured = True
    piece.save()

    pages = [
        url("home", lang="en"),
        url("products"),
        url("product", piece.slug, lang="en"),
        url("motif", teratai.slug),
        url("motifs"),
        url("enterprise", maker.pk),
    ]
    for path in pages:
        images = Page(get(path).content.decode()).images
        assert images, path
        for img in images:
            assert img["alt"].strip(), (path, img)
            assert RENDITION.match(img["src"]), (path, img["src"])
            candidates = [c.strip().split(" ") for c in img["srcset"].split(",")]
            assert candidates and all(RENDITION.match(u) and w.endswith("w") for u, w in candidates), img["srcset"]
            assert img.get("sizes")
            assert img["width"].isdigit() and img["height"].isdigit(), img  # never "1.200" or "1,200"
    english = Page(get(url("product", piece.slug, lang="en")).content.decode()).images
    assert english[0]["alt"] == "Blue cloth with lotuses"


def widths(srcset: str) -> list[int]:
    """The widths a ``srcset`` offers: ``/media/...-320.webp 320w, ...`` -> [320, ...]."""
    return [int(candidate.split()[1].removesuffix("w")) for candidate in srcset.split(",")]


def test_every_picture_offers_its_copies_to_wide_screens_and_at_most_800_pixels_to_phones(
    piece: Product, maker: Any
) -> None:
    """Given a piece whose photos are 700 and 1600 pixels wide, then the list and the product page offer each
    picture in every copy (480 included) with the width it is shown at, and a phone (a window up to 575 px) only the
    copies up to 800 pixels, with the same sizes (a picture without a wider copy needs no phone's choice)."""
    PictureFactory(product=piece, size=(1600, 1200), colour="#f3e6cf")  # the piece's second photo
    PictureFactory(product=ProductFactory(enterprise=maker), size=(1600, 1200), colour="#f3e6cf")  # another's cover
    for path in (url("products"), url("product", piece.slug)):
        page = Page(get(path).content.decode())
        offered = [widths(img["srcset"]) for img in page.images]
        assert [320, 480, 640, 1280] in offered and [320, 480, 640, 700] in offered, path
        for n, img in enumerate(page.images):
            assert widths(img["srcset"]) in ([320, 480, 640, 700], [320, 480, 640, 1280]), img["srcset"]
            assert img["sizes"].endswith(("calc(50vw - 18px)", "calc(100vw - 24px)", "64px")), img["sizes"]
            phone = page.sources.get(n)
            if max(widths(img["srcset"])) <= 800:
                assert phone is None
                continue
            assert phone is not None and phone["media"] == "(max-width: 575.98px)"
            assert widths(phone["srcset"]) == [320, 480, 640]
            assert phone["sizes"] == img["sizes"]


def test_the_first_row_of_cards_and_the_main_photo_load_first_the_rest_when_scrolled_near(
    maker: Any, teratai: Any
) -> None:
    """Given five pieces of one maker, each with a photo, the first with three, then on the list the first row of
    cards (three) loads its pictures at once and first, the other two when scrolled near; on a product page the
    main photo loads at once and first, its other photos, thumbnails and the maker's other pieces lazily."""
    pieces = [ProductFactory(enterprise=maker) for _ in range(5)]
    for n, product in enumerate(pieces):
        PictureFactory(product=product, size=(900, 700), colour=f"#8a5a{n}b")
    PictureFactory(product=pieces[-1], colour="#23315c")
    PictureFactory(product=pieces[-1], colour="#f3e6cf")

    cards = Page(get(url("products")).content.decode()).images
    assert [(img.get("loading"), img.get("fetchpriority")) for img in cards] == [("eager", "high")] * 3 + [
        ("lazy", None)
    ] * 2

    newest = pieces[-1]  # the list's first card, and the piece with three photos
    product = Page(get(url("product", newest.slug)).content.decode()).images
    gallery, thumbs, more = product[:3], product[3:6], product[6:]
    assert [(img.get("loading"), img.get("fetchpriority")) for img in gallery] == [("eager", "high")] + [
        ("lazy", None)
    ] * 2
    assert all(img["loading"] == "lazy" and "fetchpriority" not in img for img in thumbs + more)
    assert len(more) == 4


def test_a_piece_without_pictures_shows_its_name_on_a_placeholder(maker: Any) -> None:
    bare = ProductFactory(enterprise=maker, name_ind="Sarung Polos", name_en="Plain Sarong")
    html = get(url("products", lang="en")).content.decode()
    assert re.search(r'<div class="sc-placeholder" aria-hidden="true"><span>Plain Sarong</span></div>', html)
    assert '<div class="sc-placeholder sc-placeholder-large"' in get(url("product", bare.slug)).content.decode()


def test_pictures_are_served_only_from_the_catalogue_folder(piece: Product) -> None:
    cover = piece.pictures.order_by("position").first()
    assert cover is not None
    default_storage.save("facilitations/2024/x.pdf", ContentFile(b"%PDF-1.4 private"))
    default_storage.save("catalogue/notes.txt", ContentFile(b"not a picture"))

    answer = Client().get(cover.thumb_url)
    assert answer.status_code == 200
    assert answer["Content-Type"] == "image/webp"
    assert answer["Cache-Control"] == "public, max-age=3600"  # not immutable: a piece may leave the showcase
    for path in (
        "/media/catalogue/../facilitations/2024/x.pdf",
        "/media/catalogue/%2e%2e/facilitations/2024/x.pdf",
        "/media/catalogue//etc/passwd",
        "/media/catalogue/notes.txt",
        "/media/catalogue/ab/",
        "/media/facilitations/2024/x.pdf",
    ):
        assert Client().get(path).status_code == 404, path


def test_pictures_of_a_piece_off_the_showcase_are_not_public(
    piece: Product, staff: Any, artisan: Any, other_artisan: Any, teratai: Any
) -> None:
    # Given a draft of the artisan's enterprise with a photo of its own, and a motif's picture
    draft = ProductFactory(enterprise=artisan.enterprise, status="draft")
    photo = PictureFactory(product=draft, colour="#5c2323")
    drawing = PictureFactory(motif=teratai, colour="#235c2a")
    addresses = [photo.thumb_url, photo.large_url, photo.share_url]

    def answers(user: Any) -> list[int]:
        client = Client()
        if user is not None:
            client.force_login(user)
        return [client.get(address).status_code for address in addresses]

    # Then visitors and other enterprises get 404; the maker and staff see it, privately
    assert answers(None) == answers(other_artisan) == [404, 404, 404]
    assert answers(artisan) == answers(staff) == [200, 200, 200]
    owner = Client()
    owner.force_login(artisan)
    assert owner.get(photo.thumb_url)["Cache-Control"] == "private, max-age=3600"
    assert Client().get(drawing.thumb_url).status_code == 200  # motifs are public knowledge

    # Once published the photo is public; archived, it is not any more
    services.set_status(draft, "published", actor=artisan)
    assert answers(None) == [200, 200, 200]
    services.set_status(draft, "archived", actor=artisan)
    assert answers(None) == [404, 404, 404]

    # The same photo on a published piece stays public there: the file is one, stored once by its content
    PictureFactory(product=piece, colour="#5c2323")
    assert answers(None) == [200, 200, 200]


def test_with_accel_redirect_the_web_server_sends_the_picture_after_the_check(piece: Product, settings: Any) -> None:
    settings.MEDIA_ACCEL_REDIRECT = "/internal-media/"
    cover = piece.pictures.order_by("position").first()
    assert cover is not None
    draft_photo = PictureFactory(product=ProductFactory(enterprise=piece.enterprise, status="draft"), colour="#111111")

    answer = Client().get(cover.thumb_url)
    assert answer.status_code == 200
    assert answer["X-Accel-Redirect"] == "/internal-media/" + cover.renditions["320"]
    assert answer["Content-Type"] == "image/webp"
    assert answer.content == b""
    assert Client().get(draft_photo.thumb_url).status_code == 404


# Languages, sitemap and robots ---------------------------------------------------------------------------------


def test_every_page_links_its_other_language_and_declares_hreflang_alternates(piece: Product) -> None:
    page = Page(get(url("product", piece.slug, lang="id")).content.decode())

    assert page.alternates == {
        "id": f"{SITE}/id/produk/kain-teratai/",
        "en": f"{SITE}/en/products/kain-teratai/",
        "x-default": f"{SITE}/id/produk/kain-teratai/",
    }
    assert "/en/products/kain-teratai/" in page.links  # the switch is a plain link
    assert not any(form.get("method", "").lower() == "post" for form in page.forms)

    listed = Page(get(url("products", lang="en"), q="lotus").content.decode())
    assert listed.alternates["id"] == f"{SITE}/id/produk/?q=lotus"
    assert listed.meta["robots"] == "noindex, follow"  # search results stay out of search engines
    assert "robots" not in page.meta


def test_public_pages_carry_no_csrf_token_and_set_no_cookie(piece: Product) -> None:
    for path in (url("home"), url("products"), url("product", piece.slug)):
        answer = get(path)
        assert b"csrfmiddlewaretoken" not in answer.content and b"X-CSRFToken" not in answer.content
        assert not answer.cookies


def test_the_sitemap_lists_every_public_piece_in_both_languages(piece: Product, maker: Any, teratai: Any) -> None:
    draft = ProductFactory(enterprise=maker, status="draft")
    answer = Client().get("/sitemap.xml")
    xml = answer.content.decode()

    assert answer.status_code == 200
    assert f"<loc>{SITE}/id/produk/kain-teratai/</loc>" in xml
    assert f"<loc>{SITE}/en/products/kain-teratai/</loc>" in xml
    assert f'hreflang="x-default" href="{SITE}/id/produk/kain-teratai/"' in xml
    assert f"<loc>{SITE}/en/motifs/teratai-surya-majapahit/</loc>" in xml
    assert f"<loc>{SITE}/id/perajin/{maker.pk}/</loc>" in xml
    assert f"<loc>{SITE}/en/</loc>" in xml
    assert draft.slug not in xml


def test_robots_txt_opens_the_showcase_and_closes_the_working_pages() -> None:
    answer = Client().get("/robots.txt")
    lines = answer.content.decode().splitlines()

    assert answer["Content-Type"].startswith("text/plain")
    assert {"Allow: /id/", "Allow: /en/", "Allow: /media/catalogue/"} <= set(lines)
    assert {"Disallow: /registry/", "Disallow: /catalogue/", "Disallow: /admin/", "Disallow: /api/"} <= set(lines)
    assert f"Sitemap: {SITE}/sitemap.xml" in lines


@pytest.mark.parametrize(("accept", "target"), [("en-GB,en;q=0.9", "/en/"), ("id-ID,id;q=0.9", "/id/")])
def test_a_visitor_at_the_root_goes_to_the_showcase_in_their_language(accept: str, target: str) -> None:
    answer = Client().get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert answer.status_code == 302
    assert answer["Location"] == target


def test_signed_in_users_keep_their_home_at_the_root(staff: Any, artisan: Any) -> None:
    client = Client()
    client.force_login(staff)
    assert client.get("/").status_code == 200
    client.force_login(artisan)
    assert client.get("/")["Location"] == reverse("registry:my-enterprise")


# Motifs and makers ---------------------------------------------------------------------------------------------


def test_a_motif_page_tells_its_story_its_registration_and_its_pieces(piece: Product, teratai: Any) -> None:
    kawung = MotifFactory(name_ind="Kawung Majapahit", name_en="Majapahit Kawung", related=[teratai])
    html = get(url("motif", teratai.slug, lang="en")).content.decode()

    assert "Lotus of the Majapahit Sun" in html
    assert "A lotus blooms in the ponds of the Majapahit palace." in html
    assert "Purity and light." in html
    assert "EC00202312345" in html
    assert "Kota Mojokerto" in html
    assert "Majapahit Kawung" in html and kawung.get_absolute_url().split("/", 2)[2] in html
    assert "Lotus Long Cloth" in html
    assert [m.pk for m in get(url("motifs"), q="keraton").context["motifs"]] == [teratai.pk]


def test_a_makers_page_shows_its_facts_and_only_its_public_pieces(piece: Product, maker: Any) -> None:
    ProductFactory(enterprise=maker, status="draft", name_en="Unfinished Cloth")
    maker.technique_tiruan = True
    maker.save()
    html = get(url("enterprise", maker.pk, lang="en")).content.decode()

    assert "Batik Sekar Maja" in html and "Sri Wahyuni" in html
    assert "Gununggedangan, Magersari, Kota Mojokerto, Jawa Timur".lower() in html.lower()
    assert "Batik tulis (hand-drawn)" in html and "tiruan · not batik" in html
    assert "Lotus Long Cloth" in html and "Unfinished Cloth" not in html
    assert "sri@example.id" not in html and "6281234567890" not in html  # contact is per piece, not listed here


# Speed ---------------------------------------------------------------------------------------------------------


@pytest.fixture
def fifty_pieces(maker: Any, teratai: Any) -> None:
    other = MotifFactory()
    for n in range(50):
        product = ProductFactory(enterprise=maker if n % 2 else EnterpriseFactory(), motifs=[teratai, other])
        PictureFactory(product=product)
        PictureFactory(product=product, colour="#23315c")


# The motif filter options, the page of pieces with maker and village, their pictures (the maker only when chosen);
# and the COUNT, once for a search and filters, then kept for their other pages and sorts until something changes.
LIST_QUERIES = 3


@pytest.mark.parametrize("per_page", [12, 48])
def test_the_list_runs_a_fixed_number_of_queries_whatever_the_page_size(
    fifty_pieces: None, per_page: int, django_assert_num_queries: Any, settings: Any
) -> None:
    settings.SHOWCASE_CACHE_SECONDS = 0  # every request renders the page
    search = {"q": "lotus", "technique": "tulis"}
    with django_assert_num_queries(LIST_QUERIES + 1):
        answer = get(url("products"), per_page=per_page, **search)
    assert len(answer.context["products"]) == per_page
    assert answer.context["paginator"].count == 50

    with django_assert_num_queries(LIST_QUERIES):  # another page and sort of the same search: counted already
        answer = get(url("products"), per_page=per_page, page=2, ordering="price", **search)
    assert len(answer.context["products"]) == 50 - per_page if per_page > 25 else per_page


def test_the_count_of_pieces_follows_every_change(
    maker: Any, staff: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """Given a list counted once, when a piece is published (or leaves the showcase), then the next visit counts
    again, even with the page cache off."""
    settings.SHOWCASE_CACHE_SECONDS = 0
    first = ProductFactory(enterprise=maker)
    second = ProductFactory(enterprise=maker, status="draft")
    assert get(url("products")).context["paginator"].count == 1

    with django_capture_on_commit_callbacks(execute=True):
        services.set_status(second, actor=staff, status="published")
    assert get(url("products")).context["paginator"].count == 2

    with django_capture_on_commit_callbacks(execute=True):
        services.set_status(first, actor=staff, status="archived")
    answer = get(url("products"))
    assert answer.context["paginator"].count == 1
    assert [p.pk for p in answer.context["products"]] == [second.pk]


# The piece with its maker, village path and centre; its motifs; up to four more pieces of the same maker; the
# pictures of all five; the owner's name.
PRODUCT_QUERIES = 5


def test_the_product_page_runs_a_fixed_number_of_queries(
    fifty_pieces: None, maker: Any, django_assert_num_queries: Any
) -> None:
    product = Product.objects.filter(enterprise=maker).first()
    assert product is not None
    with django_assert_num_queries(PRODUCT_QUERIES):
        answer = get(url("product", product.slug))
    assert len(answer.context["more_pieces"]) == 4


# The maker with their owners; then their pieces with pictures.
MAKER_QUERIES = 4
# The motif with its pictures, its related motifs and their pictures; then its pieces with pictures.
MOTIF_QUERIES = 6


def test_the_maker_and_motif_pages_run_a_fixed_number_of_queries(
    fifty_pieces: None, maker: Any, teratai: Any, django_assert_num_queries: Any
) -> None:
    teratai.related.set([MotifFactory()])
    with django_assert_num_queries(MAKER_QUERIES):
        assert len(get(url("enterprise", maker.pk)).context["pieces"]) == 12
    with django_assert_num_queries(MOTIF_QUERIES):
        assert len(get(url("motif", teratai.slug)).context["pieces"]) == 12


def test_the_home_page_query_count_does_not_grow_with_the_catalogue(
    fifty_pieces: None, django_assert_max_num_queries: Any
) -> None:
    Product.objects.update(featured=True)
    with django_assert_max_num_queries(5):  # featured pieces, pictures, motifs; motif cards, their pictures
        get(url("home"))


# Cache ---------------------------------------------------------------------------------------------------------


def test_a_second_visit_is_served_from_the_cache_until_the_piece_changes(
    piece: Product, staff: Any, django_capture_on_commit_callbacks: Any
) -> None:
    path, listing = url("product", piece.slug, lang="en"), url("products", lang="en")
    first = get(path)
    assert first.status_code == 200 and "X-Cache" not in first
    get(listing)

    second = get(path)
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert get(listing)["X-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        services.update_product(piece, actor=staff, changes={"name_en": "Lotus Cloth, Second Edition"})

    fresh = get(path)
    assert "X-Cache" not in fresh
    assert "Lotus Cloth, Second Edition" in fresh.content.decode()
    fresh_list = get(listing)
    assert "X-Cache" not in fresh_list and "Lotus Cloth, Second Edition" in fresh_list.content.decode()


def test_signed_in_staff_never_get_a_cached_page(piece: Product, staff: Any) -> None:
    path = url("product", piece.slug)
    get(path)
    assert get(path)["X-Cache"] == "hit"

    client = Client()
    client.force_login(staff)
    for _ in range(2):
        answer = client.get(path)
        assert answer.status_code == 200
        assert "X-Cache" not in answer


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner; PostgreSQL already walks the index")
def test_on_sqlite_the_newest_pieces_are_read_from_their_index_not_sorted_from_every_piece() -> None:
    """Given many active makers with published pieces and the planner's statistics gathered (ANALYZE), the list's
    page of newest pieces walks the pieces' (status, published_at) index and stops at the page, rather than reading
    every piece of every active maker and sorting them all."""
    makers = [EnterpriseFactory() for _ in range(20)]
    for n in range(200):
        ProductFactory(enterprise=makers[n % 20])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        newest = showcase.card_products(showcase.in_stable_order(Product.objects.public()))[:24]
        sql, params = newest.query.sql_with_params()
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = [row[-1] for row in cursor.fetchall()]

    assert any("catalogue_product USING INDEX catalogue_p_status" in step for step in plan), plan
    assert "USE TEMP B-TREE FOR ORDER BY" not in plan, plan
