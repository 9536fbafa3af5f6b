"""factory_boy factories for the export desk. ``complete_order`` builds an order whose lines and packages agree."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import factory
from django.utils import timezone

from canting.registry.tests.factories import EnterpriseFactory
from canting.trade.models import (
    Buyer,
    ExchangeRate,
    ExportOrder,
    ExportProfile,
    Incoterm,
    MarketNote,
    OrderLine,
    OriginRule,
    Package,
    PackageItem,
    ProofKind,
    TransportMode,
)

# Who signs an order's documents and where its buyer pays: an order built by the factory has them unless a test
# asks for an unsigned one (signed=False).
SIGNED = {
    "signatory": "Sri Wahyuni",
    "signatory_title": "Owner",
    "bank_details": "Bank Jatim\nAccount 0123456789\nSWIFT PDJTIDJ1",
}


def incoterm(code: str) -> Incoterm:
    """The seeded rule (the data migration writes all eleven)."""
    return Incoterm.objects.get(code=code)


class BuyerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Buyer

    enterprise = factory.SubFactory(EnterpriseFactory)
    name = factory.Sequence(lambda n: f"Buyer {n}")
    company = factory.Sequence(lambda n: f"Import House {n} Ltd")
    country = "JP"
    address = "1-2-3 Nihonbashi, Chuo-ku, Tokyo"
    email = factory.Sequence(lambda n: f"buyer{n}@example.com")


class ExportOrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExportOrder
        skip_postgeneration_save = True  # the hook writes the export profile, never the order

    enterprise = factory.SubFactory(EnterpriseFactory)
    buyer = factory.SubFactory(BuyerFactory, enterprise=factory.SelfAttribute("..enterprise"))
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    sequence = factory.Sequence(lambda n: n + 1)
    incoterm = factory.LazyFunction(lambda: incoterm("FCA"))
    named_place = "Juanda International Airport, Surabaya"
    transport = TransportMode.AIR
    currency = "USD"
    exchange_rate = Decimal("16250.0000")
    rate_date = factory.LazyFunction(timezone.localdate)
    rate_source = "Kurs pajak (KMK)"
    payment_terms = "100% T/T before shipment"
    port_of_loading = "Juanda (SUB), Surabaya"
    port_of_discharge = "Narita (NRT), Tokyo"
    estimated_shipment = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=21))

    @factory.post_generation
    def signed(obj: ExportOrder, create: bool, extracted: bool | None, **kwargs: Any) -> None:
        """Fill the enterprise's signatory and bank details where its export profile leaves them blank."""
        if not create or extracted is False:
            return
        profile, _ = ExportProfile.objects.get_or_create(enterprise=obj.enterprise)
        blank = {name: value for name, value in SIGNED.items() if not getattr(profile, name)}
        if blank:
            ExportProfile.objects.filter(pk=profile.pk).update(**blank)


class OrderLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrderLine

    order = factory.SubFactory(ExportOrderFactory)
    position = factory.Sequence(lambda n: n)
    description = "100% cotton, hand-drawn batik tulis, kain panjang 210 x 110 cm"
    hs_code = "5208.52"
    quantity = Decimal(10)
    unit_price = Decimal("85.00")
    net_weight = Decimal("3.000")


class PackageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Package

    order = factory.SubFactory(ExportOrderFactory)
    number = factory.Sequence(lambda n: n + 1)
    length_cm = 60
    width_cm = 40
    height_cm = 30
    gross_weight = Decimal("4.000")
    net_weight = Decimal("3.000")


def complete_order(**fields: Any) -> ExportOrder:
    """An order whose lines, packages and weights agree: 20 pieces of tulis and 30 shirts in two cartons."""
    order = ExportOrderFactory(**fields)
    cloth = OrderLineFactory(
        order=order, position=1, quantity=Decimal(20), unit_price=Decimal("85.00"), net_weight=Decimal("6.000")
    )
    shirts = OrderLineFactory(
        order=order,
        position=2,
        description="100% cotton, stamped batik cap, men's long-sleeved shirt",
        hs_code="6205.20",
        quantity=Decimal(30),
        unit_price=Decimal("32.50"),
        net_weight=Decimal("7.500"),
    )
    first = PackageFactory(order=order, number=1, gross_weight=Decimal("7.200"), net_weight=Decimal("6.000"))
    second = PackageFactory(order=order, number=2, gross_weight=Decimal("8.900"), net_weight=Decimal("7.500"))
    PackageItem.objects.create(package=first, line=cloth, quantity=Decimal(20))
    PackageItem.objects.create(package=second, line=shirts, quantity=Decimal(30))
    return order


class OriginRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OriginRule

    country = "JP"
    document = "IJEPA"
    agreement = "Indonesia-Japan Economic Partnership Agreement"
    kind = ProofKind.CERTIFICATE
    source = "test"
    valid_from = datetime.date(2008, 7, 1)


class MarketNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MarketNote

    country = "JP"
    topic = "azo"
    text = "Azo-amine limit 30 mg/kg"
    azo_limit = Decimal(30)
    source = "test"
    valid_from = datetime.date(2016, 4, 1)


class ExchangeRateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExchangeRate

    currency = "EUR"
    day = factory.LazyFunction(timezone.localdate)
    rupiah = Decimal("17500.0000")
    source = "test"
