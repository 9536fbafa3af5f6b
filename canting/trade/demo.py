"""Demo export desk: the first demo enterprise sells abroad, the second has just begun.

- Exchange rates for the last thirteen months (USD, EUR, JPY, AUD, MYR), on the first of each month.
- The first enterprise has its export profile (customs access on its NIB, no REX number yet), its published batik
  pieces have confirmed HS codes and export prices, and it has five buyers: Japan, Australia, the Netherlands, the
  USA and Malaysia. Its orders show each state and what the desk checks:
  - Japan, a quotation by air under FOB: the desk says FOB is for sea transport and suggests FCA;
  - Australia, shipped last month under CIP with its insurance: the complete document pack, and last month's
    export figure on the turnover form;
  - the Netherlands, confirmed, by sea under CIF above EUR 6,000 with no REX number: flagged;
  - the USA, shipped by courier three months ago and paid; a second US order was cancelled;
  - Malaysia, an inquiry still without packages.
- The second enterprise has one Malaysian buyer and an order shipped two months ago.

Orders go through the desk's services as an artisan would file them, so the numbers, descriptions, HS codes, proofs
of origin and the audit trail are the desk's own.
"""

from __future__ import annotations

import datetime
import random
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import timezone

from canting.catalogue.models import Product, ProductStatus
from canting.certification.models import TestReport
from canting.core.dates import add_months
from canting.core.models import User
from canting.registry.models import Enterprise, Technique
from canting.trade.hs import suggest_hs
from canting.trade.models import Buyer, ExchangeRate, ExportOrder, Incoterm, OrderStatus, PackageKind
from canting.trade.services import buyers, orders, products, profile

SOURCE = "Kurs pajak (KMK), rounded demo figures"
# Rupiah per unit at the start of the demo year, and the largest monthly move either way (in per cent).
RATES = {
    "USD": Decimal(16250),
    "EUR": Decimal(17900),
    "JPY": Decimal("108.5"),
    "AUD": Decimal(10650),
    "MYR": Decimal(3680),
}
DRIFT = Decimal("1.5")
AZO_REPORT = "TX-2024-0412"  # the certification demo's export-ready azo-amine test

# key -> (contact, company, country, address, e-mail, phone, tax or importer number, notes)
BUYERS = {
    "jp": ("Haruka Sato", "Kyoto Textile Select", "JP", "4-12 Karasuma-dori, Shimogyo-ku, Kyoto 600-8411",
           "h.sato@example.jp", "+81 75 555 0142", "", "Met at the Sunrise Mall exhibition; wants natural dyes."),
    "au": ("Olivia Bennett", "Bennett & Co Homewares", "AU", "88 Smith Street, Fitzroy VIC 3065, Melbourne",
           "olivia@example.com.au", "", "ABN 51 824 753 556", "Wall hangings and table runners for two shops."),
    "nl": ("Sanne Bakker", "Wereldstof B.V.", "NL", "Prinsengracht 412, 1016 JA Amsterdam",
           "sanne@example.nl", "+31 20 555 0198", "EORI NL812345678", "Fair-trade textile importer."),
    "us": ("Maya Thompson", "Indigo Loom Studio LLC", "US", "1220 SE Hawthorne Blvd, Portland, OR 97214",
           "maya@example.com", "", "EIN 93-4567812", "Online shop; small parcels by courier."),
    "my": ("Nurul Aisyah binti Rahman", "Butik Warisan Sdn Bhd", "MY", "Jalan Tun Perak 21, 50050 Kuala Lumpur",
           "nurul@example.com.my", "+60 3 5555 0170", "SST W10-1808-32000123", "Asked for batik tulis for Raya."),
}  # fmt: skip
SECOND_BUYER = ("Tan Mei Ling", "Kedai Batik Melaka", "MY", "Jalan Hang Jebat 8, 75200 Melaka",
                "meiling@example.com.my", "", "", "Repeat buyer of batik cap shirts.")  # fmt: skip


def load(rng: random.Random, *, staff: User) -> None:
    today = timezone.localdate()
    _rates(rng, today)
    first = User.objects.get(username="perajin")
    second = User.objects.get(username="perajin2")
    enterprise = Enterprise.objects.get(logins=first)
    _profile(first, enterprise, today)
    pieces = _export_facts(first, enterprise)
    made = {key: _buyer(first, enterprise, row) for key, row in BUYERS.items()}
    _first_orders(first, enterprise, made, pieces, today)
    _second_enterprise(second, Enterprise.objects.get(logins=second), today)


