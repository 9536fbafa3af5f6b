"""Proof of origin and market notes by destination and day, and exchange rates."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from canting.trade.models import CustomsRule, OriginRule, ProductRule
from canting.trade.origin import azo_limit_for, market_notes_for, origin_rules_for, preference_for
from canting.trade.rates import convert, rupiah_per
from canting.trade.tests.factories import ExchangeRateFactory

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2025, 6, 1)
EU = [
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT",
    "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
]  # fmt: skip
ASEAN = ["MY", "SG", "TH", "VN", "PH", "BN", "KH", "LA", "MM"]


def documents(country: str, on: datetime.date = TODAY) -> list[str]:
    return [rule.document for rule in origin_rules_for(country, on)]


@pytest.mark.parametrize(
    ("country", "expected"),
    [
        *[(c, ["Form D"]) for c in ASEAN],
        ("CN", ["Form E", "RCEP certificate of origin"]),
        ("KR", ["IK-CEPA certificate of origin", "Form AK", "RCEP certificate of origin"]),
        ("JP", ["IJEPA certificate of origin", "Form AJ", "RCEP certificate of origin"]),
        ("AU", ["IA-CEPA certificate of origin", "Form AANZ", "RCEP certificate of origin"]),
        ("NZ", ["Form AANZ", "RCEP certificate of origin"]),
        ("IN", ["Form AI"]),
        *[(c, ["Origin declaration (IE-CEPA)"]) for c in ("CH", "NO", "IS", "LI")],
        ("AE", ["IUAE-CEPA certificate of origin"]),
        *[(c, ["Statement on origin (REX)"]) for c in EU],
        ("US", ["No preferential certificate: no trade agreement"]),
        ("SA", ["Form B"]),
        ("JO", ["Form B"]),
    ],
)
def test_proof_of_origin_for_every_destination(country: str, expected: list[str]) -> None:
    assert documents(country) == expected


def test_every_eu_member_has_the_rex_rule_with_6000_euro() -> None:
    rules = OriginRule.objects.filter(document="Statement on origin (REX)")
    assert sorted(str(r.country) for r in rules) == sorted(EU)
    assert {(r.kind, r.registration_above, r.threshold_currency, r.agreement) for r in rules} == {
        ("declaration", Decimal("6000.00"), "EUR", "EU GSP")
    }
    assert rules.first().statement.startswith("The exporter {exporter} of the products covered by this document")


def test_us_rule_is_no_preferential_proof() -> None:
    (rule,) = origin_rules_for("US", TODAY)
    assert rule.kind == "none"


def test_a_rule_not_yet_in_force_is_not_suggested() -> None:
    assert documents("KR", D(2022, 12, 31)) == ["Form AK"]
    assert documents("KR", D(2023, 1, 1)) == ["IK-CEPA certificate of origin", "Form AK"]
    assert documents("KR", D(2023, 1, 2))[-1] == "RCEP certificate of origin"
    assert documents("AE", D(2023, 8, 31)) == ["Form B"]
    assert documents("CH", D(2021, 10, 31)) == ["Form B"]


def test_us_parcels_before_and_after_the_suspension() -> None:
    def parcel(on: datetime.date) -> list[tuple[Decimal | None, str]]:
        return [(n.parcel_threshold, n.parcel_currency) for n in market_notes_for("US", on) if n.topic == "parcel"]

    assert parcel(D(2025, 8, 28)) == [(Decimal("800.00"), "USD")]
    assert parcel(D(2025, 8, 29)) == [(Decimal("0.00"), "USD")]


def test_eu_parcels_before_and_after_july_2026() -> None:
    def parcel(on: datetime.date) -> list[Decimal | None]:
        return [n.parcel_threshold for n in market_notes_for("NL", on) if n.topic == "parcel"]

    assert parcel(D(2026, 6, 30)) == [Decimal("150.00")]
    assert parcel(D(2026, 7, 1)) == [Decimal("0.00")]
    (later,) = [n for n in market_notes_for("DE", D(2026, 7, 1)) if n.topic == "parcel"]
    assert later.text_en == (
        "Duty relief for small parcels ends: a flat duty of EUR 3 per item category applies to every parcel."
    )


def test_market_notes_by_topic() -> None:
    assert [n.topic for n in market_notes_for("JP", TODAY)] == ["azo", "labelling", "parcel"]
    assert [n.topic for n in market_notes_for("AU", TODAY)] == ["labelling", "parcel"]
    malaysia = market_notes_for("MY", TODAY)
    assert [(n.parcel_threshold, n.parcel_currency) for n in malaysia] == [(Decimal("500.00"), "MYR")]
    assert market_notes_for("MY", D(2023, 12, 31)) == []


def test_azo_limit() -> None:
    assert azo_limit_for("FR", TODAY) == Decimal("30.00")
    assert azo_limit_for("JP", TODAY) == Decimal("30.00")
    assert azo_limit_for("US", TODAY) is None


def test_rupiah_per_takes_the_latest_rate_on_or_before_the_day() -> None:
    ExchangeRateFactory(currency="USD", day=D(2025, 5, 1), rupiah=Decimal("16400"))
    ExchangeRateFactory(currency="USD", day=D(2025, 5, 8), rupiah=Decimal("16500"))
    assert rupiah_per("USD", D(2025, 5, 7)) == Decimal("16400.0000")
    assert rupiah_per("usd", D(2025, 5, 8)) == Decimal("16500.0000")
    assert rupiah_per("USD", D(2025, 4, 30)) is None
    assert rupiah_per("IDR", D(2025, 4, 30)) == Decimal(1)


def test_convert_through_the_rupiah() -> None:
    ExchangeRateFactory(currency="USD", day=D(2025, 5, 1), rupiah=Decimal("16000"))
    ExchangeRateFactory(currency="EUR", day=D(2025, 5, 1), rupiah=Decimal("17500"))
    ExchangeRateFactory(currency="JPY", day=D(2025, 5, 1), rupiah=Decimal("110.5"))
    on = D(2025, 5, 2)
    assert convert(Decimal("7000"), "USD", "EUR", on) == Decimal("6400.00")
    assert convert(Decimal("100"), "USD", "JPY", on) == Decimal("14480")
    assert convert(Decimal("100"), "USD", "IDR", on) == Decimal("1600000")
    assert convert(Decimal("7000"), "USD", "EUR", on, rupiah_rate=Decimal("17500")) == Decimal("7000.00")
    assert convert(Decimal("10"), "GBP", "EUR", on) is None
    assert convert(Decimal("10.005"), "EUR", "EUR", on) == Decimal("10.01")


# --- the EU preference follows the calendar; other rows cite their source ----------------------------------------


def test_eu_gsp_ends_on_31_december_2026_and_the_cepa_waits_for_confirmation() -> None:
    # Indonesia leaves the EU GSP on 1 January 2027 (delegated act under Art. 4(1)(a) of Reg. 978/2012).
    gsp = OriginRule.objects.filter(scheme="EU-GSP")
    cepa = OriginRule.objects.filter(scheme="IEU-CEPA")
    assert {(r.valid_until, r.confirmed) for r in gsp} == {(D(2026, 12, 31), True)}
    assert "Art. 4(1)(a)" in gsp.first().source
    assert {(r.valid_from, r.valid_until, r.confirmed) for r in cepa} == {(D(2027, 1, 1), None, False)}
    assert sorted(str(r.country) for r in cepa) == sorted(EU)
    assert documents("DE", D(2026, 12, 31)) == ["Statement on origin (REX)"]
    assert documents("DE", D(2027, 1, 1)) == ["Statement on origin (IEU-CEPA)"]


@pytest.mark.parametrize("day", [D(2027, 1, 1), D(2030, 6, 1)])
def test_an_unconfirmed_rule_never_grants_a_preference(day: datetime.date) -> None:
    (rule,) = origin_rules_for("FR", day)
    preference = preference_for(rule, day, [])
    assert not preference.granted
    assert "no preference applies and the goods pay the normal (MFN) duty" in preference.reason


def test_the_gsp_rule_after_its_end_grants_nothing() -> None:
    rule = OriginRule.objects.get(scheme="EU-GSP", country="NL")
    preference = preference_for(rule, D(2027, 1, 1), [])
    assert not preference.granted
    assert preference.reason.startswith("EU GSP does not hold on the shipment day 2027-01-01")


def test_gsp_product_rules_give_w_and_stay_unconfirmed() -> None:
    # Reg. 2015/2447 Annex 22-03: garments by weaving plus making-up; shawls (6213/6214) also by printing. The exact
    # wording is to be verified against the Annex, so no row claims to be confirmed.
    rules = {r.heading: r for r in ProductRule.objects.filter(scheme="EU-GSP")}
    assert sorted(rules) == ["62", "6213", "6214"]
    assert {(r.criterion, r.confirmed, r.valid_until) for r in rules.values()} == {("W", False, D(2026, 12, 31))}
    assert all("Annex 22-03" in r.source and "to verify against the Annex" in r.rule for r in rules.values())
    assert all(r.originating_cloth == ["woven_id"] for r in rules.values())


def test_us_row_starts_when_the_us_gsp_lapsed() -> None:
    rule = OriginRule.objects.get(country="US")
    assert rule.valid_from == D(2021, 1, 1)
    assert "31 December 2020" in rule.source
    assert documents("US", D(2020, 12, 31)) == ["Form B"]


def test_peb_rule_cites_its_regulation() -> None:
    rule = CustomsRule.objects.get(limit="peb_days_ahead")
    assert rule.source.startswith("PMK 155/PMK.04/2022")
