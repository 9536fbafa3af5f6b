"""The order and buyer pages: lists scoped to the reader, forms that post through the services, query counts."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse

from canting.trade.documents.pack import build_pack
from canting.trade.models import Buyer, ExportOrder, Package, PackageItem
from canting.trade.tests.factories import BuyerFactory, complete_order, incoterm

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client: Any) -> Any:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_an_artisan_lists_only_their_own_orders_and_buyers(
    english: Any, artisan: Any, enterprise: Any, other_enterprise: Any
) -> None:
    own = complete_order(enterprise=enterprise)
    theirs = complete_order(enterprise=other_enterprise)
    english.force_login(artisan)
    page = english.get(reverse("trade:order-list")).content.decode()
    assert reverse("trade:order-detail", args=[own.pk]) in page
    assert reverse("trade:order-detail", args=[theirs.pk]) not in page
    buyers = english.get(reverse("trade:buyer-list")).content.decode()
    assert str(own.buyer.company) in buyers and str(theirs.buyer.company) not in buyers
    assert english.get(reverse("trade:order-detail", args=[theirs.pk])).status_code == 404
    assert english.get(reverse("trade:buyer-detail", args=[theirs.buyer.pk])).status_code == 404


def test_the_order_list_runs_a_fixed_number_of_queries(
    english: Any, staff: Any, enterprise: Any, django_assert_max_num_queries: Any
) -> None:
    for _ in range(6):
        complete_order(enterprise=enterprise)
    english.force_login(staff)
    with django_assert_max_num_queries(6):
        page = english.get(reverse("trade:order-list"))
    assert page.content.decode().count('data-testid="order"') == 6


def test_the_order_list_shows_totals_and_filters(english: Any, staff: Any, enterprise: Any) -> None:
    order = complete_order(enterprise=enterprise, freight=Decimal("40.00"))
    complete_order(enterprise=enterprise, status="cancelled")
    english.force_login(staff)
    page = english.get(reverse("trade:order-list"), {"status": "inquiry"}).content.decode()
    assert page.count('data-testid="order"') == 1
    assert "USD 2,715.00" in page  # 20 x 85 + 30 x 32.50 + 40 freight
    assert order.number in page


def test_the_order_list_exports_to_excel(english: Any, staff: Any, enterprise: Any) -> None:
    complete_order(enterprise=enterprise)
    english.force_login(staff)
    answer = english.get(reverse("trade:order-list"), {"format": "xlsx"})
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_order_page_shows_lines_packages_and_buttons(english: Any, artisan: Any, enterprise: Any) -> None:
    order = complete_order(enterprise=enterprise)
    english.force_login(artisan)
    page = english.get(reverse("trade:order-detail", args=[order.pk])).content.decode()
    assert "USD 2,675.00" in page
    assert "hand-drawn batik tulis" in page
    assert "Send a quotation" in page and "Cancel the order" in page
    assert reverse("trade:order-documents", args=[order.pk]) in page


def test_the_order_page_shows_the_totals_the_documents_print(english: Any, artisan: Any, enterprise: Any) -> None:
    order = complete_order(enterprise=enterprise, currency="JPY", freight=Decimal("1500.40"))
    order.lines.filter(position=1).update(unit_price=Decimal("85.03"))  # 20 x 85.03 = 1,700.6: JPY 1,701
    pack = build_pack(order)
    assert (pack.totals.goods, pack.totals.invoice) == (Decimal(2676), Decimal(4176))
    english.force_login(artisan)
    page = english.get(reverse("trade:order-detail", args=[order.pk]))
    html = page.content.decode()
    assert page.context["totals"] == pack.totals
    assert 'data-testid="goods">JPY 2,676</th>' in html
    assert 'data-testid="order-total">JPY 4,176</th>' in html
    assert ">1,701</td>" in html
    assert 'data-testid="gross-weight">16.100</th>' in html


def test_an_order_is_opened_through_the_form(english: Any, artisan: Any, enterprise: Any) -> None:
    buyer = BuyerFactory(enterprise=enterprise)
    english.force_login(artisan)
    assert english.get(reverse("trade:order-create"), {"buyer": buyer.pk}).status_code == 200
    answer = english.post(
        reverse("trade:order-create"),
        {
            "buyer": buyer.pk, "incoterm": incoterm("FCA").pk, "named_place": "Juanda, Surabaya", "transport": "air",
            "currency": "USD", "exchange_rate": "16250", "rate_date": "2026-03-02", "freight": "", "insurance": "",
        },
    )  # fmt: skip
    order = ExportOrder.objects.get()
    assert answer.status_code == 302
    assert answer["Location"] == reverse("trade:order-detail", args=[order.pk])
    assert (order.sequence, order.named_place, order.freight) == (1, "Juanda, Surabaya", Decimal(0))


def test_a_refused_order_form_says_why(english: Any, artisan: Any, enterprise: Any) -> None:
    order = complete_order(enterprise=enterprise, status="quotation")
    english.force_login(artisan)
    answer = english.post(
        reverse("trade:order-edit", args=[order.pk]),
        {"buyer": order.buyer_id, "incoterm": incoterm("FCA").pk, "named_place": "Juanda", "transport": "air",
         "currency": "CHF", "exchange_rate": "", "rate_date": "2026-03-02"},
    )  # fmt: skip
    assert answer.status_code == 200
    assert "No rate for CHF on or before 2026-03-02 is on record" in answer.content.decode()
    order.refresh_from_db()
    assert (order.currency, order.named_place) == ("USD", "Juanda International Airport, Surabaya")


def test_an_inquiry_waits_for_its_rate_but_is_not_confirmed_without_one(
    english: Any, artisan: Any, enterprise: Any
) -> None:
    buyer = BuyerFactory(enterprise=enterprise)
    english.force_login(artisan)
    answer = english.post(
        reverse("trade:order-create"),
        {"buyer": buyer.pk, "incoterm": incoterm("FCA").pk, "named_place": "Juanda", "transport": "air",
         "currency": "CHF", "exchange_rate": ""},
    )  # fmt: skip
    order = ExportOrder.objects.get()
    assert answer.url == reverse("trade:order-detail", args=[order.pk])
    assert (order.exchange_rate, order.rate_date) == (None, None)
    page = english.get(answer.url).content.decode()
    assert "no rate yet" in page
    assert "The order has no exchange rate yet." in page
    english.post(reverse("trade:order-status", args=[order.pk]), {"status": "quotation"})
    answer = english.post(reverse("trade:order-status", args=[order.pk]), {"status": "confirmed"}, follow=True)
    assert "Type the exchange rate of the order (Rp per CHF) and its date before it is confirmed" in (
        answer.content.decode()
    )
    order.refresh_from_db()
    assert order.status == "quotation"


def test_lines_are_posted_as_one_form(english: Any, artisan: Any, enterprise: Any) -> None:
    order = complete_order(enterprise=enterprise)
    cloth, shirts = order.lines.order_by("position")
    english.force_login(artisan)
    assert english.get(reverse("trade:order-lines", args=[order.pk])).status_code == 200
    data = {
        "form-TOTAL_FORMS": "3", "form-INITIAL_FORMS": "2", "form-MIN_NUM_FORMS": "0", "form-MAX_NUM_FORMS": "1000"
    }  # fmt: skip
    for i, line in enumerate((cloth, shirts)):
        data |= {
            f"form-{i}-id": str(line.pk), f"form-{i}-description": line.description, f"form-{i}-hs_code": line.hs_code,
            f"form-{i}-quantity": str(line.quantity), f"form-{i}-unit": "pcs",
            f"form-{i}-unit_price": str(line.unit_price), f"form-{i}-net_weight": str(line.net_weight),
        }  # fmt: skip
    data["form-1-DELETE"] = "on"
    data |= {
        "form-2-description": "100% silk, hand-drawn batik tulis, selendang", "form-2-hs_code": "6214.10",
        "form-2-quantity": "4", "form-2-unit": "pcs", "form-2-unit_price": "120", "form-2-net_weight": "0.4",
        "form-2-cloth_origin": "woven_id",
    }  # fmt: skip
    answer = english.post(reverse("trade:order-lines", args=[order.pk]), data)
    assert answer.status_code == 302
    assert list(order.lines.order_by("position").values_list("hs_code", "quantity", "cloth_origin")) == [
        ("5208.52", Decimal(20), "unknown"), ("6214.10", Decimal(4), "woven_id")
    ]  # fmt: skip


def test_the_order_page_gives_each_eu_line_its_criterion_or_why_not(
    english: Any, artisan: Any, enterprise: Any
) -> None:
    buyer = BuyerFactory(enterprise=enterprise, country="DE", address="Zeil 1, Frankfurt am Main")
    order = complete_order(enterprise=enterprise, buyer=buyer, estimated_shipment=datetime.date(2026, 6, 1))
    order.lines.filter(position=2).update(cloth_origin="woven_id")  # shirts 6205.20; line 1 cloth origin unknown
    english.force_login(artisan)

    page = english.get(reverse("trade:order-detail", args=[order.pk])).content.decode()

    assert "line 2: <strong>W 6205</strong>" in page
    assert "unconfirmed" in page
    assert "line 1: not declared originating" in page
    assert "No product-specific rule of EU GSP is on record for heading 5208" in page


def test_packages_are_posted_as_one_table(english: Any, artisan: Any, enterprise: Any) -> None:
    order = complete_order(enterprise=enterprise)
    cloth, shirts = order.lines.order_by("position")
    english.force_login(artisan)
    page = english.get(reverse("trade:order-packages", args=[order.pk]))
    assert f'name="form-0-line_{cloth.pk}"' in page.content.decode()
    data = {
        "form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0", "form-MIN_NUM_FORMS": "0", "form-MAX_NUM_FORMS": "1000",
        "form-0-number": "1", "form-0-kind": "carton", "form-0-length_cm": "80", "form-0-width_cm": "60",
        "form-0-height_cm": "40", "form-0-gross_weight": "15.5", "form-0-net_weight": "13.5",
        f"form-0-line_{cloth.pk}": "20", f"form-0-line_{shirts.pk}": "30",
    }  # fmt: skip
    answer = english.post(reverse("trade:order-packages", args=[order.pk]), data)
    assert answer.status_code == 302
    assert Package.objects.filter(order=order).count() == 1
    assert PackageItem.objects.filter(package__order=order).count() == 2


def test_overpacking_is_refused_on_the_page(english: Any, artisan: Any, enterprise: Any) -> None:
    order = complete_order(enterprise=enterprise)
    cloth = order.lines.order_by("position").first()
    assert cloth is not None
    english.force_login(artisan)
    data = {
        "form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0", "form-MIN_NUM_FORMS": "0", "form-MAX_NUM_FORMS": "1000",
        "form-0-number": "1", "form-0-kind": "carton", "form-0-length_cm": "80", "form-0-width_cm": "60",
        "form-0-height_cm": "40", "form-0-gross_weight": "15.5", "form-0-net_weight": "13.5",
        f"form-0-line_{cloth.pk}": "21",
    }  # fmt: skip
    answer = english.post(reverse("trade:order-packages", args=[order.pk]), data)
    assert answer.status_code == 200
    assert "Line 1: 21 packed, but only 20 ordered." in answer.content.decode()
    assert Package.objects.filter(order=order).count() == 2


def test_the_status_button_moves_the_order(english: Any, artisan: Any, enterprise: Any) -> None:
    order = complete_order(enterprise=enterprise)
    english.force_login(artisan)
    answer = english.post(reverse("trade:order-status", args=[order.pk]), {"status": "quotation"})
    assert answer.status_code == 302
    order.refresh_from_db()
    assert order.status == "quotation"
    english.post(reverse("trade:order-status", args=[order.pk]), {"status": "paid"})
    order.refresh_from_db()
    assert order.status == "quotation"


def test_staff_write_a_buyer_for_an_enterprise(english: Any, staff: Any, enterprise: Any) -> None:
    english.force_login(staff)
    answer = english.post(
        reverse("trade:buyer-create"),
        {"enterprise": enterprise.pk, "name": "Sarah Lee", "company": "Batik Down Under", "country": "AU"},
    )
    buyer = Buyer.objects.get()
    assert answer["Location"] == reverse("trade:buyer-detail", args=[buyer.pk])
    assert (buyer.enterprise, buyer.created_by) == (enterprise, staff)
    page = english.get(reverse("trade:buyer-detail", args=[buyer.pk])).content.decode()
    assert "Batik Down Under" in page


def test_an_artisans_buyer_form_has_no_enterprise_choice(english: Any, artisan: Any, enterprise: Any) -> None:
    english.force_login(artisan)
    assert 'name="enterprise"' not in english.get(reverse("trade:buyer-create")).content.decode()
    english.post(reverse("trade:buyer-create"), {"name": "Ken", "country": "JP", "email": "ken@example.jp"})
    assert Buyer.objects.get().enterprise == enterprise


def test_a_posted_line_with_another_enterprises_product_changes_nothing(
    english: Any, artisan: Any, enterprise: Any, other_enterprise: Any
) -> None:
    from canting.catalogue.tests.factories import ProductFactory

    order = complete_order(enterprise=enterprise)
    theirs = ProductFactory(enterprise=other_enterprise)
    before = list(order.lines.order_by("position").values_list("description", "quantity"))
    english.force_login(artisan)
    data = {
        "form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0", "form-MIN_NUM_FORMS": "0", "form-MAX_NUM_FORMS": "1000",
        "form-0-product": str(theirs.pk), "form-0-quantity": "1", "form-0-unit": "pcs", "form-0-unit_price": "1",
        "form-0-net_weight": "1",
    }  # fmt: skip

    answer = english.post(reverse("trade:order-lines", args=[order.pk]), data)

    assert answer.status_code == 200
    assert list(order.lines.order_by("position").values_list("description", "quantity")) == before


def test_the_order_page_shows_the_history_of_replaced_lines(english: Any, artisan: Any, enterprise: Any) -> None:
    from canting.trade.services import orders

    order = complete_order(enterprise=enterprise)
    orders.set_lines(
        actor=artisan,
        order=order,
        lines=[{"description": "100% cotton, stamped batik cap, shirt", "hs_code": "6205.20", "quantity": Decimal(2),
                "unit": "pcs", "unit_price": Decimal(30), "net_weight": Decimal("0.6")}],
    )  # fmt: skip
    english.force_login(artisan)

    answer = english.get(reverse("trade:order-detail", args=[order.pk]))

    assert answer.status_code == 200
    assert "<strong>Order lines</strong>" in answer.content.decode()
