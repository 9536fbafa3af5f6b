"""What the papers say: a signatory and bank details, the transport document of a shipped order, customs-grade
line descriptions, the 8-digit national code under each HS code, and "1 package" in the singular."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from canting.trade import documents
from canting.trade.checks import ERROR, WARNING, run_checks
from canting.trade.models import ExportOrder, ExportProfile, OrderLine, OrderStatus
from canting.trade.tests.factories import (
    ExportOrderFactory,
    OrderLineFactory,
    PackageFactory,
    complete_order,
)
from canting.trade.tests.test_documents import pdf_text

pytestmark = pytest.mark.django_db

PAPER_CODES = {
    "signatory_missing",
    "bank_details_missing",
    "payment_terms_missing",
    "transport_document_missing",
    "shipment_date_missing",
    "line_net_weight_missing",
    "description_vague",
}


def papers(order: ExportOrder) -> list[tuple[str, str]]:
    return [(f.code, f.level) for f in run_checks(order) if f.code in PAPER_CODES]


def one_selendang(**fields: Any) -> ExportOrder:
    """An order of rayon selendang in a single carton."""
    order = ExportOrderFactory(**fields)
    line = OrderLineFactory(
        order=order,
        position=1,
        description="100% rayon (viscose), hand-drawn batik tulis, selendang 200 x 50 cm",
        hs_code="6214.40",
        quantity=Decimal(10),
        net_weight=Decimal("1.500"),
    )
    package = PackageFactory(order=order, number=1, gross_weight=Decimal("2.000"), net_weight=Decimal("1.500"))
    package.items.create(line=line, quantity=Decimal(10))
    return order


def test_a_signed_order_with_bank_details_has_no_paper_findings(enterprise: Any) -> None:
    assert papers(complete_order(enterprise=enterprise)) == []


def test_an_unsigned_order_without_bank_details_is_refused(enterprise: Any) -> None:
    order = complete_order(enterprise=enterprise, signed=False)

    assert not ExportProfile.objects.filter(enterprise=enterprise).exists()
    assert papers(order) == [("signatory_missing", ERROR), ("bank_details_missing", ERROR)]
    signatory = next(f for f in run_checks(order) if f.code == "signatory_missing")
    assert signatory.message.startswith(
        "The export profile lacks the name of the signatory and the signatory's position:"
    )
    assert signatory.url == f"/trade/enterprises/{enterprise.pk}/profile/"


def test_a_signatory_without_position_is_named(enterprise: Any) -> None:
    order = complete_order(enterprise=enterprise)
    ExportProfile.objects.filter(enterprise=enterprise).update(signatory_title="")

    (finding,) = [f for f in run_checks(order) if f.code == "signatory_missing"]
    assert finding.message.startswith("The export profile lacks the signatory's position:")


@pytest.mark.parametrize(
    ("terms", "needs_bank"),
    [
        ("100% T/T before shipment", True),
        ("30% TT deposit, balance against copy of B/L", True),
        ("Irrevocable L/C at sight", True),
        ("Bank transfer within 14 days", True),
        ("D/P at sight", True),
        ("Cash on collection at the workshop", False),
    ],
)
def test_bank_details_are_needed_when_the_buyer_pays_through_a_bank(
    enterprise: Any, terms: str, needs_bank: bool
) -> None:
    order = complete_order(enterprise=enterprise, payment_terms=terms)
    ExportProfile.objects.filter(enterprise=enterprise).update(bank_details="")

    assert papers(order) == ([("bank_details_missing", ERROR)] if needs_bank else [])


def test_missing_payment_terms_warn(enterprise: Any) -> None:
    order = complete_order(enterprise=enterprise, payment_terms="")

    assert papers(order) == [("payment_terms_missing", WARNING)]


def test_a_shipped_order_needs_its_transport_document(enterprise: Any) -> None:
    order = complete_order(enterprise=enterprise)
    ExportOrder.objects.filter(pk=order.pk).update(status=OrderStatus.SHIPPED, shipped_on=datetime.date(2026, 11, 2))
    order.refresh_from_db()

    assert papers(order) == [("transport_document_missing", WARNING)]

    ExportOrder.objects.filter(pk=order.pk).update(transport_document="126-12345675", shipped_on=None)
    order.refresh_from_db()
    assert papers(order) == [("shipment_date_missing", WARNING)]


def test_a_line_without_net_weight_is_refused(enterprise: Any) -> None:
    order = complete_order(enterprise=enterprise)
    OrderLine.objects.filter(order=order, position=1).update(net_weight=Decimal(0))

    assert ("line_net_weight_missing", ERROR) in papers(order)


def test_a_generic_description_is_flagged(enterprise: Any) -> None:
    order = complete_order(enterprise=enterprise)
    OrderLine.objects.filter(order=order, position=1).update(description="Home textile", hs_code="6302.51")

    (finding,) = [f for f in run_checks(order) if f.code == "description_vague"]
    assert finding.level == WARNING
    assert finding.message.startswith(
        'Line 1 ("Home textile") does not name the fibre content, the technique, the article:'
    )

    OrderLine.objects.filter(order=order, position=1).update(
        description="100% cotton, stamped batik cap, table cloth 150 x 220 cm"
    )
    assert papers(order) == []


def test_the_documents_print_the_national_code_marked_unconfirmed(enterprise: Any) -> None:
    order = one_selendang(enterprise=enterprise)

    pack = documents.build_english_pack(order)
    (line,) = pack.lines
    assert (line.hs_code, line.national_code, line.national_confirmed) == ("6214.40", "6214.40.10", False)
    data = documents.document_data(pack, documents.INVOICE)
    assert data["lines"][0]["national"] == "BTKI 2022: 6214.40.10 (unconfirmed)"

    invoice = pdf_text(documents.pdf(pack, documents.INVOICE))
    packing = pdf_text(documents.pdf(pack, documents.PACKING_LIST))
    assert "6214.40.10 (unconfirmed)" in invoice
    assert "6214.40.10 (unconfirmed)" in packing
    assert "Total: 1 package, 10 pcs" in packing
    assert "1 packages" not in packing + invoice


def test_a_code_without_a_national_line_prints_none(enterprise: Any) -> None:
    pack = documents.build_english_pack(complete_order(enterprise=enterprise))

    assert [(line.hs_code, line.national_code) for line in pack.lines] == [
        ("5208.52", "5208.52.10"),
        ("6205.20", ""),
    ]
    data = documents.document_data(pack, documents.PACKING_LIST)
    assert data["lines"][1]["national"] == ""
    assert data["totals"]["packages_counted"] == "2 packages"


def test_the_order_page_counts_one_package_in_the_singular(client: Client, staff: Any, enterprise: Any) -> None:
    order = one_selendang(enterprise=enterprise)
    client.force_login(staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    html = client.get(reverse("trade:order-detail", args=[order.pk])).content.decode()

    assert "1 package<" in html
    assert "1 packages" not in html
