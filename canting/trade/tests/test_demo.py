"""The demo's export desk, and the issue's acceptance on it: the Japanese order by air under FOB is flagged with FCA
suggested and, under FCA, its pack agrees with itself; the Dutch order above EUR 6,000 is flagged until a REX
number is on record, and then carries the statement on its invoice."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from canting.core.dates import add_months
from canting.core.models import User
from canting.trade import documents
from canting.trade.checks import run_checks
from canting.trade.models import Buyer, ExportOrder, Incoterm, OrderStatus
from canting.trade.services import orders, profile
from canting.trade.suggestions import export_orders_shipped
from canting.trade.tests.test_documents import pdf_text

pytestmark = pytest.mark.django_db

REX = "IDREX3576000123456"


@pytest.fixture
def loaded(demo_loaded: Any, db: Any) -> Any:
    return demo_loaded


@pytest.fixture
def perajin(loaded: Any) -> User:
    return User.objects.get(username="perajin")


def order_to(perajin: User, country: str, status: str) -> ExportOrder:
    return ExportOrder.objects.get(enterprise=perajin.enterprise_id, buyer__country=country, status=status)


def test_the_demo_has_buyers_in_five_markets_and_orders_in_every_state(perajin: User) -> None:
    mine = Buyer.objects.filter(enterprise=perajin.enterprise_id)
    assert sorted(mine.values_list("country", flat=True)) == ["AU", "JP", "MY", "NL", "US"]
    states = set(ExportOrder.objects.filter(enterprise=perajin.enterprise_id).values_list("status", flat=True))
    assert states == set(OrderStatus.values)
    second = User.objects.get(username="perajin2")
    assert ExportOrder.objects.for_user(second).filter(enterprise=perajin.enterprise_id).count() == 0
    assert ExportOrder.objects.for_user(second).count() == 1


def test_the_australian_order_has_a_complete_pack(perajin: User) -> None:
    order = order_to(perajin, "AU", OrderStatus.SHIPPED)
    assert run_checks(order) == []
    pack = documents.build_english_pack(order)
    assert pack.totals.packages == 3
    for kind in documents.KINDS:
        assert documents.pdf(pack, kind).startswith(b"%PDF")


def test_japan_by_air_under_fob_is_flagged_then_fca_gives_a_consistent_pack(perajin: User) -> None:
    order = order_to(perajin, "JP", OrderStatus.QUOTATION)
    assert (order.incoterm.code, order.transport) == ("FOB", "air")
    errors = [f for f in run_checks(order) if f.level == "error"]
    assert [f.code for f in errors] == ["sea_only"]
    assert "FOB" in errors[0].message and "FCA" in errors[0].fix

    order = orders.update_order(actor=perajin, order=order, data={"incoterm": Incoterm.objects.get(code="FCA")})
    assert [f.code for f in run_checks(order) if f.level == "error"] == []
    pack = documents.build_english_pack(order)
    invoice = pdf_text(documents.pdf(pack, documents.INVOICE))
    packing = pdf_text(documents.pdf(pack, documents.PACKING_LIST))
    total = documents.money(pack.totals.invoice, "JPY")
    assert total == "335,600"  # 12 x 18,500 + 8 x 14,200 yen
    assert f"Invoice total (JPY) {total}" in invoice
    net, gross = documents.kg(pack.totals.net_weight), documents.kg(pack.totals.gross_weight)
    assert (net, gross) == ("6.000", "7.600")
    for text in (invoice, packing):
        assert f"{net} kg" in text and f"{gross} kg" in text
    assert "PACKAGES 2" in invoice and "NUMBER OF PACKAGES 2" in packing
    assert f"Invoice: {pack.numbers['CI']}" in packing


def test_the_netherlands_order_needs_a_rex_number_then_carries_the_statement(perajin: User) -> None:
    order = order_to(perajin, "NL", OrderStatus.CONFIRMED)
    # The demo ships in a few weeks from today; the GSP statement needs a shipment while the GSP holds (to 2026).
    ExportOrder.objects.filter(pk=order.pk).update(estimated_shipment=datetime.date(2026, 6, 1), origin_rule=None)
    order.refresh_from_db()
    assert "rex_needed" in [f.code for f in run_checks(order) if f.level == "error"]

    profile.save_profile(actor=perajin, enterprise=order.enterprise, data={"rex_number": REX})
    assert "rex_needed" not in [f.code for f in run_checks(order)]
    invoice = pdf_text(documents.pdf(documents.build_english_pack(order), documents.INVOICE))
    assert f"The exporter {REX} of the products covered by this document declares" in invoice
    assert "origin criterion met is W " in invoice


def test_last_months_shipment_is_offered_on_the_turnover_form(perajin: User) -> None:
    order = order_to(perajin, "AU", OrderStatus.SHIPPED)
    month = add_months(timezone.localdate().replace(day=1), -1)
    assert order.shipped_on is not None and order.shipped_on.replace(day=1) == month
    (suggestion,) = export_orders_shipped(order.enterprise, month)
    goods = sum((line.quantity * line.unit_price for line in order.lines.all()), Decimal(0))
    expected = ((goods + order.freight + order.insurance) * order.exchange_rate).quantize(Decimal(1))
    assert (suggestion.field, suggestion.value) == ("export_sales", expected)
