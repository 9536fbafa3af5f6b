"""The export desk's checks: each fires on an order crafted to break its rule and stays quiet on a correct one."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from canting.catalogue.tests.factories import ProductFactory
from canting.certification.models import Comparator
from canting.certification.tests import factories as quality
from canting.registry.models import Technique
from canting.trade.checks import ERROR, WARNING, blocking, run_checks
from canting.trade.models import (
    ClothOrigin,
    ExportOrder,
    ExportProfile,
    OrderLine,
    OrderStatus,
    Package,
    PackageItem,
    TransportMode,
)
from canting.trade.tests.factories import BuyerFactory, ExchangeRateFactory, complete_order, incoterm

pytestmark = pytest.mark.django_db


def codes(order: ExportOrder) -> list[tuple[str, str]]:
    return [(f.code, f.level) for f in run_checks(order)]


def only(order: ExportOrder, code: str) -> list[Any]:
    return [f for f in run_checks(order) if f.code == code]


def test_a_complete_order_is_quiet(enterprise: Any) -> None:
    order = complete_order(enterprise=enterprise)

    assert run_checks(order) == []
    assert blocking([]) is False


# --- each check, crafted to fire (code, level) and a correction that silences it ----------------------------------


def fob_by_air(order: ExportOrder) -> None:
    ExportOrder.objects.filter(pk=order.pk).update(incoterm=incoterm("FOB"))


def fob_in_container(order: ExportOrder) -> None:
    ExportOrder.objects.filter(pk=order.pk).update(
        incoterm=incoterm("FOB"), transport=TransportMode.SEA, containerised=True
    )


def cif_uninsured(order: ExportOrder) -> None:
    ExportOrder.objects.filter(pk=order.pk).update(incoterm=incoterm("CIF"), transport=TransportMode.SEA)


def cip_underinsured(order: ExportOrder) -> None:
    ExportOrder.objects.filter(pk=order.pk).update(
        incoterm=incoterm("CIP"), insurance=Decimal("12.00"), insured_percent=Decimal(100), insurance_cover="ICC (A)"
    )


def tiruan_called_batik(order: ExportOrder) -> None:
    product = ProductFactory(enterprise=order.enterprise, technique=Technique.TIRUAN)
    OrderLine.objects.filter(order=order, position=1).update(product=product, description="Printed batik sarong")


def heavy_parcel(order: ExportOrder) -> None:
    ExportOrder.objects.filter(pk=order.pk).update(transport=TransportMode.POST)
    Package.objects.filter(order=order, number=2).update(gross_weight=Decimal("30.500"))


def short_packed(order: ExportOrder) -> None:
    PackageItem.objects.filter(package__order=order, line__position=1).update(quantity=Decimal(19))


def net_weights_disagree(order: ExportOrder) -> None:
    Package.objects.filter(order=order, number=1).update(net_weight=Decimal("5.500"))


def gross_below_net(order: ExportOrder) -> None:
    Package.objects.filter(order=order, number=1).update(gross_weight=Decimal("5.000"))


def no_packages(order: ExportOrder) -> None:
    Package.objects.filter(order=order).delete()


def unknown_hs(order: ExportOrder) -> None:
    OrderLine.objects.filter(order=order, position=2).update(hs_code="9999.99")


def no_port(order: ExportOrder) -> None:
    ExportOrder.objects.filter(pk=order.pk).update(port_of_discharge="")


def offer_expired(order: ExportOrder) -> None:
    ExportOrder.objects.filter(pk=order.pk).update(
        status=OrderStatus.QUOTATION, offer_valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )


@pytest.mark.parametrize(
    ("craft", "code", "level"),
    [
        (fob_by_air, "sea_only", ERROR),
        (fob_in_container, "sea_only", ERROR),
        (cif_uninsured, "insurance", ERROR),
        (cip_underinsured, "insurance", ERROR),
        (tiruan_called_batik, "tiruan_as_batik", ERROR),
        (heavy_parcel, "parcel_over_30kg", ERROR),
        (short_packed, "packing_mismatch", ERROR),
        (net_weights_disagree, "packing_mismatch", ERROR),
        (gross_below_net, "packing_mismatch", ERROR),
        (no_packages, "packing_mismatch", ERROR),
        (unknown_hs, "hs_unknown", WARNING),
        (no_port, "places_missing", WARNING),
        (offer_expired, "offer_expired", WARNING),
    ],
)
def test_each_check_fires_on_a_crafted_order(
    enterprise: Any, craft: Callable[[ExportOrder], None], code: str, level: str
) -> None:
    order = complete_order(enterprise=enterprise)
    craft(order)
    order.refresh_from_db()

    findings = only(order, code)

    assert [f.level for f in findings] == [level]
    assert findings[0].message and findings[0].fix and findings[0].url
    assert blocking(run_checks(order)) is (level == ERROR)


def test_fob_by_air_names_fca(enterprise: Any) -> None:
    order = complete_order(enterprise=enterprise, incoterm=incoterm("FOB"))

    (finding,) = run_checks(order)

    assert finding.code == "sea_only"
    assert "FOB is for sea transport only" in finding.message
    assert finding.fix == "Use FCA instead: it works for any transport and containers."


def test_cif_names_the_minimum_cover(enterprise: Any) -> None:
    order = complete_order(enterprise=enterprise, incoterm=incoterm("CIF"), transport=TransportMode.SEA)

    (finding,) = run_checks(order)

    assert "at least 110% of their value, with cover of at least ICC (C)" in finding.message


def test_insurance_at_110_percent_is_quiet(enterprise: Any) -> None:
    order = complete_order(
        enterprise=enterprise,
        incoterm=incoterm("CIP"),
        insurance=Decimal("15.00"),
        insured_percent=Decimal(110),
        insurance_cover="ICC (A)",
    )

    assert codes(order) == []


def test_parcel_of_exactly_30_kg_is_quiet(enterprise: Any) -> None:
    order = complete_order(enterprise=enterprise, transport=TransportMode.POST)
    Package.objects.filter(order=order, number=2).update(gross_weight=Decimal("30.000"))

    assert codes(order) == []


def test_heavy_parcel_message_has_the_figures(enterprise: Any) -> None:
    order = complete_order(enterprise=enterprise, transport=TransportMode.POST)
    Package.objects.filter(order=order, number=2).update(gross_weight=Decimal("31.250"))

    (finding,) = only(order, "parcel_over_30kg")

    assert finding.message.startswith("Package 2 weighs 31.25 kg gross: the postal route")
    assert "up to 30 kg (PMK 96/2023 as amended by PMK 4/2025)" in finding.message


def test_packing_messages_give_the_exact_numbers(enterprise: Any) -> None:
    order = complete_order(enterprise=enterprise)
    PackageItem.objects.filter(package__order=order, line__position=1).update(quantity=Decimal(19))
    Package.objects.filter(order=order, number=1).update(net_weight=Decimal("5.500"))

    messages = [f.message for f in only(order, "packing_mismatch")]

    assert messages == [
        "Line 1 sells 20 pcs but the packages hold 19: the packing list and the invoice would disagree.",
        "The lines weigh 13.5 kg net but the packages 13 kg net: the invoice and the packing list must state the "
        "same net weight.",
    ]


def test_an_empty_package_is_flagged(enterprise: Any) -> None:
    order = complete_order(enterprise=enterprise)
    Package.objects.create(order=order, number=3, length_cm=10, width_cm=10, height_cm=10, gross_weight=0, net_weight=0)

    assert [f.message for f in only(order, "packing_mismatch")] == [
        "Package 3 is empty: say what it holds or remove it."
    ]


def test_tiruan_described_as_imitation_is_quiet(enterprise: Any) -> None:
    order = complete_order(enterprise=enterprise)
    product = ProductFactory(enterprise=enterprise, technique=Technique.TIRUAN)
    OrderLine.objects.filter(order=order, position=1).update(
        product=product, description="100% cotton, printed fabric with batik motif (imitation)"
    )

    assert only(order, "tiruan_as_batik") == []


def _micro(order: ExportOrder, business_class: str) -> None:
    from canting.turnover.models import ClassRecord, ClassScheme

    ClassRecord.objects.create(
        enterprise=order.enterprise,
        scheme=ClassScheme.objects.get(code="pp-7-2021-sales"),
        business_class=business_class,
        assessed_on=datetime.date(2026, 1, 31),
    )


@pytest.mark.parametrize(
    ("business_class", "expected"),
    [("mikro", "This enterprise is a micro enterprise"), (None, "business class is not on record"), ("kecil", None)],
)
def test_ddp_for_a_micro_enterprise_warns(enterprise: Any, business_class: str | None, expected: str | None) -> None:
    order = complete_order(enterprise=enterprise, incoterm=incoterm("DDP"))
    if business_class:
        _micro(order, business_class)

    findings = only(order, "ddp_micro")

    if expected is None:
        assert findings == []
    else:
        assert [f.level for f in findings] == [WARNING]
        assert expected in findings[0].message
        assert findings[0].fix == "Offer DAP instead: the buyer clears import and pays the duties."


def _azo_test(product: Any) -> None:
    parameter = quality.ParameterFactory(
        name_en="Banned azo dyes (EN ISO 14362-1)", unit="mg/kg", comparator=Comparator.AT_MOST, limit=Decimal(30)
    )
    quality.TestResultFactory(
        report=quality.TestReportFactory(batch__product=product), parameter=parameter, value=Decimal(5)
    )


@pytest.mark.parametrize("tested", [False, True])
def test_azo_limit_of_japan_needs_a_passed_test(enterprise: Any, tested: bool) -> None:
    order = complete_order(enterprise=enterprise)  # to Japan: azo-amine limit 30 mg/kg (seeded market note)
    product = ProductFactory(enterprise=enterprise, technique=Technique.TULIS)
    OrderLine.objects.filter(order=order, position=1).update(product=product)
    if tested:
        _azo_test(product)

    findings = only(order, "azo_missing")

    if tested:
        assert findings == []
    else:
        assert [f.level for f in findings] == [WARNING]
        assert "Japan limits azo-amines in textiles to 30 mg/kg" in findings[0].message
        assert "line(s) 1 have no passed azo-amine test" in findings[0].message


# --- REX: the EU statement on origin above EUR 6,000 ----------------------------------------------------------------


GSP_DAY = datetime.date(2026, 6, 1)  # the EU GSP still holds for Indonesia (it ends on 31 December 2026)


def to_netherlands(enterprise: Any, **fields: Any) -> ExportOrder:
    """An order to the Netherlands worth EUR 7,700 (20 x 85 + 30 x 200) shipping while the GSP holds: silk shawls
    and cotton shirts made from cloth woven in Indonesia."""
    buyer = BuyerFactory(enterprise=enterprise, country="NL", address="Keizersgracht 1, Amsterdam")
    fields = {"currency": "EUR", "exchange_rate": Decimal("17500"), "estimated_shipment": GSP_DAY, **fields}
    order = complete_order(enterprise=enterprise, buyer=buyer, port_of_discharge="Schiphol (AMS)", **fields)
    OrderLine.objects.filter(order=order, position=1).update(hs_code="6214.10")
    OrderLine.objects.filter(order=order, position=2).update(unit_price=Decimal("200.00"))
    OrderLine.objects.filter(order=order).update(cloth_origin=ClothOrigin.WOVEN_ID)
    return order


def without_unconfirmed(order: ExportOrder) -> list[Any]:
    """The findings, less the reminder that the GSP product rules are still to be verified against the Annex."""
    return [f for f in run_checks(order) if f.code != "origin_unconfirmed"]


def test_eu_above_threshold_without_rex_is_an_error(enterprise: Any) -> None:
    order = to_netherlands(enterprise)

    (finding,) = without_unconfirmed(order)

    assert (finding.code, finding.level) == ("rex_needed", ERROR)
    assert "worth about EUR 7,700: above EUR 6,000" in finding.message
    assert finding.url == f"/trade/enterprises/{enterprise.pk}/profile/"


def test_eu_with_a_rex_number_is_quiet(enterprise: Any) -> None:
    ExportProfile.objects.create(enterprise=enterprise, rex_number="IDREX3578123456789")
    order = to_netherlands(enterprise)

    assert without_unconfirmed(order) == []


def test_eu_below_threshold_is_quiet(enterprise: Any) -> None:
    order = to_netherlands(enterprise)
    OrderLine.objects.filter(order=order, position=2).update(unit_price=Decimal("100.00"))  # EUR 4,700

    assert without_unconfirmed(order) == []


def test_usd_order_is_converted_through_the_rupiah(enterprise: Any) -> None:
    # USD 7,700 at Rp 16,250 = Rp 125,125,000; at Rp 17,500 per euro that is EUR 7,150: above the threshold.
    ExchangeRateFactory(currency="EUR", day=GSP_DAY, rupiah=Decimal("17500"))
    order = to_netherlands(enterprise, currency="USD", exchange_rate=Decimal("16250"))

    (finding,) = without_unconfirmed(order)

    assert "worth about EUR 7,150: above EUR 6,000" in finding.message


def test_usd_order_without_a_euro_rate_warns(enterprise: Any) -> None:
    from canting.trade.models import ExchangeRate

    ExchangeRate.objects.filter(currency="EUR").delete()
    order = to_netherlands(enterprise, currency="USD", exchange_rate=Decimal("16250"))

    (finding,) = without_unconfirmed(order)

    assert (finding.code, finding.level) == ("rex_needed", WARNING)
    assert "no EUR exchange rate is on record" in finding.message


def test_errors_come_before_warnings(enterprise: Any) -> None:
    order = complete_order(enterprise=enterprise, incoterm=incoterm("FOB"), port_of_discharge="")

    assert codes(order) == [("sea_only", ERROR), ("places_missing", WARNING)]


@pytest.mark.parametrize(
    ("language", "value", "text"),
    [("en", "7240", "7,240"), ("id", "7240", "7.240"), ("en", "16.125", "16.125"), ("id", "7.20", "7,2")],
)
def test_figures_in_messages_follow_the_readers_language(language: str, value: str, text: str) -> None:
    from django.utils import translation

    from canting.trade.checks import figure

    with translation.override(language):
        assert figure(Decimal(value)) == text