def _rates(rng: random.Random, today: datetime.date) -> None:
    start = add_months(today.replace(day=1), -12)
    for currency, base in RATES.items():
        rate = base
        for n in range(13):
            move = Decimal(rng.uniform(-float(DRIFT), float(DRIFT))) / 100
            rate = (rate * (1 + move)).quantize(Decimal("0.01") if rate < 1000 else Decimal(1))
            ExchangeRate.objects.create(currency=currency, day=add_months(start, n), rupiah=rate, source=SOURCE)


def _rate(currency: str, day: datetime.date) -> ExchangeRate:
    found = ExchangeRate.objects.filter(currency=currency, day__lte=day).order_by("-day").first()
    assert found is not None
    return found


def _profile(owner: User, enterprise: Enterprise, today: datetime.date) -> None:
    person = enterprise.memberships.filter(role="owner").select_related("person").first()
    profile.save_profile(
        actor=owner,
        enterprise=enterprise,
        data={
            "customs_access": True,
            "customs_access_on": datetime.date(today.year - 2, 3, 4),
            "signatory": person.person.full_name if person else enterprise.name,
            "signatory_title": "Owner",
            "bank_details": "Bank Jatim, KCP Mojokerto\nAccount 0123456789\nSWIFT PDJTIDJ1",
            "port_of_loading": "Tanjung Perak, Surabaya",
        },
    )


def _export_facts(owner: User, enterprise: Enterprise) -> list[Product]:
    """Confirm the suggested HS code and set a dollar price for each published batik piece whose code needs no more
    facts; return those pieces, the azo-tested one first."""
    published = Product.objects.filter(enterprise=enterprise, status=ProductStatus.PUBLISHED).exclude(
        technique=Technique.TIRUAN
    )
    tested = TestReport.objects.filter(number=AZO_REPORT, enterprise=enterprise).values_list("product", flat=True)
    ready = []
    for product in sorted(published.order_by("pk"), key=lambda p: p.pk not in set(tested)):
        suggestion = suggest_hs(product)
        if suggestion is None or not suggestion.confirmed or suggestion.missing:
            continue
        price = (product.price / RATES["USD"] * Decimal("1.6")).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        products.save_product_export(
            actor=owner, product=product, data={"hs_code": suggestion.code, "price": price, "currency": "USD"}
        )
        ready.append(product)
    return ready


def _buyer(owner: User, enterprise: Enterprise, row: tuple[str, ...]) -> Buyer:
    name, company, country, address, email, phone, tax, notes = row
    return buyers.create_buyer(
        actor=owner,
        enterprise=enterprise,
        data={
            "name": name,
            "company": company,
            "country": country,
            "address": address,
            "email": email,
            "phone": phone,
            "tax_number": tax,
            "notes": notes,
        },
    )


def _order(
    owner: User,
    enterprise: Enterprise,
    buyer: Buyer,
    *,
    day: datetime.date,
    terms: dict[str, Any],
    lines: list[tuple[Product, Decimal, Decimal, Decimal, Any]],
    cartons: list[tuple[tuple[int, int, int], dict[int, Decimal]]],
) -> ExportOrder:
    """An order opened on ``day`` with ``lines`` (product, quantity, unit price, net kg per piece, batch) packed in
    ``cartons`` ((length, width, height), line index -> quantity); each carton weighs 0.8 kg empty."""
    currency = terms.get("currency", "USD")
    rate = _rate(currency, day)
    data = {
        "buyer": buyer,
        "rate_date": rate.day,
        "exchange_rate": rate.rupiah,
        "rate_source": rate.source,
        "port_of_loading": "Tanjung Perak, Surabaya",
        "payment_terms": "50% T/T with order, 50% T/T before shipment",
        "offer_valid_until": day + datetime.timedelta(days=30),
        "estimated_shipment": day + datetime.timedelta(days=28),
        **terms,
    }
    order = orders.create_order(actor=owner, enterprise=enterprise, data=data)
    made = orders.set_lines(
        actor=owner,
        order=order,
        lines=[
            {"product": product, "batch": batch, "quantity": qty, "unit": "pcs", "unit_price": price,
             "net_weight": qty * kg, "cloth_origin": "woven_id"}
            for product, qty, price, kg, batch in lines
        ],
    )  # fmt: skip
    if cartons:
        per_piece = {line.pk: lines[n][3] for n, line in enumerate(made)}
        packages = []
        for number, (size, contents) in enumerate(cartons, start=1):
            contents_by_line = {made[n].pk: qty for n, qty in contents.items()}
            net = sum((per_piece[pk] * qty for pk, qty in contents_by_line.items()), Decimal(0))
            packages.append(
                {
                    "number": number,
                    "kind": PackageKind.CARTON,
                    "length_cm": size[0],
                    "width_cm": size[1],
                    "height_cm": size[2],
                    "net_weight": net,
                    "gross_weight": net + Decimal("0.8"),
                    "contents": contents_by_line,
                }
            )
        orders.set_packages(actor=owner, order=order, packages=packages)
    return order


