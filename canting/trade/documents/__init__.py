"""The export document pack as files: the proforma invoice, the commercial invoice and the packing list, each as a
PDF (typst templates beside this module) or an xlsx workbook (``xlsx.py``), all written in English from one
``Pack`` (``pack.py``).

Numbers are formatted here the English way (1,234.50), so every document prints them alike.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils import translation
from django.utils.translation import ngettext

from canting.core.documents import render_pdf
from canting.trade.money import minor_digits

TEMPLATES = Path(__file__).resolve().parent

PROFORMA = "proforma"
INVOICE = "invoice"
PACKING_LIST = "packing-list"
KINDS = (PROFORMA, INVOICE, PACKING_LIST)
FORMATS = ("pdf", "xlsx")
PREFIX = {PROFORMA: "PI", INVOICE: "CI", PACKING_LIST: "PL"}
TITLE = {PROFORMA: "PROFORMA INVOICE", INVOICE: "COMMERCIAL INVOICE", PACKING_LIST: "PACKING LIST"}


def money(value: Decimal, currency: str) -> str:
    """An amount in the currency's minor units: 1,234.50 (USD), 120,000 (JPY)."""
    return f"{value:,.{minor_digits(currency)}f}"


def quantity(value: Decimal) -> str:
    """A count or a length: 20, 12.5."""
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0")


def kg(value: Decimal) -> str:
    """A weight in kg with three decimals, as the scales print it: 16.100."""
    return f"{value:,.3f}"


def m3(value: Decimal) -> str:
    return f"{value:,.3f}"


def day(value: Any) -> str:
    return value.strftime("%d %B %Y").lstrip("0") if value else ""


def filename(pack: Any, kind: str, fmt: str) -> str:
    """E.g. CI-12-2026-004.pdf: the document's number, safe as a file name."""
    return f"{pack.numbers[PREFIX[kind]].replace('/', '-')}.{fmt}"


def national_label(code: str, confirmed: bool) -> str:
    """The 8-digit Indonesian line as the documents print it under the HS code, e.g. "BTKI 2022: 6214.40.10
    (unconfirmed)"; empty when the HS table has none."""
    if not code:
        return ""
    return f"BTKI 2022: {code}" + ("" if confirmed else " (unconfirmed)")


def packages_counted(count: int) -> str:
    """ "1 package", "2 packages": the documents are in English."""
    with translation.override("en"):
        return ngettext("%(count)s package", "%(count)s packages", count) % {"count": count}


def shipment_facts(pack: Any, kind: str) -> list[tuple[str, str]]:
    """The shipment's facts each document prints beside the parties, in the order they print them."""
    facts = [
        ("Country of origin", pack.origin),
        ("Country of destination", pack.destination),
        ("Transport", pack.transport),
        ("Port of loading", pack.port_of_loading),
        ("Port of discharge", pack.port_of_discharge),
        ("Carrier", pack.carrier),
        ("B/L or AWB number", pack.order.transport_document),
        ("Delivery terms", pack.incoterm),
    ]
    if kind != PACKING_LIST:
        facts += [("Currency", pack.currency), ("Payment terms", pack.payment_terms)]
    if kind == PROFORMA:
        facts += [
            ("Offer valid until", day(pack.offer_valid_until)),
            ("Estimated shipment", day(pack.estimated_shipment)),
        ]
    return facts


def document_data(pack: Any, kind: str) -> dict[str, Any]:
    """What the typst templates print: every value already a string."""
    currency = pack.currency
    exporter, buyer = pack.exporter, pack.buyer
    totals = pack.totals
    facts = shipment_facts(pack, kind)
    reference = [("Order", pack.order_number)]
    if pack.buyer_reference:
        reference.append(("Buyer's reference", pack.buyer_reference))
    if kind == PACKING_LIST:
        reference.append(("Invoice", pack.numbers["CI"]))
    quantities = ", ".join(f"{quantity(q)} {unit}" for unit, q in totals.quantities)
    return {
        "title": TITLE[kind],
        "proforma": kind == PROFORMA,
        "number": pack.numbers[PREFIX[kind]],
        "date": day(pack.invoice_date),
        "reference": [list(r) for r in reference],
        "exporter": {
            "name": exporter.name,
            "address": exporter.address,
            "country": exporter.country,
            "ids": [f"{label} {value}" for label, value in exporter.ids],
            "contact": exporter.contact,
        },
        "buyer": {
            "name": buyer.name,
            "address": buyer.address,
            "country": buyer.country,
            "ids": [f"{label}: {value}" for label, value in buyer.ids],
            "contact": buyer.contact,
        },
        "facts": [[label, value] for label, value in facts if value],
        "marks": pack.marks,
        "currency": currency,
        "lines": [
            {
                "no": str(line.position),
                "packages": line.packages,
                "description": line.description,
                "hs": line.hs_code,
                "national": national_label(line.national_code, line.national_confirmed),
                "quantity": f"{quantity(line.quantity)} {line.unit}",
                "price": money(line.unit_price, currency) if minor_digits(currency) >= 2 else f"{line.unit_price:,.2f}",
                "amount": money(line.amount, currency),
                "net": kg(line.net_weight),
            }
            for line in pack.lines
        ],
        "packages": [
            {
                "number": str(p.number),
                "kind": p.kind,
                "contents": [f"{c.position}. {c.description}: {quantity(c.quantity)} {c.unit}" for c in p.contents],
                "dimensions": p.dimensions,
                "gross": kg(p.gross_weight),
                "net": kg(p.net_weight),
                "volume": m3(p.volume_m3),
            }
            for p in pack.packages
        ],
        "totals": {
            "goods": money(totals.goods, currency),
            "freight": money(totals.freight, currency),
            "insurance": money(totals.insurance, currency),
            "invoice": money(totals.invoice, currency),
            "quantities": quantities,
            "packages": str(totals.packages),
            "packages_counted": packages_counted(totals.packages),
            "gross": kg(totals.gross_weight),
            "net": kg(totals.net_weight),
            "volume": m3(totals.volume_m3),
        },
        "words": pack.total_in_words,
        "origin_line": pack.origin_line,
        "rex": pack.rex_statement,
        "insurance": pack.insurance,
        "bank": pack.bank_details,
        "signatory": pack.signatory,
        "signatory_title": pack.signatory_title,
    }


def pdf(pack: Any, kind: str) -> bytes:
    """The document as a PDF: A4, English."""
    template = "packing_list.typ" if kind == PACKING_LIST else "invoice.typ"
    return render_pdf(TEMPLATES / template, document_data(pack, kind))


def build_english_pack(order: Any) -> Any:
    """The pack with its words in English, as the documents print them."""
    from canting.trade.documents.pack import build_pack

    with translation.override("en"):
        return build_pack(order)
