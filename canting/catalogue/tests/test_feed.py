"""The marketplace feed: published products as a bulk-upload sheet, scoped like the product list, never N+1."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse
from openpyxl import load_workbook

from canting.catalogue.feed import CATEGORIES, category, feed_rows
from canting.catalogue.models import Product, ProductType
from canting.catalogue.tests.factories import PictureFactory, ProductFactory
from canting.core.models import Area, User
from canting.registry.models import Enterprise, Technique
from canting.registry.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db

COLUMNS = [
    "Name", "Description", "Price (Rp)", "Stock", "Weight (g)", "Image 1", "Image 2", "Image 3", "Image 4", "Image 5",
    "Category", "SKU", "Condition",
]  # fmt: skip


def feed_url(fmt: str, query: str = "") -> str:
    return reverse("catalogue:feed", kwargs={"fmt": fmt}) + (f"?{query}" if query else "")


def download(user: User, fmt: str, query: str = "") -> Any:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the language switch; the sheet follows it
    return client.get(feed_url(fmt, query))


def csv_rows(response: Any) -> list[list[str]]:
    assert response.status_code == 200, response.content
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def skus(response: Any) -> list[str]:
    return sorted(row[COLUMNS.index("SKU")] for row in csv_rows(response)[1:])


def sidoarjo_village() -> str:
    return Area.objects.filter(code__startswith="35.15.01.", level=4).order_by("code").values_list("code", flat=True)[0]


@pytest.fixture
def shelf(enterprise: Enterprise, other_enterprise: Enterprise) -> dict[str, Product]:
    return {
        "ours": ProductFactory(enterprise=enterprise, sku="OURS"),
        "our_draft": ProductFactory(enterprise=enterprise, sku="OUR-DRAFT", status="draft"),
        "our_archived": ProductFactory(enterprise=enterprise, sku="OUR-OLD", status="archived"),
        "theirs": ProductFactory(enterprise=other_enterprise, sku="THEIRS"),
        "sidoarjo": ProductFactory(enterprise=EnterpriseFactory(village_id=sidoarjo_village()), sku="SIDOARJO"),
    }


@override_settings(CANTING_SITE_URL="https://canting.example.id")  # the feed is read elsewhere: links name the site
def test_a_row_has_exactly_the_marketplace_columns(staff: User, enterprise: Enterprise) -> None:
    product = ProductFactory(
        enterprise=enterprise,
        sku="KP-01",
        name_ind="Kain Surya Majapahit",
        description_ind="Kain panjang batik tulis.",
        price=1250000,
        stock=4,
        weight_gsm=133,
        length_cm=200,
        width_cm=115,
    )
    large = PictureFactory(product=product, size=(1400, 900), position=0)
    small = PictureFactory(product=product, position=1)  # 700 px wide: its largest copy stands in for 1280

    rows = csv_rows(download(staff, "csv"))

    assert rows[0] == COLUMNS
    assert rows[1] == [
        "Kain Surya Majapahit", "Kain panjang batik tulis.", "1250000", "4",
        "306",  # 133 g/m² x 2.00 m x 1.15 m = 305.9 g, rounded up
        f"https://canting.example.id/media/{large.renditions['1280']}",
        f"https://canting.example.id/media/{small.renditions['700']}",
        "", "", "", "Kain Batik", "KP-01", "Baru",
    ]  # fmt: skip
    assert rows[1][5].endswith("-1280.webp")
    assert len(rows) == 2


def test_weight_is_empty_when_the_size_is_unknown(staff: User, enterprise: Enterprise) -> None:
    ProductFactory(enterprise=enterprise, weight_gsm=None)

    assert csv_rows(download(staff, "csv"))[1][COLUMNS.index("Weight (g)")] == ""


def test_staff_get_every_published_product_of_their_area(staff: User, shelf: dict[str, Product]) -> None:
    assert skus(download(staff, "csv")) == ["OURS", "THEIRS"]


def test_staff_narrow_the_feed_to_one_enterprise(staff: User, shelf: dict[str, Product]) -> None:
    assert skus(download(staff, "csv", f"enterprise={shelf['theirs'].enterprise_id}")) == ["THEIRS"]


def test_artisan_gets_only_their_own_enterprise(artisan: User, shelf: dict[str, Product]) -> None:
    assert skus(download(artisan, "csv")) == ["OURS"]
    assert skus(download(artisan, "csv", f"enterprise={shelf['theirs'].enterprise_id}")) == []


def test_a_bad_filter_is_refused_not_ignored(staff: User, shelf: dict[str, Product]) -> None:
    assert download(staff, "csv", "enterprise=abc").status_code == 400


def test_xlsx_holds_the_same_sheet(staff: User, shelf: dict[str, Product]) -> None:
    response = download(staff, "xlsx")

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0] == COLUMNS
    assert sorted(row[COLUMNS.index("SKU")] for row in values[1:]) == ["OURS", "THEIRS"]
    assert values[1][COLUMNS.index("Price (Rp)")] == 750000


def test_csv_starts_with_a_byte_order_mark_for_excel(staff: User, shelf: dict[str, Product]) -> None:
    response = download(staff, "csv")

    assert response.content.startswith(b"\xef\xbb\xbf")
    assert response["Content-Type"] == "text/csv; charset=utf-8"


@pytest.mark.parametrize("fmt", ["pdf", "json", "xls"])
def test_other_formats_are_not_found(staff: User, fmt: str) -> None:
    assert download(staff, fmt).status_code == 404


def test_only_staff_and_artisans_download(assessor: User) -> None:
    assert download(assessor, "csv").status_code == 403
    assert Client().get(feed_url("csv")).status_code == 302  # a visitor is sent to sign in


@pytest.mark.parametrize("product_type", ProductType.values)
def test_a_tiruan_product_is_never_in_a_batik_category(product_type: str) -> None:
    tiruan = Product(technique=Technique.TIRUAN, product_type=product_type)

    assert "batik" not in category(tiruan).lower()


def test_every_product_type_has_a_category() -> None:
    assert set(CATEGORIES) == set(ProductType.values)


def test_a_tiruan_row_keeps_its_name_and_a_plain_category(staff: User, enterprise: Enterprise) -> None:
    ProductFactory(enterprise=enterprise, technique="tiruan", name_ind="Kain Motif Kawung Printing")

    row = csv_rows(download(staff, "csv"))[1]

    assert (row[0], row[COLUMNS.index("Category")]) == ("Kain Motif Kawung Printing", "Kain")
    assert not any("batik" in cell.lower() for cell in row)


def test_text_that_a_spreadsheet_would_run_as_a_formula_is_neutralised(staff: User, enterprise: Enterprise) -> None:
    ProductFactory(enterprise=enterprise, name_ind='=HYPERLINK("http://example.com")', sku="+62")

    row = csv_rows(download(staff, "csv"))[1]

    assert (row[0], row[COLUMNS.index("SKU")]) == ('\'=HYPERLINK("http://example.com")', "'+62")


# --- query counts ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("n", [2, 10])
def test_feed_rows_take_two_queries(enterprise: Enterprise, django_assert_num_queries: Any, n: int) -> None:
    for _ in range(n):
        PictureFactory.create_batch(2, product=ProductFactory(enterprise=enterprise))

    with django_assert_num_queries(2):  # the products, then their pictures
        rows = feed_rows(Product.objects.public(), lambda url: url)

    assert len(rows) == n


@pytest.mark.parametrize("n", [2, 10])
def test_feed_download_query_count(staff: User, enterprise: Enterprise, django_assert_num_queries: Any, n: int) -> None:
    for _ in range(n):
        PictureFactory.create_batch(2, product=ProductFactory(enterprise=enterprise))
    client = Client()
    client.force_login(staff)

    with django_assert_num_queries(4):  # session, user, products, pictures
        assert len(csv_rows(client.get(feed_url("csv")))) == n + 1
