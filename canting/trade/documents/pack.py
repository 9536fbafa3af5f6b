"""The document pack of an export order: everything the proforma invoice, the commercial invoice and the packing
list print, computed once from the order so that the three agree by construction.

Amounts are rounded per line to the currency's minor units and the totals are sums of what is printed, so a reader
adding up the invoice gets the invoice's total. The pack is built in the active language; the documents build it
in English.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from canting.trade import checks
from canting.trade.models import (
    CustomsLimit,
    ExportOrder,
    ExportProfile,
    HsCode,
    OrderLine,
    OriginRule,
    Package,
    PackageItem,
    ProofKind,
    TransportMode,
    Unit,
)
from canting.trade.money import round_money
from canting.trade.origin import Preference
from canting.trade.words import amount_in_words

ORIGIN_COUNTRY = "Indonesia"
VOLUME = Decimal("0.001")  # cubic metres, as the packing list prints them


@dataclass(frozen=True)
class Party:
    """The exporter or the buyer as the documents name them."""

    name: str
    address: str
    country: str
    ids: list[tuple[str, str]] = field(default_factory=list)  # (label, value), e.g. ("NIB", "9100000000001")
    contact: str = ""


@dataclass(frozen=True)
class PackLine:
    position: int
    description: str
    hs_code: str
    quantity: Decimal
    unit: str
    unit_label: str
    unit_price: Decimal
    amount: Decimal  # rounded to the currency's minor units
    net_weight: Decimal
    packages: str  # the package numbers that hold it, e.g. "1-2"
    national_code: str = ""  # the 8-digit BTKI 2022 line the PEB needs, when the HS table knows it
    national_confirmed: bool = False


@dataclass(frozen=True)
class PackContent:
    position: int
    description: str
    quantity: Decimal
    unit: str


@dataclass(frozen=True)
class PackPackage:
    number: int
    kind: str
    contents: list[PackContent]
    length_cm: int
    width_cm: int
    height_cm: int
    gross_weight: Decimal
    net_weight: Decimal
    volume_m3: Decimal

    @property
    def dimensions(self) -> str:
        return f"{self.length_cm} x {self.width_cm} x {self.height_cm} cm"


@dataclass(frozen=True)
class Totals:
    goods: Decimal
    freight: Decimal
    insurance: Decimal
    invoice: Decimal  # goods + freight + insurance
    quantities: list[tuple[str, Decimal]]  # (unit, quantity), e.g. ("pcs", 50)
    packages: int
    gross_weight: Decimal
    net_weight: Decimal
    volume_m3: Decimal


@dataclass(frozen=True)
class ChecklistItem:
    """Another document the route needs, and who issues it."""

    document: str
    issued_by: str
    note: str = ""


@dataclass(frozen=True)
class Pack:
    order: ExportOrder
    numbers: dict[str, str]  # "PI", "CI", "PL" -> the document's number
    order_number: str
    buyer_reference: str
    invoice_date: datetime.date
    estimated_shipment: datetime.date | None
    offer_valid_until: datetime.date | None
    exporter: Party
    buyer: Party
    signatory: str
    signatory_title: str
    origin: str
    destination: str
    transport: str
    port_of_loading: str
    port_of_discharge: str
    carrier: str
    incoterm: str  # "FCA Juanda International Airport, Surabaya, Incoterms 2020"
    currency: str
    payment_terms: str
    marks: str
    lines: list[PackLine]
    packages: list[PackPackage]
    totals: Totals
    total_in_words: str
    origin_line: str  # how origin is proven
    rex_statement: str  # the statement on origin printed on the invoice, or ""
    insurance: str  # "110% of the invoice value, ICC (A)" or ""
    bank_details: str  # where the buyer pays, from the export profile, or ""
    checklist: list[ChecklistItem]


def _ranges(numbers: list[int]) -> str:
    """Package numbers as the documents print them: 1-3, 5."""
    parts: list[str] = []
    for n in sorted(set(numbers)):
        if parts and parts[-1].split("-")[-1] == str(n - 1):
            parts[-1] = f"{parts[-1].split('-')[0]}-{n}"
        else:
            parts.append(str(n))
    return ", ".join(parts)


def _exporter(order: ExportOrder, profile: ExportProfile | None) -> Party:
    enterprise = order.enterprise
    ids = [(label, value) for label, value in (("NIB", enterprise.nib or ""), ("NPWP", enterprise.npwp)) if value]
    if profile and profile.rex_number:
        ids.append(("REX", profile.rex_number))
    contact = ", ".join(v for v in (enterprise.contact_email, enterprise.contact_phone) if v)
    return Party(
        name=enterprise.name,
        address=f"{enterprise.address}, {enterprise.village.path}",
        country=ORIGIN_COUNTRY,
        ids=ids,
        contact=contact,
    )


def _buyer(order: ExportOrder) -> Party:
    buyer = order.buyer
    ids = [(_("Tax or importer number"), buyer.tax_number)] if buyer.tax_number else []
    return Party(
        name=buyer.company or buyer.name,
        address=buyer.address,
        country=str(countries.name(str(buyer.country))),
        ids=ids,
        contact=", ".join(v for v in (buyer.name if buyer.company else "", buyer.email, buyer.phone) if v),
    )


def rex_statement(
    order: ExportOrder, rule: OriginRule | None, profile: ExportProfile | None, preference: Preference | None = None
) -> str:
    """The statement on origin the rule prints on the invoice, with the exporter's REX number in place of
    ``{exporter}`` (left out without a number, allowed under the threshold) and the criterion of each originating
    line in place of ``{criteria}``; the lines that do not originate are named as excepted. No statement when the
    order may claim no preference."""
    preference = preference if preference is not None else checks.preference_of(order, rule)
    if rule is None or not rule.statement or not preference.granted:
        return ""
    number = profile.rex_number if profile else ""
    text = rule.statement.replace("{exporter}", number)
    if "{criteria}" in text:
        criteria = "; ".join(
            _("%(criterion)s (line %(position)s)") % {"criterion": line.criterion, "position": line.position}
            for line in preference.originating
        )
        text = text.replace("{criteria}", criteria)
        if preference.not_originating:
            text += " " + _("Not of preferential origin: line(s) %(lines)s.") % {
                "lines": ", ".join(str(line.position) for line in preference.not_originating)
            }
    return " ".join(text.split())


def _origin_line(rule: OriginRule | None, preference: Preference) -> str:
    if rule is None:
        return _("Country of origin: Indonesia.")
    if rule.kind != ProofKind.NONE and not preference.granted:
        return _("Country of origin: Indonesia. No preferential origin is claimed.")
    params = {"document": rule.document, "agreement": rule.agreement or "-"}
    if rule.kind == ProofKind.CERTIFICATE:
        return _("Country of origin: Indonesia. Proof of origin: %(document)s under %(agreement)s.") % params
    if rule.kind == ProofKind.DECLARATION:
        return (
            _(
                "Country of origin: Indonesia. Proof of origin: %(document)s under %(agreement)s, made out by the "
                "exporter."
            )
            % params
        )
    return _("Country of origin: Indonesia. No preferential proof of origin (%(document)s).") % params


def checklist(
    order: ExportOrder, rule: OriginRule | None, packages: list[PackPackage], preference: Preference | None = None
) -> list[ChecklistItem]:
    """The other documents the route needs, with who issues each."""
    preference = preference if preference is not None else checks.preference_of(order, rule)
    day = checks.shipment_day(order)
    items: list[ChecklistItem] = []
    postal = checks.customs_limit(CustomsLimit.POSTAL_MAX_KG, day)
    ahead = checks.customs_limit(CustomsLimit.PEB_DAYS_AHEAD, day)
    by_post = order.transport == TransportMode.POST
    if by_post and postal is not None and all(p.gross_weight <= postal.value for p in packages):
        items.append(
            ChecklistItem(
                _("CN (consignment note), the export declaration of a postal parcel"),
                _("The postal operator or courier"),
                _("For parcels up to %(kg)s kg (%(source)s); a PEB may be filed instead.")
                % {"kg": checks.figure(postal.value), "source": postal.source},
            )
        )
    else:
        note = _(
            "Filed with the invoice and packing list before the goods enter the port area; customs answers with "
            "the NPE (export release)."
        )
        if ahead is not None:
            note = (
                _("Filed at most %(days)s days before shipment (%(source)s)")
                % {"days": checks.figure(ahead.value), "source": ahead.source}
                + "; "
                + note[0].lower()
                + note[1:]
            )
        items.append(
            ChecklistItem(_("PEB (export declaration)"), _("The exporter or a customs broker (PPJK), in CEISA"), note)
        )
    if rule is None:
        items.append(ChecklistItem(_("Certificate of origin"), _("Choose the proof of origin on the order"), ""))
    elif rule.kind != ProofKind.NONE and not preference.granted:
        items.append(ChecklistItem(rule.document, _("Not needed: no preference is claimed"), preference.reason))
    elif rule.kind == ProofKind.CERTIFICATE:
        items.append(
            ChecklistItem(
                rule.document,
                rule.issued_by or _("The issuing office (IPSKA), through e-SKA"),
                _("Certificate of origin (SKA) under %(agreement)s, applied for through e-SKA.")
                % {"agreement": rule.agreement or "-"},
            )
        )
    elif rule.kind == ProofKind.DECLARATION:
        items.append(
            ChecklistItem(
                rule.document,
                rule.issued_by or _("The exporter"),
                _("Printed on the commercial invoice.") if rule.statement else "",
            )
        )
    transport = {
        TransportMode.SEA: (_("Bill of lading"), _("The shipping line or its agent"), _("A document of title.")),
        TransportMode.AIR: (
            _("Air waybill"),
            _("The airline or its agent"),
            _("Not a document of title: the goods go to the consignee named on it."),
        ),
        TransportMode.POST: (_("CN23 customs declaration and postal receipt"), _("The postal operator or courier"), ""),
        TransportMode.ROAD: (_("Road consignment note"), _("The road carrier"), ""),
    }[TransportMode(order.transport)]
    items.append(ChecklistItem(*transport))
    if order.incoterm.seller_insures:
        items.append(
            ChecklistItem(
                _("Insurance certificate"),
                _("The insurer"),
                _("At least %(percent)s%% of the value, cover %(cover)s or better.")
                % {
                    "percent": checks.figure(order.incoterm.min_insured_percent or Decimal(0)),
                    "cover": order.incoterm.insurance_cover,
                },
            )
        )
    return items


def line_amount(line: OrderLine, currency: str) -> Decimal:
    """A line's amount as every page and document shows it: rounded to the currency's minor units."""
    return round_money(line.quantity * line.unit_price, currency)


def national_codes(order: ExportOrder, codes: Sequence[str]) -> dict[str, tuple[str, bool]]:
    """HS code of a line -> (8-digit national line, whether a source confirmed it), from the HS table holding on the
    shipment day. A line already written in 8 digits keeps its own code."""
    rows = HsCode.objects.holding_on(checks.shipment_day(order)).exclude(national_code="")
    table = {row.code: (row.national_code, row.national_confirmed) for row in rows}
    by_national = {national: (national, confirmed) for national, confirmed in table.values()}
    found: dict[str, tuple[str, bool]] = {}
    for code in codes:
        if code.count(".") == 2:
            found[code] = by_national.get(code, (code, False))
        elif code in table:
            found[code] = table[code]
    return found


def order_totals(order: ExportOrder, lines: Sequence[OrderLine], packages: Sequence[Package]) -> Totals:
    """The order's totals as the documents print them: sums of the rounded line amounts, freight and insurance
    rounded, weights and volume from the packages. The order page shows these same figures."""
    currency = order.currency
    goods = sum((line_amount(line, currency) for line in lines), Decimal(0))
    freight = round_money(order.freight, currency)
    insurance = round_money(order.insurance, currency)
    quantities: dict[str, Decimal] = defaultdict(Decimal)
    for line in lines:
        quantities[line.unit] += line.quantity
    return Totals(
        goods=goods,
        freight=freight,
        insurance=insurance,
        invoice=goods + freight + insurance,
        quantities=sorted(quantities.items()),
        packages=len(packages),
        gross_weight=sum((p.gross_weight for p in packages), Decimal(0)),
        net_weight=sum((p.net_weight for p in packages), Decimal(0)),
        volume_m3=sum((p.volume_m3.quantize(VOLUME) for p in packages), Decimal(0)),
    )


def build_pack(order: ExportOrder) -> Pack:
    """The pack of the order as it stands."""
    order = (
        ExportOrder.objects.select_related(
            "enterprise__village__parent__parent__parent", "buyer", "incoterm", "origin_rule"
        )
        .prefetch_related(
            "lines",
            Prefetch("packages", queryset=Package.objects.order_by("number")),
            Prefetch("packages__items", queryset=PackageItem.objects.select_related("line")),
        )
        .get(pk=order.pk)
    )
    currency = order.currency
    profile = ExportProfile.objects.filter(enterprise_id=order.enterprise_id).first()
    rule = checks.origin_rule_of(order)
    preference = checks.preference_of(order, rule)

    lines_in: dict[int, list[int]] = defaultdict(list)
    packages: list[PackPackage] = []
    for package in order.packages.all():
        contents = [
            PackContent(item.line.position, item.line.description, item.quantity, item.line.unit)
            for item in sorted(package.items.all(), key=lambda i: (i.line.position, i.line_id))
        ]
        for item in package.items.all():
            lines_in[item.line_id].append(package.number)
        packages.append(
            PackPackage(
                number=package.number,
                kind=package.get_kind_display(),
                contents=contents,
                length_cm=package.length_cm,
                width_cm=package.width_cm,
                height_cm=package.height_cm,
                gross_weight=package.gross_weight,
                net_weight=package.net_weight,
                volume_m3=package.volume_m3.quantize(VOLUME),
            )
        )

    order_lines = sorted(order.lines.all(), key=lambda ln: (ln.position, ln.id))
    national = national_codes(order, [line.hs_code for line in order_lines])
    lines = [
        PackLine(
            position=line.position,
            description=line.description,
            hs_code=line.hs_code,
            quantity=line.quantity,
            unit=line.unit,
            unit_label=str(Unit(line.unit).label),
            unit_price=line.unit_price,
            amount=line_amount(line, currency),
            net_weight=line.net_weight,
            packages=_ranges(lines_in.get(line.id, [])),
            national_code=national.get(line.hs_code, ("", False))[0],
            national_confirmed=national.get(line.hs_code, ("", False))[1],
        )
        for line in order_lines
    ]
    totals = order_totals(order, order_lines, list(order.packages.all()))
    incoterm = order.incoterm
    insured = ""
    if incoterm.seller_insures and order.insured_percent:
        insured = _("%(percent)s%% of the invoice value, %(cover)s") % {
            "percent": checks.figure(order.insured_percent),
            "cover": order.insurance_cover or incoterm.insurance_cover,
        }
    return Pack(
        order=order,
        numbers={prefix: order.document_number(prefix) for prefix in ("PI", "CI", "PL")},
        order_number=order.number,
        buyer_reference=order.buyer_reference,
        invoice_date=order.invoice_date or timezone.localdate(),
        estimated_shipment=order.estimated_shipment,
        offer_valid_until=order.offer_valid_until,
        exporter=_exporter(order, profile),
        buyer=_buyer(order),
        signatory=profile.signatory if profile else "",
        signatory_title=profile.signatory_title if profile else "",
        origin=ORIGIN_COUNTRY,
        destination=str(countries.name(str(order.buyer.country))),
        transport=str(TransportMode(order.transport).label),
        port_of_loading=order.port_of_loading,
        port_of_discharge=order.port_of_discharge,
        carrier=order.carrier,
        incoterm=f"{incoterm.code} {order.named_place}, {incoterm.edition}",
        currency=currency,
        payment_terms=order.payment_terms,
        marks=order.marks,
        lines=lines,
        packages=packages,
        totals=totals,
        total_in_words=amount_in_words(totals.invoice, currency),
        origin_line=_origin_line(rule, preference),
        rex_statement=rex_statement(order, rule, profile, preference),
        insurance=insured,
        bank_details=profile.bank_details if profile else "",
        checklist=checklist(order, rule, packages, preference),
    )
