"""The catalogue's working pages: an artisan keeps their own products and photos; staff feature and keep motifs."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from canting.catalogue import services
from canting.catalogue.models import Motif, Picture, Product
from canting.core.models import AuditEvent, User
from canting.registry.models import Enterprise

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def jpeg(name: str = "kain.jpg", size: tuple[int, int] = (900, 700)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#23315c").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def make_product(actor: User, enterprise: Enterprise, **extra: Any) -> Product:
    data = {
        "name_ind": "Kain Surya",
        "sku": f"SKU-{Product.objects.count() + 1}",
        "technique": "tulis",
        "product_type": "kain_panjang",
        "fabric": "primissima",
        "price": Decimal(750000),
        **extra,
    }
    return services.create_product(actor=actor, enterprise=enterprise, data=data)


FORM = {
    "name_ind": "Selendang Teratai",
    "name_en": "Lotus shawl",
    "sku": "SLD-01",
    "technique": "tulis",
    "product_type": "selendang",
    "fabric": "silk",
    "fibres": "sutra 100",
    "natural_dyes": "indigo, tingi",
    "synthetic_dyes": "",
    "weight_gsm": "60",
    "length_cm": "200",
    "width_cm": "50",
    "production_days": "21",
    "price": "1.250.000",
    "stock": "3",
    "description_ind": "Selendang sutra dengan motif teratai.",
    "description_en": "A silk shawl with a lotus motif.",
}


def test_artisan_adds_a_product_with_a_camera_photo_and_publishes_it(artisan: User, enterprise: Enterprise) -> None:
    client = client_for(artisan)

    response = client.post(reverse("catalogue:product-create"), FORM)
    product = Product.objects.get(sku="SLD-01")
    assert response.status_code == 302
    assert (product.enterprise, product.status, product.price) == (enterprise, "draft", Decimal(1250000))
    assert product.fibres == [{"fibre": "silk", "percent": 100}]
    assert product.dyes == [{"name": "indigo", "natural": True}, {"name": "tingi", "natural": True}]
    assert product.natural_dye is True

    edit = reverse("catalogue:product-edit", args=[product.pk])
    upload = client.post(
        edit, {"form": "picture", "photo": jpeg(), "alt_text_ind": "Selendang biru", "alt_text_en": "Blue shawl"}
    )
    assert upload.status_code == 302
    picture = Picture.objects.get(product=product)
    assert (picture.alt_text_ind, picture.alt_text_en) == ("Selendang biru", "Blue shawl")

    client.post(reverse("catalogue:product-status", args=[product.pk]), {"status": "published"})
    product.refresh_from_db()
    assert product.status == "published" and product.published_at is not None
    assert AuditEvent.objects.filter(object_type="catalogue.product", actor=artisan).count() == 2


def test_a_file_that_is_not_a_photo_is_refused_beside_the_photo_field(artisan: User, enterprise: Enterprise) -> None:
    product = make_product(artisan, enterprise)
    fake = SimpleUploadedFile("foto.jpg", b"<?php echo 'not a photo'; ?>" * 30, content_type="image/jpeg")

    response = client_for(artisan).post(
        reverse("catalogue:product-edit", args=[product.pk]), {"form": "picture", "photo": fake, "alt_text_ind": "x"}
    )

    assert response.status_code == 200
    assert list(response.context["picture_form"].errors) == ["photo"]
    assert not Picture.objects.exists()


def test_fibres_that_do_not_add_up_are_refused(artisan: User) -> None:
    response = client_for(artisan).post(reverse("catalogue:product-create"), {**FORM, "fibres": "katun 70, sutra 20"})
    assert "fibres" in response.context["form"].errors
    assert not Product.objects.exists()


def test_a_tiruan_piece_cannot_call_itself_batik(artisan: User) -> None:
    response = client_for(artisan).post(
        reverse("catalogue:product-create"), {**FORM, "technique": "tiruan", "name_ind": "Kain batik printing"}
    )
    assert "name_ind" in response.context["form"].errors or response.context["form"].non_field_errors()
    assert not Product.objects.exists()


def test_a_tiruan_piece_is_labelled_not_batik_in_the_list(artisan: User, enterprise: Enterprise) -> None:
    make_product(artisan, enterprise, technique="tiruan", name_ind="Kain motif parang cetak")
    html = client_for(artisan).get(reverse("catalogue:product-list")).content.decode()
    assert "badge-not-batik" in html


def test_artisan_cannot_touch_another_enterprise_s_product(
    artisan: User, other_artisan: User, other_enterprise: Enterprise
) -> None:
    theirs = make_product(other_artisan, other_enterprise)
    client = client_for(artisan)
    assert client.get(reverse("catalogue:product-edit", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("catalogue:product-edit", args=[theirs.pk]), FORM).status_code == 404
    assert client.post(reverse("catalogue:product-status", args=[theirs.pk]), {"status": "archived"}).status_code == 404
    picture = services.add_picture(actor=other_artisan, upload=jpeg(), size=None, alt_text={"ind": "x"}, product=theirs)
    assert client.post(reverse("catalogue:picture-delete", args=[picture.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "draft" and Picture.objects.filter(pk=picture.pk).exists()


def test_only_staff_feature_a_piece_and_only_a_published_one(
    staff: User, artisan: User, enterprise: Enterprise
) -> None:
    product = make_product(artisan, enterprise)
    url = reverse("catalogue:product-feature", args=[product.pk])
    assert client_for(artisan).post(url, {"featured": "1"}).status_code == 403
    client_for(staff).post(url, {"featured": "1"})
    product.refresh_from_db()
    assert product.featured is False  # a draft cannot be featured
    services.set_status(product, "published", actor=artisan)
    client_for(staff).post(url, {"featured": "1"})
    product.refresh_from_db()
    assert product.featured is True


def test_product_list_query_count_does_not_grow(
    artisan: User, enterprise: Enterprise, django_assert_num_queries: Any
) -> None:
    client = client_for(artisan)
    for _ in range(2):
        services.add_picture(
            actor=artisan, upload=jpeg(), size=None, alt_text={"ind": "x"}, product=make_product(artisan, enterprise)
        )
    client.get(reverse("catalogue:product-list"))
    with django_assert_num_queries(5):
        client.get(reverse("catalogue:product-list"))
    for _ in range(10):
        services.add_picture(
            actor=artisan, upload=jpeg(), size=None, alt_text={"ind": "x"}, product=make_product(artisan, enterprise)
        )
    with django_assert_num_queries(5):
        response = client.get(reverse("catalogue:product-list"))
    assert response.context["total"] == 12


def test_staff_register_a_motif_with_both_languages(staff: User) -> None:
    response = client_for(staff).post(
        reverse("catalogue:motif-create"),
        {
            "name_ind": "Surya Majapahit",
            "name_en": "Sun of Majapahit",
            "region": "Kota Mojokerto",
            "area": "35.76",
            "story_ind": "Lambang matahari bersudut delapan.",
            "story_en": "An eight-pointed sun emblem.",
            "ip_holder_name": "Pemerintah Kota Mojokerto",
        },
    )
    assert response.status_code == 302
    motif = Motif.objects.get()
    assert (motif.slug, motif.area_id, motif.story_en) == ("surya-majapahit", "35.76", "An eight-pointed sun emblem.")


def test_artisans_do_not_keep_motifs(artisan: User) -> None:
    assert client_for(artisan).get(reverse("catalogue:motif-create")).status_code == 403
