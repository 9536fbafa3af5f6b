"""Search: the same answers on both databases, and on PostgreSQL the GIN indexes of migration 0002 in use."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils.translation import override

from canting.catalogue.models import Motif, Product, ProductType
from canting.catalogue.selectors import search_motifs, search_products
from canting.catalogue.tests.factories import MotifFactory, ProductFactory
from canting.core.models import User
from canting.registry.models import Technique
from canting.registry.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db

PRODUCT_INDEX = "catalogue_product_search_gin"
MOTIF_INDEX = "catalogue_motif_search_gin"
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN indexes exist on PostgreSQL only")


def test_search_finds_own_text_and_motif_text_in_both_languages() -> None:
    teratai = MotifFactory(name_ind="Teratai", name_en="Lotus", story_en="Grown in the palace pond.")
    by_name = ProductFactory(name_ind="Kain Sekar Jagad", name_en="Sekar Jagad Cloth")
    by_motif = ProductFactory(motifs=[teratai])
    ProductFactory()  # matches nothing below

    assert set(search_products(Product.objects.all(), "jagad")) == {by_name}
    assert set(search_products(Product.objects.all(), "lotus")) == {by_motif}
    assert set(search_products(Product.objects.all(), "palace pond")) == {by_motif}
    assert set(search_products(Product.objects.all(), "teratai jagad")) == set()  # every word must match
    assert set(search_motifs(Motif.objects.all(), "pond")) == {teratai}


@pytest.fixture
def mrico() -> Motif:
    return MotifFactory(
        name_ind="Mrico Bolong",
        name_en="Mrico Bolong",
        story_ind="Mrico bolong berarti merica berlubang dalam bahasa Jawa.",
        story_en="Mrico bolong is Javanese for a pepper with a hole.",
    )


def found(text: str) -> list[Product]:
    return list(search_products(Product.objects.order_by("-id"), text))


def test_each_word_may_match_a_different_place(mrico: Motif) -> None:
    # Given a shirt that says "kemeja" only by its product type and "merica" only through its motif's story
    shirt = ProductFactory(
        product_type=ProductType.KEMEJA, name_ind="Baju Bolong", name_en="Bolong Top", motifs=[mrico]
    )
    named = ProductFactory(product_type=ProductType.KEMEJA, name_ind="Kemeja Merica", name_en="Pepper Shirt")
    ProductFactory(product_type=ProductType.KAIN_PANJANG, motifs=[mrico])  # merica, but no shirt
    ProductFactory(product_type=ProductType.KEMEJA)  # a shirt, but no merica

    # Then both words must be somewhere, each in a place of its own; the piece naming both ranks first
    assert found("kemeja merica") == [named, shirt]
    assert found("Merica, KEMEJA!") == [named, shirt]  # case and punctuation do not matter
    assert found("shirt pepper") == [named, shirt]  # the type's English label, the story in English
    assert found("kemej meric") == [named, shirt]  # the beginnings of words (prefixes on PostgreSQL)
    assert found("kemeja merica teratai") == []  # every word must match


def test_the_technique_and_the_maker_are_searched_too() -> None:
    maker = EnterpriseFactory(name="Batik Rumah Pohon", brand="Omah Rimbun")
    tulis = ProductFactory(enterprise=maker, technique=Technique.TULIS)
    ProductFactory(enterprise=maker, technique=Technique.CAP)
    ProductFactory(technique=Technique.TULIS)  # another maker's

    assert found("pohon tulis") == [tulis]
    assert found("rimbun hand-drawn") == [tulis]  # the brand, and the technique's English label


def test_search_ranks_pieces_naming_the_words_first_unless_a_sort_is_chosen(mrico: Motif) -> None:
    by_story = ProductFactory(name_ind="Selendang Biru", name_en="Blue Shawl", motifs=[mrico], price=100)
    by_name = ProductFactory(name_ind="Selendang Merica", name_en="Pepper Shawl", price=900)
    by_words = ProductFactory(name_ind="Selendang Hijau", description_ind="Bermotif merica.", price=500)
    by_story.save()  # the newest change of the three: first in the staff list's own order, but not in the search

    ranked = list(search_products(Product.objects.order_by("-updated_at", "-id"), "merica"))
    assert ranked == [by_name, by_words, by_story]
    by_price = search_products(Product.objects.all(), "merica").order_by("price")
    assert list(by_price) == [by_story, by_words, by_name]


def test_the_showcase_and_the_staff_list_find_and_page_across_fields(mrico: Motif, staff: User) -> None:
    shirts = [ProductFactory(product_type=ProductType.KEMEJA, motifs=[mrico]) for _ in range(13)]
    ProductFactory(product_type=ProductType.KEMEJA)
    with override("en"):
        showcase = reverse("showcase:products")
    first = Client().get(showcase, {"q": "kemeja merica", "per_page": 12})
    second = Client().get(showcase, {"q": "kemeja merica", "per_page": 12, "page": 2})
    assert first.status_code == second.status_code == 200
    assert first.context["paginator"].count == 13
    shown = [p.pk for p in first.context["products"]] + [p.pk for p in second.context["products"]]
    assert sorted(shown) == sorted(p.pk for p in shirts)  # every piece once, none twice across the pages

    client = Client()
    client.force_login(staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    listed = client.get(reverse("catalogue:product-list"), {"q": "kemeja merica"})
    assert listed.status_code == 200
    assert listed.context["total"] == 13
    assert {p.pk for p in listed.context["object_list"]} == {p.pk for p in shirts}


@postgresql_only
def test_search_indexes_exist() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname IN (%s, %s)", [PRODUCT_INDEX, MOTIF_INDEX]
        )
        found = dict(cursor.fetchall())
    assert set(found) == {PRODUCT_INDEX, MOTIF_INDEX}
    assert all("USING gin" in definition and "to_tsvector('simple'" in definition for definition in found.values())


@postgresql_only
def test_search_queries_use_the_indexes() -> None:
    # The test tables are tiny, so without this the planner rightly prefers a sequential scan; SET LOCAL lasts
    # until the end of the test's transaction.
    ProductFactory(motifs=[MotifFactory()])
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    assert PRODUCT_INDEX in search_products(Product.objects.all(), "batik tulis").explain()
    assert MOTIF_INDEX in search_motifs(Motif.objects.all(), "teratai").explain()
    # The product search also looks through the motifs' text, each word of a query through both indexes.
    assert MOTIF_INDEX in search_products(Product.objects.all(), "teratai").explain()
    plan = search_products(Product.objects.all(), "kemeja merica").explain()
    assert plan.count(PRODUCT_INDEX) >= 2 and plan.count(MOTIF_INDEX) >= 2, plan
