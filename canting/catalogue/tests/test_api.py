"""The catalogue API under /api/v1/: public reading, scoped writes through services, pictures, query counts."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from rest_framework.test import APIClient

from canting.catalogue.models import Motif, Picture, Product
from canting.catalogue.tests.factories import MotifFactory, PictureFactory, ProductFactory
from canting.core.models import AuditEvent, User
from canting.core.testing import staff_user
from canting.registry.models import Enterprise
from canting.registry.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db

PRODUCTS = reverse("api-product-list")
MOTIFS = reverse("api-motif-list")


@pytest.fixture(autouse=True)
def _fresh_throttle() -> None:
    """Visitors' reads are throttled per address; every test starts with a clean count."""
    cache.clear()


def client_for(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def product_url(product: Product) -> str:
    return reverse("api-product-detail", args=[product.pk])


def pictures_url(product: Product) -> str:
    return reverse("api-product-pictures", args=[product.pk])


def skus(response: Any) -> list[str]:
    assert response.status_code == 200, response.content
    return sorted(row["sku"] for row in response.json()["results"])


def new_product(**extra: Any) -> dict[str, Any]:
    return {
        "sku": "KP-01",
        "name_ind": "Kain Surya Majapahit",
        "name_en": "Surya Majapahit long cloth",
        "technique": "tulis",
        "product_type": "kain_panjang",
        "fabric": "primissima",
        "price": "750000",
        **extra,
    }


def png(size: tuple[int, int] = (700, 500)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#23315c").save(buffer, "PNG")
    return SimpleUploadedFile("kain.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def shelf(enterprise: Enterprise, other_enterprise: Enterprise) -> dict[str, Product]:
    """Products in every state: ours and the other enterprise's, published and not, plus an inactive maker's."""
    return {
        "ours": ProductFactory(enterprise=enterprise, sku="OURS"),
        "our_draft": ProductFactory(enterprise=enterprise, sku="OUR-DRAFT", status="draft"),
        "our_archived": ProductFactory(enterprise=enterprise, sku="OUR-OLD", status="archived"),
        "theirs": ProductFactory(enterprise=other_enterprise, sku="THEIRS"),
        "their_draft": ProductFactory(enterprise=other_enterprise, sku="THEIR-DRAFT", status="draft"),
        "inactive": ProductFactory(enterprise=EnterpriseFactory(status="inactive"), sku="INACTIVE"),
    }


# --- who reads what -------------------------------------------------------------------------------------------
def test_visitor_reads_only_published_products_of_active_enterprises(shelf: dict[str, Product]) -> None:
    client = client_for(None)

    assert skus(client.get(PRODUCTS)) == ["OURS", "THEIRS"]
    assert client.get(product_url(shelf["our_draft"])).status_code == 404
    assert client.get(product_url(shelf["inactive"])).status_code == 404
    assert client.get(product_url(shelf["ours"])).json()["enterprise_name"] == "Batik Sekar Uji"


def test_assessor_reads_like_a_visitor(assessor: User, shelf: dict[str, Product]) -> None:
    assert skus(client_for(assessor).get(PRODUCTS)) == ["OURS", "THEIRS"]


def test_artisan_sees_own_drafts_but_not_another_enterprise_s(artisan: User, shelf: dict[str, Product]) -> None:
    client = client_for(artisan)

    assert skus(client.get(PRODUCTS)) == ["OUR-DRAFT", "OUR-OLD", "OURS", "THEIRS"]
    assert client.get(product_url(shelf["our_draft"])).json()["status"] == "draft"
    assert client.get(product_url(shelf["their_draft"])).status_code == 404


def test_staff_see_every_product_of_their_area_once(staff: User, shelf: dict[str, Product]) -> None:
    response = client_for(staff).get(PRODUCTS)

    # The inactive maker is in the area too; published pieces are both public and the staff's, yet listed once.
    assert skus(response) == ["INACTIVE", "OUR-DRAFT", "OUR-OLD", "OURS", "THEIR-DRAFT", "THEIRS"]
    assert response.json()["count"] == 6


def test_staff_of_another_area_see_only_what_is_published(shelf: dict[str, Product]) -> None:
    client = client_for(staff_user(username="sari", area="35.15"))

    assert skus(client.get(PRODUCTS)) == ["OURS", "THEIRS"]
    assert client.get(product_url(shelf["our_draft"])).status_code == 404


def test_translated_texts_and_is_batik_are_explicit(shelf: dict[str, Product]) -> None:
    tiruan = ProductFactory(enterprise=shelf["ours"].enterprise, technique="tiruan", name_ind="Kain Cetak")

    body = client_for(None).get(product_url(tiruan)).json()

    assert (body["name_ind"], body["name_en"], body["is_batik"]) == ("Kain Cetak", tiruan.name_en, False)
    assert client_for(None).get(product_url(shelf["ours"])).json()["is_batik"] is True


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("technique=tiruan", ["TIRUAN"]),
        ("motif=kawung", ["OURS"]),
        ("q=Kawung", ["OURS"]),
        ("price_min=800000", ["TIRUAN"]),
        ("product_type=dress", ["TIRUAN"]),
    ],
)
def test_product_filters_are_the_pages_filters(shelf: dict[str, Product], query: str, expected: list[str]) -> None:
    shelf["ours"].motifs.set([MotifFactory(slug="kawung", name_ind="Kawung")])
    ProductFactory(
        enterprise=shelf["ours"].enterprise, sku="TIRUAN", technique="tiruan", product_type="dress", price=900000
    )

    assert skus(client_for(None).get(f"{PRODUCTS}?{query}")) == expected


# --- writing products -----------------------------------------------------------------------------------------
def test_artisan_adds_a_product_to_their_own_enterprise(artisan: User, enterprise: Enterprise) -> None:
    motif = MotifFactory(name_ind="Surya Majapahit")

    response = client_for(artisan).post(PRODUCTS, new_product(motif_ids=[motif.pk]), format="json")

    assert response.status_code == 201, response.content
    body = response.json()
    product = Product.objects.get(pk=body["id"])
    assert (product.enterprise, product.status, product.price, product.featured) == (
        enterprise,
        "draft",
        Decimal(750000),
        False,
    )
    assert body["motifs"] == [
        {"id": motif.pk, "slug": motif.slug, "name_ind": "Surya Majapahit", "name_en": motif.name_en}
    ]
    assert AuditEvent.objects.filter(action="catalogue.product.created", object_id=str(product.pk)).exists()


def test_artisan_cannot_add_a_product_for_another_enterprise(artisan: User, other_enterprise: Enterprise) -> None:
    response = client_for(artisan).post(PRODUCTS, new_product(enterprise=other_enterprise.pk), format="json")

    assert response.status_code == 400
    assert set(response.json()) == {"enterprise"}
    assert not Product.objects.exists()


def test_staff_add_a_product_for_an_enterprise_they_choose(staff: User, other_enterprise: Enterprise) -> None:
    client = client_for(staff)

    refused = client.post(PRODUCTS, new_product(), format="json")
    response = client.post(PRODUCTS, new_product(enterprise=other_enterprise.pk), format="json")

    assert refused.status_code == 400
    assert set(refused.json()) == {"enterprise"}
    assert response.status_code == 201, response.content
    assert Product.objects.get().enterprise == other_enterprise


def test_patch_on_another_enterprise_s_product_is_404(artisan: User, shelf: dict[str, Product]) -> None:
    theirs = shelf["theirs"]

    response = client_for(artisan).patch(product_url(theirs), {"price": "1"}, format="json")

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.price == Decimal(750000)


def test_artisan_cannot_feature_a_product(artisan: User, shelf: dict[str, Product]) -> None:
    client = client_for(artisan)

    patched = client.patch(product_url(shelf["ours"]), {"featured": True, "stock": 9}, format="json")
    created = client.post(PRODUCTS, new_product(featured=False), format="json")

    assert patched.status_code == 400
    assert set(patched.json()) == {"featured"}
    assert created.status_code == 400
    shelf["ours"].refresh_from_db()
    assert (shelf["ours"].featured, shelf["ours"].stock) == (False, 3)
    assert not Product.objects.filter(sku="KP-01").exists()


def test_staff_feature_published_products_only(staff: User, shelf: dict[str, Product]) -> None:
    client = client_for(staff)

    featured = client.patch(product_url(shelf["ours"]), {"featured": True}, format="json")
    refused = client.patch(product_url(shelf["our_draft"]), {"featured": True, "stock": 9}, format="json")
    published_and_featured = client.patch(
        product_url(shelf["their_draft"]), {"status": "published", "featured": True}, format="json"
    )

    assert featured.status_code == 200
    assert featured.json()["featured"] is True
    assert refused.status_code == 400
    shelf["our_draft"].refresh_from_db()
    assert (shelf["our_draft"].featured, shelf["our_draft"].stock) == (False, 3)  # all or nothing
    assert published_and_featured.status_code == 200
    assert published_and_featured.json()["published_at"] is not None


@pytest.mark.parametrize("user_name", ["artisan", "staff"])
def test_a_product_cannot_move_to_another_enterprise(
    request: pytest.FixtureRequest, user_name: str, shelf: dict[str, Product], other_enterprise: Enterprise
) -> None:
    ours = shelf["ours"]

    response = client_for(request.getfixturevalue(user_name)).patch(
        product_url(ours), {"enterprise": other_enterprise.pk}, format="json"
    )

    assert response.status_code == 400
    assert set(response.json()) == {"enterprise"}
    ours.refresh_from_db()
    assert ours.enterprise_id != other_enterprise.pk


def test_a_tiruan_product_named_batik_is_refused(artisan: User) -> None:
    client = client_for(artisan)

    refused = client.post(PRODUCTS, new_product(technique="tiruan", name_ind="Kain Batik Printing"), format="json")
    accepted = client.post(PRODUCTS, new_product(technique="tiruan", name_ind="Kain Printing"), format="json")

    assert refused.status_code == 400
    assert list(refused.json()) == ["name_ind"]  # the API's field for the (Indonesian) name
    assert accepted.status_code == 201
    assert accepted.json()["is_batik"] is False
    assert Product.objects.count() == 1


def test_a_service_refusal_names_the_field(artisan: User) -> None:
    response = client_for(artisan).post(
        PRODUCTS, new_product(fibres=[{"fibre": "cotton", "percent": 60}]), format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["fibres"]


@pytest.mark.parametrize("user_name", ["assessor", None])
def test_assessors_and_visitors_only_read(request: pytest.FixtureRequest, user_name: str | None, shelf: Any) -> None:
    client = client_for(request.getfixturevalue(user_name) if user_name else None)

    assert client.post(PRODUCTS, new_product(), format="json").status_code in (401, 403)
    assert client.patch(product_url(shelf["ours"]), {"stock": 1}, format="json").status_code in (401, 403)
    assert client.post(MOTIFS, {}, format="json").status_code in (401, 403)


def test_nothing_is_deleted_through_the_product_endpoint(staff: User, shelf: dict[str, Product]) -> None:
    assert client_for(staff).delete(product_url(shelf["ours"])).status_code == 405
    assert Product.objects.filter(pk=shelf["ours"].pk).exists()


# --- motifs ---------------------------------------------------------------------------------------------------
def test_everyone_reads_motifs_with_both_languages(db: Any) -> None:
    kawung = MotifFactory(name_ind="Kawung", story_en="Four ovals like palm fruit.")

    response = client_for(None).get(MOTIFS)

    assert response.status_code == 200
    body = response.json()["results"][0]
    assert (body["name_ind"], body["story_en"], body["slug"]) == ("Kawung", "Four ovals like palm fruit.", kawung.slug)


def test_only_staff_keep_motifs(staff: User, artisan: User) -> None:
    related = MotifFactory(name_ind="Kawung")
    payload = {
        "name_ind": "Surya Majapahit",
        "region": "Kota Mojokerto",
        "story_ind": "Lambang kerajaan Majapahit.",
        "related_ids": [related.pk],
    }

    refused = client_for(artisan).post(MOTIFS, payload, format="json")
    created = client_for(staff).post(MOTIFS, payload, format="json")
    changed = client_for(staff).patch(
        reverse("api-motif-detail", args=[created.json()["id"]]), {"story_en": "The emblem."}, format="json"
    )

    assert refused.status_code == 403
    assert created.status_code == 201, created.content
    assert created.json()["slug"] == "surya-majapahit"
    assert [m["id"] for m in created.json()["related"]] == [related.pk]
    assert changed.json()["story_en"] == "The emblem."
    assert Motif.objects.count() == 2


def test_a_motif_needs_its_indonesian_name_and_story(staff: User) -> None:
    response = client_for(staff).post(MOTIFS, {"region": "Kota Mojokerto"}, format="json")

    assert response.status_code == 400
    assert set(response.json()) == {"name_ind", "story_ind"}


# --- pictures -------------------------------------------------------------------------------------------------
def test_artisan_uploads_a_photo_and_gets_its_copies(artisan: User, shelf: dict[str, Product]) -> None:
    response = client_for(artisan).post(
        pictures_url(shelf["our_draft"]),
        {"photo": png(), "alt_text_ind": "Kain dibentangkan", "alt_text_en": "The cloth spread out"},
        format="multipart",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["alt_text_ind"], body["alt_text_en"], body["width"], body["height"]) == (
        "Kain dibentangkan",
        "The cloth spread out",
        700,
        500,
    )
    assert [r["width"] for r in body["renditions"]] == [320, 480, 640, 700]
    assert body["renditions"][0]["url"].startswith("http://testserver/media/catalogue/")
    assert body["renditions"][0]["url"].endswith("-320.webp")
    assert body["renditions"][1]["url"].endswith("-480.webp")
    detail = client_for(artisan).get(product_url(shelf["our_draft"])).json()
    assert detail["pictures"] == [body]


def test_a_text_file_named_jpg_is_refused_naming_photo(artisan: User, shelf: dict[str, Product]) -> None:
    fake = SimpleUploadedFile("kain.jpg", b"not a photo at all, whatever its name says\n" * 40, "image/jpeg")

    response = client_for(artisan).post(
        pictures_url(shelf["ours"]), {"photo": fake, "alt_text_ind": "Kain"}, format="multipart"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["photo"]
    assert not Picture.objects.exists()


def test_a_photo_needs_its_indonesian_alt_text(artisan: User, shelf: dict[str, Product]) -> None:
    response = client_for(artisan).post(pictures_url(shelf["ours"]), {"photo": png()}, format="multipart")

    assert response.status_code == 400
    assert list(response.json()) == ["alt_text_ind"]


def test_no_upload_to_another_enterprise_s_product(artisan: User, shelf: dict[str, Product]) -> None:
    response = client_for(artisan).post(
        pictures_url(shelf["theirs"]), {"photo": png(), "alt_text_ind": "Kain"}, format="multipart"
    )

    assert response.status_code == 404
    assert not Picture.objects.exists()


def test_motif_pictures_are_staff_s(staff: User, artisan: User) -> None:
    url = reverse("api-motif-pictures", args=[MotifFactory().pk])

    refused = client_for(artisan).post(url, {"photo": png(), "alt_text_ind": "Motif"}, format="multipart")
    added = client_for(staff).post(url, {"photo": png(), "alt_text_ind": "Motif"}, format="multipart")

    assert refused.status_code == 403
    assert added.status_code == 201
    assert Picture.objects.get().motif_id is not None


def test_pictures_are_removed_within_the_product_s_scope(
    artisan: User, other_artisan: User, assessor: User, shelf: dict[str, Product]
) -> None:
    picture = PictureFactory(product=shelf["ours"])
    url = reverse("api-picture-detail", args=[picture.pk])

    assert client_for(other_artisan).delete(url).status_code == 404
    assert client_for(assessor).delete(url).status_code == 403
    assert Picture.objects.filter(pk=picture.pk).exists()
    assert client_for(artisan).delete(url).status_code == 204
    assert not Picture.objects.filter(pk=picture.pk).exists()
    assert AuditEvent.objects.filter(action="catalogue.picture.removed", object_id=str(picture.pk)).exists()


def test_only_staff_remove_motif_pictures(staff: User, artisan: User) -> None:
    picture = PictureFactory(motif=MotifFactory())
    url = reverse("api-picture-detail", args=[picture.pk])

    assert client_for(artisan).delete(url).status_code == 404
    assert client_for(staff).delete(url).status_code == 204


# --- query counts ---------------------------------------------------------------------------------------------
# count + page (enterprise joined) + pictures + motifs, however many products, for visitors and staff alike.
@pytest.mark.parametrize("n", [2, 10])
@pytest.mark.parametrize("signed_in", [False, True])
def test_product_list_query_count(
    staff: User, enterprise: Enterprise, django_assert_num_queries: Any, n: int, signed_in: bool
) -> None:
    motifs = MotifFactory.create_batch(2)
    for _ in range(n):
        PictureFactory.create_batch(2, product=ProductFactory(enterprise=enterprise, motifs=motifs))
    client = client_for(staff if signed_in else None)

    with django_assert_num_queries(4):
        assert len(client.get(PRODUCTS).json()["results"]) == n


# count + page (IP holder joined) + pictures + related motifs.
@pytest.mark.parametrize("n", [2, 10])
def test_motif_list_query_count(django_assert_num_queries: Any, n: int) -> None:
    kawung = MotifFactory()
    for _ in range(n - 1):
        PictureFactory(motif=MotifFactory(related=[kawung], ip_holder_enterprise=EnterpriseFactory()))
    client = client_for(None)

    with django_assert_num_queries(4):
        assert len(client.get(MOTIFS).json()["results"]) == n
