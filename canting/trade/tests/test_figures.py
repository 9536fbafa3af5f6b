"""Export figures against hand-computed values, and the turnover form's suggestion of export sales.

Given (complete_order: 20 x 85.00 + 30 x 32.50 = 2,675.00 in the order's currency):
- Batik Sekar Uji: to Japan, USD at 16,250, freight 100 + insurance 25, shipped 31 January 2026 -> 2,800 x 16,250
  = Rp 45,500,000; to the Netherlands, EUR at 17,500, paid, shipped 1 February 2026 -> Rp 46,812,500;
- another enterprise: to Japan, USD at 16,000, shipped 28 February 2026 -> Rp 42,800,000;
- left out: an unshipped confirmed order, a cancelled one, and one shipped 31 December 2025.
"""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from canting.core.models import Area
from canting.registry.tests.factories import EnterpriseFactory
from canting.trade import selectors
from canting.trade.models import ExportOrder, OrderStatus
from canting.trade.suggestions import export_orders_shipped
from canting.trade.tests.factories import complete_order
from canting.turnover import suggestions

pytestmark = pytest.mark.django_db

JAN, FEB = datetime.date(2026, 1, 1), datetime.date(2026, 2, 1)
FIRST, LAST = datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)


def shipped(enterprise: Any, status: str, day: datetime.date | None, **fields: Any) -> ExportOrder:
    return complete_order(enterprise=enterprise, status=status, shipped_on=day, **fields)


@pytest.fixture
def orders(enterprise: Any) -> dict[str, Any]:
    other = EnterpriseFactory(name="Batik Kedua")
    shipped(
        enterprise,
        OrderStatus.SHIPPED,
        datetime.date(2026, 1, 31),
        freight=Decimal(100),
        insurance=Decimal(25),
    )
    shipped(
        enterprise,
        OrderStatus.PAID,
        FEB,
        currency="EUR",
        exchange_rate=Decimal(17500),
        buyer__country="NL",
    )
    shipped(other, OrderStatus.SHIPPED, datetime.date(2026, 2, 28), exchange_rate=Decimal(16000))
    shipped(enterprise, OrderStatus.CONFIRMED, None)
    shipped(enterprise, OrderStatus.CANCELLED, datetime.date(2026, 2, 10))
    shipped(other, OrderStatus.SHIPPED, datetime.date(2025, 12, 31))
    return {"enterprise": enterprise, "other": other}


def test_export_value_by_country_enterprise_and_month(orders: dict[str, Any]) -> None:
    everything = ExportOrder.objects.all()
    countries = [(r.country, r.orders, r.value) for r in selectors.by_country(everything, FIRST, LAST)]
    assert countries == [("JP", 2, Decimal(88_300_000)), ("NL", 1, Decimal(46_812_500))]
    assert selectors.by_country(everything, FIRST, LAST)[1].name == "Netherlands"
    enterprises = [(r.name, r.orders, r.value) for r in selectors.by_enterprise(everything, FIRST, LAST)]
    assert enterprises == [("Batik Sekar Uji", 2, Decimal(92_312_500)), ("Batik Kedua", 1, Decimal(42_800_000))]
    months = selectors.by_month(everything, FIRST, LAST)
    assert len(months) == 12
    assert [(m.month, m.orders, m.value) for m in months[:3]] == [
        (JAN, 1, Decimal(45_500_000)),
        (FEB, 2, Decimal(89_612_500)),
        (datetime.date(2026, 3, 1), 0, Decimal(0)),
    ]
    assert selectors.total_value(everything, FIRST, LAST) == Decimal(135_112_500)


def test_figures_run_in_one_query_each(orders: dict[str, Any], django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(3):
        selectors.by_country(ExportOrder.objects.all(), FIRST, LAST)
        selectors.by_enterprise(ExportOrder.objects.all(), FIRST, LAST)
        selectors.by_month(ExportOrder.objects.all(), FIRST, LAST)


def test_the_turnover_form_offers_the_months_export_orders(orders: dict[str, Any], artisan: Any, client: Any) -> None:
    assert export_orders_shipped in suggestions.providers()
    enterprise = orders["enterprise"]
    found = suggestions.suggestions_for(enterprise, FEB)["export_sales"]
    assert [(s.value, s.source_label) for s in found] == [
        (Decimal(46_812_500), "from your export orders shipped in February 2026")
    ]
    assert "export_sales" not in suggestions.suggestions_for(enterprise, datetime.date(2026, 3, 1))
    client.force_login(artisan)
    html = client.get(f"/turnover/enterprises/{enterprise.pk}/new/?month=2026-02").content.decode()
    assert 'data-fill="id_export_sales" data-value="46812500"' in html


def test_the_figures_page_and_its_workbook(
    orders: dict[str, Any], client: Any, staff: Any, settings: Any, django_assert_max_num_queries: Any
) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    village = Area.objects.filter(code__startswith="35.15.", level=4).order_by("code").first()
    assert village is not None
    elsewhere = EnterpriseFactory(village_id=village.code)
    shipped(elsewhere, OrderStatus.SHIPPED, FEB)  # another region: not in Rina's figures
    client.force_login(staff)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("trade:figures"), {"year": "2026"})
    assert [(r.country, r.value) for r in page.context["countries"]] == [
        ("JP", Decimal(88_300_000)),
        ("NL", Decimal(46_812_500)),
    ]
    assert page.context["total"] == Decimal(135_112_500)
    book = load_workbook(io.BytesIO(client.get(reverse("trade:figures"), {"year": "2026", "format": "xlsx"}).content))
    assert book.sheetnames == ["By destination", "By enterprise", "By month"]
    assert list(book["By destination"].iter_rows(values_only=True)) == [
        ("Country code", "Country", "Orders", "Export value (Rp)"),
        ("JP", "Japan", 2, 88300000),
        ("NL", "Netherlands", 1, 46812500),
    ]