def _move(owner: User, order: ExportOrder, steps: list[tuple[str, datetime.date]]) -> None:
    for status, day in steps:
        order = orders.change_status(actor=owner, order=order, status=status, on=day)


def _first_orders(
    owner: User, enterprise: Enterprise, made: dict[str, Buyer], pieces: list[Product], today: datetime.date
) -> None:
    incoterm = {code: Incoterm.objects.get(code=code) for code in ("FOB", "CIP", "CIF", "DAP", "FCA")}
    report = TestReport.objects.filter(number=AZO_REPORT, enterprise=enterprise).first()
    batch = report.batch if report else None
    main, *others = pieces
    second = others[0] if others else main
    third = others[1] if len(others) > 1 else second
    kg = Decimal("0.30")

    # Japan: a quotation by air under FOB, which the desk flags (FOB is for sea transport; FCA fits air).
    japan = _order(
        owner, enterprise, made["jp"], day=today - datetime.timedelta(days=6),
        terms={"incoterm": incoterm["FOB"], "named_place": "Juanda International Airport, Surabaya",
               "transport": "air", "currency": "JPY", "port_of_loading": "Juanda (SUB), Surabaya",
               "port_of_discharge": "Kansai (KIX), Osaka", "buyer_reference": "KTS-PO-0917"},
        lines=[(main, Decimal(12), Decimal(18500), kg, batch), (second, Decimal(8), Decimal(14200), kg, None)],
        cartons=[((60, 40, 25), {0: Decimal(12)}), ((50, 40, 20), {1: Decimal(8)})],
    )  # fmt: skip
    _move(owner, japan, [(OrderStatus.QUOTATION, today - datetime.timedelta(days=5))])

    # Australia: shipped last month under CIP with 110% insurance, ICC (A): the complete pack.
    shipped = add_months(today.replace(day=1), -1) + datetime.timedelta(days=17)
    australia = _order(
        owner, enterprise, made["au"], day=shipped - datetime.timedelta(days=30),
        terms={"incoterm": incoterm["CIP"], "named_place": "Melbourne Airport (MEL)", "transport": "air",
               "currency": "AUD", "port_of_loading": "Juanda (SUB), Surabaya",
               "port_of_discharge": "Melbourne (MEL)", "carrier": "Garuda Indonesia cargo",
               "transport_document": "126-12345675",
               "freight": Decimal("185.00"), "insurance": Decimal("21.50"), "insured_percent": Decimal(110),
               "insurance_cover": "ICC (A)", "buyer_reference": "BC-2211",
               "marks": "BENNETT & CO / MELBOURNE / MADE IN INDONESIA / C/NO 1-3"},
        lines=[(main, Decimal(10), Decimal(240), kg, batch), (second, Decimal(15), Decimal(95), kg, None),
               (third, Decimal(6), Decimal(160), kg, None)],
        cartons=[((60, 40, 25), {0: Decimal(10)}), ((60, 40, 30), {1: Decimal(15)}),
                 ((50, 40, 20), {2: Decimal(6)})],
    )  # fmt: skip
    _move(owner, australia, [(OrderStatus.QUOTATION, shipped - datetime.timedelta(days=28)),
                             (OrderStatus.CONFIRMED, shipped - datetime.timedelta(days=21)),
                             (OrderStatus.SHIPPED, shipped)])  # fmt: skip

    # The Netherlands: by sea under CIF, above EUR 6,000, and no REX number on record: flagged.
    netherlands = _order(
        owner, enterprise, made["nl"], day=today - datetime.timedelta(days=12),
        terms={"incoterm": incoterm["CIF"], "named_place": "Rotterdam", "transport": "sea", "currency": "EUR",
               "port_of_discharge": "Rotterdam", "freight": Decimal("310.00"), "insurance": Decimal("42.00"),
               "insured_percent": Decimal(110), "insurance_cover": "ICC (C)", "buyer_reference": "WS-4471"},
        lines=[(main, Decimal(40), Decimal(145), kg, batch), (second, Decimal(30), Decimal(48), kg, None)],
        cartons=[((60, 40, 40), {0: Decimal(20)}), ((60, 40, 40), {0: Decimal(20)}),
                 ((60, 40, 40), {1: Decimal(30)})],
    )  # fmt: skip
    _move(owner, netherlands, [(OrderStatus.QUOTATION, today - datetime.timedelta(days=11)),
                               (OrderStatus.CONFIRMED, today - datetime.timedelta(days=4))])  # fmt: skip

    # The USA: a courier parcel under DAP, shipped three months ago and paid; a later order was cancelled.
    sent = add_months(today, -3)
    usa = _order(
        owner, enterprise, made["us"], day=sent - datetime.timedelta(days=14),
        terms={"incoterm": incoterm["DAP"], "named_place": "1220 SE Hawthorne Blvd, Portland, OR",
               "transport": "post", "currency": "USD", "port_of_loading": "Surabaya (courier)",
               "port_of_discharge": "Portland, OR", "carrier": "Pos Indonesia EMS", "freight": Decimal("62.00"),
               "transport_document": "EE123456785ID"},
        lines=[(main, Decimal(6), Decimal(120), kg, batch), (third, Decimal(4), Decimal(75), kg, None)],
        cartons=[((40, 30, 20), {0: Decimal(6), 1: Decimal(4)})],
    )  # fmt: skip
    _move(owner, usa, [(OrderStatus.QUOTATION, sent - datetime.timedelta(days=13)),
                       (OrderStatus.CONFIRMED, sent - datetime.timedelta(days=9)),
                       (OrderStatus.SHIPPED, sent), (OrderStatus.PAID, sent + datetime.timedelta(days=6))])  # fmt: skip
    cancelled = _order(
        owner, enterprise, made["us"], day=today - datetime.timedelta(days=40),
        terms={"incoterm": incoterm["DAP"], "named_place": "Portland, OR", "transport": "post", "currency": "USD"},
        lines=[(second, Decimal(10), Decimal(60), kg, None)], cartons=[],
    )  # fmt: skip
    _move(owner, cancelled, [(OrderStatus.CANCELLED, today - datetime.timedelta(days=33))])

    # Malaysia: an inquiry with its lines, not yet packed.
    _order(
        owner, enterprise, made["my"], day=today - datetime.timedelta(days=2),
        terms={"incoterm": incoterm["FCA"], "named_place": "Tanjung Perak, Surabaya", "transport": "sea",
               "containerised": True, "currency": "MYR", "port_of_discharge": "Port Klang"},
        lines=[(main, Decimal(20), Decimal(520), kg, batch), (third, Decimal(20), Decimal(300), kg, None)],
        cartons=[],
    )  # fmt: skip


def _second_enterprise(owner: User, enterprise: Enterprise, today: datetime.date) -> None:
    buyer = _buyer(owner, enterprise, SECOND_BUYER)
    pieces = _export_facts(owner, enterprise)
    if not pieces:
        return
    sent = add_months(today.replace(day=1), -2) + datetime.timedelta(days=9)
    order = _order(
        owner, enterprise, buyer, day=sent - datetime.timedelta(days=20),
        terms={"incoterm": Incoterm.objects.get(code="FCA"), "named_place": "Tanjung Perak, Surabaya",
               "transport": "sea", "containerised": True, "currency": "MYR", "port_of_discharge": "Melaka",
               "transport_document": "SUBMKZ2611045"},
        lines=[(pieces[0], Decimal(24), Decimal(210), Decimal("0.30"), None)],
        cartons=[((60, 40, 30), {0: Decimal(24)})],
    )  # fmt: skip
    _move(owner, order, [(OrderStatus.QUOTATION, sent - datetime.timedelta(days=18)),
                         (OrderStatus.CONFIRMED, sent - datetime.timedelta(days=12)),
                         (OrderStatus.SHIPPED, sent)])  # fmt: skip
