"""Export orders: opening and numbering, terms, lines, packages and the status machine, with every refusal leaving
the order as it was."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from canting.catalogue.tests.factories import ProductFactory
from canting.certification.tests.factories import BatchFactory
from canting.core.models import AuditEvent
from canting.core.testing import at_once
from canting.registry.models import Technique
from canting.trade.checks import run_checks
from canting.trade.models import ExportOrder, OrderLine, OrderStatus, Package, PackageItem, ProductExport
from canting.trade.origin import origin_rules_for
from canting.trade.services import orders as services
from canting.trade.tests.factories import (
    BuyerFactory,
    ExchangeRateFactory,
    ExportOrderFactory,
    OrderLineFactory,
    complete_order,
    incoterm,
)

pytestmark = pytest.mark.django_db


def terms(buyer: Any, **extra: Any) -> dict[str, Any]:
    return {
        "buyer": buyer,
        "incoterm": incoterm("FCA"),
        "named_place": "Juanda International Airport, Surabaya",
        "transport": "air",
        "currency": "USD",
        "exchange_rate": Decimal("16250.0000"),
        "rate_date": datetime.date(2026, 3, 2),
        **extra,
    }


def test_orders_are_numbered_per_enterprise_and_year(enterprise: Any, other_enterprise: Any, artisan: Any) -> None:
    buyer = BuyerFactory(enterprise=enterprise)
    first = services.create_order(actor=artisan, enterprise=enterprise, data=terms(buyer))
    second = services.create_order(actor=artisan, enterprise=enterprise, data=terms(buyer))
    elsewhere = services.create_order(
        actor=None, enterprise=other_enterprise, data=terms(BuyerFactory(enterprise=other_enterprise))
    )
    year = timezone.localdate().year
    assert (first.year, first.sequence, second.sequence, elsewhere.sequence) == (year, 1, 2, 1)
    assert first.number == f"{year}/001"
    assert first.status == OrderStatus.INQUIRY
    assert first.created_by == artisan
    assert AuditEvent.objects.filter(action="trade.order.created", object_id=str(first.pk)).count() == 1


def test_a_new_year_starts_at_one(enterprise: Any) -> None:
    ExportOrderFactory(enterprise=enterprise, year=timezone.localdate().year - 1, sequence=41)
    order = services.create_order(actor=None, enterprise=enterprise, data=terms(BuyerFactory(enterprise=enterprise)))
    assert order.sequence == 1


def test_the_suggested_proof_of_origin_is_taken_on_a_new_order(enterprise: Any) -> None:
    order = services.create_order(actor=None, enterprise=enterprise, data=terms(BuyerFactory(enterprise=enterprise)))
    suggested = origin_rules_for("JP", timezone.localdate())
    assert suggested
    assert order.origin_rule == suggested[0]


def test_the_rate_on_record_is_taken_when_none_is_typed(enterprise: Any) -> None:
    ExchangeRateFactory(currency="JPY", day=datetime.date(2026, 2, 27), rupiah=Decimal("108.5000"))
    data = terms(BuyerFactory(enterprise=enterprise), currency="JPY", exchange_rate=None)
    order = services.create_order(actor=None, enterprise=enterprise, data=data)
    assert order.exchange_rate == Decimal("108.5000")


def test_no_rate_on_record_asks_the_user_to_type_one_once_the_order_has_moved_on(enterprise: Any) -> None:
    data = terms(BuyerFactory(enterprise=enterprise), currency="CHF", exchange_rate=None)
    inquiry = services.create_order(actor=None, enterprise=enterprise, data=data)
    assert (inquiry.exchange_rate, inquiry.rate_date, inquiry.rate_source) == (None, None, "")
    services.change_status(actor=None, order=inquiry, status="quotation")
    inquiry.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.update_order(actor=None, order=inquiry, data={**data, "named_place": "Juanda"})
    assert refused.value.message_dict["exchange_rate"] == [
        "No rate for CHF on or before 2026-03-02 is on record: type the rate you use."
    ]
    inquiry.refresh_from_db()
    assert inquiry.named_place != "Juanda"


def test_an_order_without_a_rate_is_not_confirmed(enterprise: Any) -> None:
    order = services.create_order(
        actor=None,
        enterprise=enterprise,
        data=terms(BuyerFactory(enterprise=enterprise), currency="CHF", exchange_rate=None),
    )
    services.change_status(actor=None, order=order, status="quotation")
    with pytest.raises(ValidationError) as refused:
        services.change_status(actor=None, order=order, status="confirmed")
    assert refused.value.code == "no_rate"
    order.refresh_from_db()
    assert order.status == "quotation"
    assert [finding.code for finding in run_checks(order)].count("no_rate") == 1
    services.update_order(actor=None, order=order, data={"exchange_rate": Decimal("18250"), "rate_date": None})
    order.refresh_from_db()
    assert order.rate_date == timezone.localdate()
    assert "no_rate" not in [finding.code for finding in run_checks(order)]


def test_the_database_refuses_a_confirmed_order_without_a_rate(enterprise: Any) -> None:
    order = ExportOrderFactory(enterprise=enterprise, status="inquiry", exchange_rate=None, rate_date=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        ExportOrder.objects.filter(pk=order.pk).update(status="confirmed")


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"currency": "XYZ"}, "currency", "“XYZ” is not an ISO 4217 currency code."),
        ({"named_place": "  "}, "named_place", "Name the place the Incoterms rule refers to."),
    ],
)
def test_bad_terms_are_refused(enterprise: Any, change: dict[str, Any], field: str, message: str) -> None:
    with pytest.raises(ValidationError) as refused:
        services.create_order(
            actor=None, enterprise=enterprise, data=terms(BuyerFactory(enterprise=enterprise), **change)
        )
    assert refused.value.message_dict[field] == [message]
    assert not ExportOrder.objects.exists()


def test_a_buyer_of_another_enterprise_is_refused(enterprise: Any, other_enterprise: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        services.create_order(actor=None, enterprise=enterprise, data=terms(BuyerFactory(enterprise=other_enterprise)))
    assert refused.value.message_dict["buyer"] == ["Choose a buyer of the order's own enterprise."]
    assert not ExportOrder.objects.exists()


def test_an_artisan_cannot_open_an_order_for_another_enterprise(other_enterprise: Any, artisan: Any) -> None:
    with pytest.raises(ValidationError):
        services.create_order(
            actor=artisan, enterprise=other_enterprise, data=terms(BuyerFactory(enterprise=other_enterprise))
        )
    assert not ExportOrder.objects.exists()


def test_money_is_rounded_to_the_currency(enterprise: Any) -> None:
    data = terms(BuyerFactory(enterprise=enterprise), currency="JPY", freight=Decimal("1234.50"))
    order = services.create_order(actor=None, enterprise=enterprise, data=data)
    order.refresh_from_db()
    assert order.freight == Decimal("1235.00")


@pytest.mark.django_db(transaction=True)
def test_orders_opened_at_once_get_different_numbers(trade_reference: None, enterprise: Any) -> None:
    buyer = BuyerFactory(enterprise=enterprise)
    race = at_once([lambda: services.create_order(actor=None, enterprise=enterprise, data=terms(buyer))] * 5)
    assert race.errors == []
    numbers = sorted(ExportOrder.objects.filter(enterprise=enterprise).values_list("sequence", flat=True))
    assert len(race.made) + len(race.refused) == 5
    assert numbers == list(range(1, len(race.made) + 1))
    assert all(exc.code == "number_busy" for exc in race.refused)


# --- lines ---------------------------------------------------------------------------------------------------


def test_a_product_fills_the_description_and_the_confirmed_hs_code(enterprise: Any) -> None:
    order = ExportOrderFactory(enterprise=enterprise)
    product = ProductFactory(enterprise=enterprise, length_cm=210, width_cm=110)
    ProductExport.objects.create(product=product, hs_code="5208.52", hs_confirmed_at=timezone.now())
    [line] = services.set_lines(
        actor=None,
        order=order,
        lines=[{"product": product, "quantity": Decimal(5), "unit_price": Decimal("85"), "net_weight": Decimal(2)}],
    )
    assert line.description == "100% cotton, hand-drawn batik tulis, kain panjang 210 x 110 cm"
    assert line.hs_code == "5208.52"
    assert line.position == 1


def test_tiruan_is_described_as_printed_textile() -> None:
    product = ProductFactory.build(
        technique=Technique.TIRUAN, product_type="kemeja", fibres=[{"fibre": "rayon", "percent": 100}]
    )
    assert services.describe(product) == "100% rayon, printed textile (not batik), shirt 250 x 110 cm"


def test_the_suggested_hs_code_stands_in_for_an_unconfirmed_one(enterprise: Any) -> None:
    order = ExportOrderFactory(enterprise=enterprise)
    product = ProductFactory(enterprise=enterprise, weight_gsm=120)
    [line] = services.set_lines(
        actor=None,
        order=order,
        lines=[{"product": product, "quantity": Decimal(1), "unit_price": Decimal(1), "net_weight": Decimal(1)}],
    )
    assert line.hs_code == "5208.52"


def test_lines_are_saved_all_or_nothing(enterprise: Any, other_enterprise: Any) -> None:
    order = complete_order(enterprise=enterprise)
    before = list(order.lines.values_list("description", "quantity"))
    foreign = ProductFactory(enterprise=other_enterprise)
    batch = BatchFactory(product=ProductFactory(enterprise=other_enterprise))
    one = {"quantity": Decimal(1), "unit_price": Decimal(1), "net_weight": Decimal(1)}
    rows = [
        {"description": "Kept?", "hs_code": "5208.52", **one},
        {"product": foreign, **one},
        {"batch": batch, "description": "x", "hs_code": "5208.52", **one},
        {"description": "No code", "hs_code": "", **one},
    ]
    with pytest.raises(ValidationError) as refused:
        services.set_lines(actor=None, order=order, lines=rows)
    assert refused.value.messages == [
        "Line 2: choose a product of the enterprise's own.",
        "Line 3: choose a batch of the enterprise's own.",
        "Line 4, HS code: This field cannot be blank.",
    ]
    assert list(order.lines.values_list("description", "quantity")) == before


def test_keeping_a_line_keeps_what_is_packed_of_it(enterprise: Any) -> None:
    order = complete_order(enterprise=enterprise)
    cloth, shirts = order.lines.order_by("position")
    services.set_lines(
        actor=None,
        order=order,
        lines=[
            {"id": cloth.pk, "quantity": Decimal(20), "unit_price": Decimal("90.00"), "net_weight": Decimal(6)},
        ],
    )
    assert list(order.lines.values_list("pk", "unit_price")) == [(cloth.pk, Decimal("90.00"))]
    assert list(PackageItem.objects.filter(package__order=order).values_list("line_id", flat=True)) == [cloth.pk]
    assert not OrderLine.objects.filter(pk=shirts.pk).exists()


# --- packages ------------------------------------------------------------------------------------------------


def package(number: int, contents: dict[int, Decimal], gross: str = "5", net: str = "4") -> dict[str, Any]:
    return {
        "number": number, "kind": "carton", "length_cm": 60, "width_cm": 40, "height_cm": 30,
        "gross_weight": Decimal(gross), "net_weight": Decimal(net), "contents": contents,
    }  # fmt: skip


def test_packages_replace_the_old_ones(enterprise: Any) -> None:
    order = complete_order(enterprise=enterprise)
    cloth, shirts = order.lines.order_by("position")
    services.set_packages(
        actor=None, order=order, packages=[package(1, {cloth.pk: Decimal(20), shirts.pk: Decimal(30)}, "14", "13.5")]
    )
    [only] = Package.objects.filter(order=order)
    assert (only.number, only.gross_weight) == (1, Decimal("14.000"))
    assert sorted(only.items.values_list("line_id", "quantity")) == sorted(
        [(cloth.pk, Decimal(20)), (shirts.pk, Decimal(30))]
    )
    assert AuditEvent.objects.filter(action="trade.order.packages", object_id=str(order.pk)).count() == 1


def test_bad_packages_are_refused_and_nothing_changes(enterprise: Any) -> None:
    order = complete_order(enterprise=enterprise)
    cloth, shirts = order.lines.order_by("position")
    items = PackageItem.objects.filter(package__order=order)
    before = list(items.values_list("package__number", "line_id", "quantity"))
    with pytest.raises(ValidationError) as refused:
        services.set_packages(
            actor=None,
            order=order,
            packages=[
                package(1, {cloth.pk: Decimal(15)}, gross="3", net="4"),
                package(2, {}),
                package(3, {cloth.pk: Decimal(10), shirts.pk: Decimal(30)}),
            ],
        )
    assert refused.value.messages == [
        "Package 1: the gross weight is less than the net weight.",
        "Package 2 has nothing in it.",
        "Line 1: 25 packed, but only 20 ordered.",
    ]
    assert list(items.values_list("package__number", "line_id", "quantity")) == before


# --- status --------------------------------------------------------------------------------------------------


def test_an_order_moves_from_inquiry_to_paid(enterprise: Any, artisan: Any) -> None:
    order = complete_order(enterprise=enterprise)
    day = datetime.date(2026, 4, 1)
    for status in ("quotation", "confirmed", "shipped", "paid"):
        order = services.change_status(actor=artisan, order=order, status=status, on=day)
    order.refresh_from_db()
    assert (order.status, order.invoice_date, order.shipped_on, order.paid_on) == ("paid", day, day, day)
    changes = list(
        AuditEvent.objects.filter(action="trade.order.status", object_id=str(order.pk))
        .order_by("id")
        .values_list("changes__status", flat=True)
    )
    assert changes == [
        ["inquiry", "quotation"], ["quotation", "confirmed"], ["confirmed", "shipped"], ["shipped", "paid"]
    ]  # fmt: skip


def test_a_step_cannot_be_skipped_and_paid_is_final(enterprise: Any) -> None:
    order = complete_order(enterprise=enterprise)
    with pytest.raises(ValidationError) as refused:
        services.change_status(actor=None, order=order, status="shipped")
    assert refused.value.messages == ["An order cannot go from “Inquiry” to “Shipped”."]
    order.refresh_from_db()
    assert order.status == "inquiry"
    order.status = "paid"
    order.save()
    with pytest.raises(ValidationError):
        services.change_status(actor=None, order=order, status="cancelled")


def test_shipping_needs_a_line_and_a_package(enterprise: Any) -> None:
    order = ExportOrderFactory(enterprise=enterprise, status="confirmed")
    OrderLineFactory(order=order)
    with pytest.raises(ValidationError) as refused:
        services.change_status(actor=None, order=order, status="shipped")
    assert refused.value.messages == ["An order ships with at least one line and one package."]
    order.refresh_from_db()
    assert (order.status, order.shipped_on) == ("confirmed", None)


def test_shipping_defaults_to_today(enterprise: Any) -> None:
    order = complete_order(enterprise=enterprise, status="confirmed")
    order = services.change_status(actor=None, order=order, status="shipped")
    assert order.shipped_on == timezone.localdate()


def test_a_shipped_order_keeps_its_lines_packages_and_money(enterprise: Any) -> None:
    order = complete_order(enterprise=enterprise, status="shipped", shipped_on=datetime.date(2026, 4, 1))
    line = order.lines.first()
    with pytest.raises(ValidationError) as refused:
        services.set_lines(actor=None, order=order, lines=[])
    assert refused.value.messages == ["The lines of an order that is shipped cannot change any more."]
    with pytest.raises(ValidationError):
        services.set_packages(actor=None, order=order, packages=[])
    with pytest.raises(ValidationError) as refused:
        services.update_order(actor=None, order=order, data={"exchange_rate": Decimal(1)})
    assert refused.value.messages == ["The money of an order that is shipped cannot change any more."]
    order.refresh_from_db()
    assert order.exchange_rate == Decimal("16250.0000")
    assert order.lines.count() == 2 and order.packages.count() == 2 and line is not None
    # What is not money may still be put right, e.g. the carrier.
    services.update_order(actor=None, order=order, data={"carrier": "GA 880"})
    order.refresh_from_db()
    assert order.carrier == "GA 880"
