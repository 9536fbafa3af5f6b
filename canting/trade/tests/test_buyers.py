"""Buyers: written by hand or from an exhibition lead, which also opens an inquiry; an artisan keeps their own."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from canting.catalogue.tests.factories import ProductFactory
from canting.core.models import AuditEvent
from canting.exhibitions.models import Lead, LeadState
from canting.exhibitions.tests.factories import ExhibitionFactory, ExhibitorFactory
from canting.trade.models import Buyer, ExportOrder, ProductExport
from canting.trade.services import buyers as services
from canting.trade.tests.factories import BuyerFactory, ExchangeRateFactory

pytestmark = pytest.mark.django_db

DATA = {"name": "Yuki Tanaka", "company": "Tanaka Shoji", "country": "JP", "email": "yuki@example.jp"}


def test_an_artisan_writes_a_buyer_of_their_own_enterprise(enterprise: Any, artisan: Any) -> None:
    buyer = services.create_buyer(actor=artisan, enterprise=enterprise, data=DATA)
    assert (buyer.enterprise, buyer.name, str(buyer.country), buyer.created_by) == (
        enterprise, "Yuki Tanaka", "JP", artisan
    )  # fmt: skip
    assert AuditEvent.objects.filter(action="trade.buyer.created", object_id=str(buyer.pk)).count() == 1


def test_an_artisan_cannot_write_a_buyer_for_another_enterprise(other_enterprise: Any, artisan: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        services.create_buyer(actor=artisan, enterprise=other_enterprise, data=DATA)
    assert refused.value.messages == ["You cannot keep buyers for this enterprise."]
    assert not Buyer.objects.exists()


def test_a_bad_buyer_is_refused(enterprise: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        services.create_buyer(actor=None, enterprise=enterprise, data={**DATA, "country": "", "email": "nope"})
    assert set(refused.value.message_dict) == {"country", "email"}
    assert not Buyer.objects.exists()


def test_updating_a_buyer_is_audited(enterprise: Any, artisan: Any) -> None:
    buyer = BuyerFactory(enterprise=enterprise, phone="")
    services.update_buyer(actor=artisan, buyer=buyer, data={"phone": "+81 3 1234 5678"})
    buyer.refresh_from_db()
    assert buyer.phone == "+81 3 1234 5678"
    assert AuditEvent.objects.filter(action="trade.buyer.updated", object_id=str(buyer.pk)).count() == 1


def test_an_artisan_cannot_change_another_enterprises_buyer(other_enterprise: Any, artisan: Any) -> None:
    buyer = BuyerFactory(enterprise=other_enterprise, name="Kept")
    with pytest.raises(ValidationError):
        services.update_buyer(actor=artisan, buyer=buyer, data={"name": "Changed"})
    buyer.refresh_from_db()
    assert buyer.name == "Kept"


@pytest.fixture
def lead(enterprise: Any) -> Lead:
    exhibitor = ExhibitorFactory(exhibition=ExhibitionFactory(), enterprise=enterprise)
    lead = Lead.objects.create(
        exhibition=exhibitor.exhibition,
        exhibitor=exhibitor,
        name="Anna de Vries",
        company="Indigo Huis",
        country="NL",
        email="anna@example.nl",
        notes="Wants kain panjang for a shop in Leiden.",
    )
    return lead


def test_a_lead_becomes_a_buyer_and_an_inquiry(enterprise: Any, artisan: Any, lead: Lead) -> None:
    cloth = ProductFactory(enterprise=enterprise, name_en="A", weight_gsm=120)
    ProductExport.objects.create(product=cloth, price=Decimal("95.00"), currency="EUR")
    scarf = ProductFactory(enterprise=enterprise, name_en="B", product_type="selendang", fabric="silk",
                           fibres=[{"fibre": "silk", "percent": 100}])  # fmt: skip
    lead.products.set([cloth, scarf])
    ExchangeRateFactory(currency="EUR", rupiah=Decimal("17500.0000"))

    order = services.inquiry_from_lead(actor=artisan, lead=lead)

    buyer = order.buyer
    assert (buyer.name, buyer.company, str(buyer.country), buyer.email, buyer.lead) == (
        "Anna de Vries", "Indigo Huis", "NL", "anna@example.nl", lead
    )  # fmt: skip
    assert (order.enterprise, order.status, order.currency, order.exchange_rate) == (
        enterprise, "inquiry", "EUR", Decimal("17500.0000")
    )  # fmt: skip
    lines = list(order.lines.order_by("position").values_list("product", "quantity", "unit_price"))
    assert sorted(lines) == sorted([(cloth.pk, Decimal(1), Decimal("95.00")), (scarf.pk, Decimal(1), Decimal(0))])
    lead.refresh_from_db()
    assert lead.state == LeadState.NEGOTIATING


def test_a_lead_priced_in_a_currency_without_a_rate_waits_for_one(enterprise: Any, artisan: Any, lead: Lead) -> None:
    cloth = ProductFactory(enterprise=enterprise, name_en="A", weight_gsm=120)
    ProductExport.objects.create(product=cloth, price=Decimal("140.00"), currency="CHF")
    lead.products.set([cloth])

    order = services.inquiry_from_lead(actor=artisan, lead=lead)

    assert (order.currency, order.exchange_rate, order.rate_date, order.rate_source) == ("CHF", None, None, "")
    assert list(order.lines.values_list("unit_price", flat=True)) == [Decimal("140.00")]


def test_a_second_inquiry_reuses_the_buyer(enterprise: Any, artisan: Any, lead: Lead) -> None:
    ExchangeRateFactory(currency="USD", rupiah=Decimal("16250.0000"))
    first = services.inquiry_from_lead(actor=artisan, lead=lead)
    second = services.inquiry_from_lead(actor=artisan, lead=lead)
    assert first.buyer_id == second.buyer_id
    assert Buyer.objects.count() == 1
    assert (first.sequence, second.sequence) == (1, 2)


def test_another_enterprises_lead_is_not_found(other_artisan: Any, client: Any, lead: Lead) -> None:
    client.force_login(other_artisan)
    assert client.post(reverse("trade:lead-inquiry", args=[lead.pk])).status_code == 404
    assert not ExportOrder.objects.exists()


def test_the_inquiry_page_opens_the_order(artisan: Any, client: Any, lead: Lead) -> None:
    client.force_login(artisan)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("trade:lead-inquiry", args=[lead.pk]))
    assert "Anna de Vries" in page.content.decode()
    answer = client.post(reverse("trade:lead-inquiry", args=[lead.pk]))
    order = ExportOrder.objects.get()
    assert answer.status_code == 302
    assert answer["Location"] == reverse("trade:order-detail", args=[order.pk])


def test_the_lead_page_links_to_the_inquiry(artisan: Any, client: Any, lead: Lead) -> None:
    client.force_login(artisan)
    page = client.get(reverse("exhibitions:lead-detail", args=[lead.pk])).content.decode()
    assert reverse("trade:lead-inquiry", args=[lead.pk]) in page


def test_a_lead_met_for_the_whole_exhibition_is_refused(enterprise: Any, staff: Any, lead: Lead) -> None:
    desk = Lead.objects.create(exhibition=lead.exhibition, exhibitor=None, name="Walk-in", country="AU", email="w@x.au")

    with pytest.raises(ValidationError) as refused:
        services.inquiry_from_lead(actor=staff, lead=desk)

    assert refused.value.code == "no_booth"
    assert not Buyer.objects.exists() and not ExportOrder.objects.exists()
