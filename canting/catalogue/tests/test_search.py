"""Search: the same answers on both databases, and on PostgreSQL the GIN indexes of migration 0002 in use."""

from __future__ import annotations

import pytest
from django.db import connection

from canting.catalogue.models import Motif, Product
from canting.catalogue.selectors import search_motifs, search_products
from canting.catalogue.tests.factories import MotifFactory, ProductFactory

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
    # The product search also looks through the motifs' text.
    assert MOTIF_INDEX in search_products(Product.objects.all(), "teratai").explain()
