"""The document pack: its figures, the amount in words, the checklist, the PDFs and workbooks, and the pages."""

from __future__ import annotations

import datetime
import shutil
import subprocess
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from canting.trade import documents
from canting.trade.checks import run_checks
from canting.trade.documents.pack import build_pack
from canting.trade.documents.xlsx import workbook
from canting.trade.models import ClothOrigin, ExportOrder, ExportProfile, OrderLine, Package, TransportMode
from canting.trade.tests.factories import BuyerFactory, complete_order, incoterm
from canting.trade.words import amount_in_words

pytestmark = pytest.mark.django_db

REX = "IDREX3578123456789"


def pdf_text(content: bytes) -> str:
    """The PDF's text as pdftotext reads it, whitespace collapsed."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    result = subprocess.run(  # noqa: S603 -- a fixed local tool reading the PDF the test just made
        [pdftotext, "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())


def cells(content: bytes) -> dict[str, Any]:
    """Each bold label of the workbook's sheet -> the value in the cell to its right."""
    sheet = load_workbook(BytesIO(content)).active
    assert sheet is not None
    found: dict[str, Any] = {}
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.font.bold and cell.column < sheet.max_column:
                found.setdefault(cell.value, sheet.cell(row=cell.row, column=cell.column + 1).value)
    return found


@pytest.mark.parametrize(
    ("amount", "currency", "words"),
    [
        (Decimal("1234.50"), "USD", "US dollars one thousand two hundred thirty-four and 50/100 only"),
        (Decimal("2675"), "USD", "US dollars two thousand six hundred seventy-five and 00/100 only"),
        (Decimal("120000"), "JPY", "Japanese yen one hundred twenty thousand only"),
        (Decimal("6500.055"), "EUR", "Euros six thousand five hundred and 06/100 only"),
    ],
)
def test_amount_in_words(amount: Decimal, currency: str, words: str) -> None:
    assert amount_in_words(amount, currency) == words


def test_the_pack_adds_up(enterprise: Any) -> None:
    order = complete_order(enterprise=enterprise, freight=Decimal("120.00"), marks="SEKAR / TOKYO / 1-2")

    pack = build_pack(order)

    assert [(line.amount, line.packages) for line in pack.lines] == [
        (Decimal("1700.00"), "1"),
        (Decimal("975.00"), "2"),
    ]
    totals = pack.totals
    assert (totals.goods, totals.freight, totals.insurance, totals.invoice) == (
        Decimal("2675.00"),
        Decimal("120.00"),
        Decimal("0.00"),
        Decimal("2795.00"),
    )
    assert totals.quantities == [("pcs", Decimal(50))]
    assert (totals.packages, totals.net_weight, totals.gross_weight, totals.volume_m3) == (
        2,
        Decimal("13.500"),
        Decimal("16.100"),
        Decimal("0.144"),
    )
    assert pack.total_in_words == "US dollars two thousand seven hundred ninety-five and 00/100 only"
    assert pack.incoterm == "FCA Juanda International Airport, Surabaya, Incoterms 2020"
    assert pack.numbers == {
        "PI": f"PI/{enterprise.pk}/{order.year}/{order.sequence:03d}",
        "CI": f"CI/{enterprise.pk}/{order.year}/{order.sequence:03d}",
        "PL": f"PL/{enterprise.pk}/{order.year}/{order.sequence:03d}",
    }
    assert pack.rex_statement == ""


def test_yen_amounts_have_no_minor_units(enterprise: Any) -> None:
    order = complete_order(enterprise=enterprise, currency="JPY", exchange_rate=Decimal("108.5"))
    OrderLine.objects.filter(order=order, position=1).update(unit_price=Decimal("12999.60"))

    pack = build_pack(order)

    assert pack.lines[0].amount == Decimal("259992")
    assert pack.total_in_words.startswith("Japanese yen two hundred sixty thousand nine hundred sixty-seven only")


def test_checklist_by_air(enterprise: Any) -> None:
    pack = build_pack(complete_order(enterprise=enterprise))

    assert [item.document for item in pack.checklist] == [
        "PEB (export declaration)",
        "IJEPA certificate of origin",
        "Air waybill",
    ]
    assert pack.checklist[0].issued_by == "The exporter or a customs broker (PPJK), in CEISA"
    assert pack.checklist[0].note.startswith("Filed at most 7 days before shipment")
    assert pack.checklist[2].note == "Not a document of title: the goods go to the consignee named on it."


def test_checklist_by_post_and_under_cip(enterprise: Any) -> None:
    order = complete_order(
        enterprise=enterprise,
        transport=TransportMode.POST,
        incoterm=incoterm("CIP"),
        insurance=Decimal("15.00"),
        insured_percent=Decimal(110),
        insurance_cover="ICC (A)",
    )

    pack = build_pack(order)

    assert [(item.document, item.issued_by) for item in pack.checklist] == [
        ("CN (consignment note), the export declaration of a postal parcel", "The postal operator or courier"),
        ("IJEPA certificate of origin", pack.checklist[1].issued_by),
        ("CN23 customs declaration and postal receipt", "The postal operator or courier"),
        ("Insurance certificate", "The insurer"),
    ]
    assert pack.checklist[3].note == "At least 110% of the value, cover ICC (A) or better."
    assert pack.insurance == "110% of the invoice value, ICC (A)"


def test_japan_by_air_fob_then_fca(enterprise: Any) -> None:
    """The acceptance: FOB by air is refused with FCA suggested; under FCA the invoice and the packing list print
    the same totals, weights and packages."""
    order = complete_order(enterprise=enterprise, incoterm=incoterm("FOB"))
    (finding,) = run_checks(order)
    assert finding.code == "sea_only"
    assert "FCA" in finding.fix

    ExportOrder.objects.filter(pk=order.pk).update(incoterm=incoterm("FCA"))
    order.refresh_from_db()
    assert run_checks(order) == []
    pack = documents.build_english_pack(order)
    invoice = pdf_text(documents.pdf(pack, documents.INVOICE))
    packing = pdf_text(documents.pdf(pack, documents.PACKING_LIST))

    assert "COMMERCIAL INVOICE" in invoice
    assert "Invoice total (USD) 2,675.00" in invoice
    assert "Say: US dollars two thousand six hundred seventy-five and 00/100 only" in invoice
    assert "PACKAGES 2" in invoice
    assert "NET WEIGHT 13.500 kg" in invoice
    assert "GROSS WEIGHT 16.100 kg" in invoice
    assert "FCA Juanda International Airport," in invoice
    assert "PACKING LIST" in packing
    assert f"Invoice: {pack.numbers['CI']}" in packing
    assert "NUMBER OF PACKAGES 2" in packing
    assert "TOTAL NET WEIGHT 13.500 kg" in packing
    assert "TOTAL GROSS WEIGHT 16.100 kg" in packing
    assert "Total: 2 packages, 50 pcs 13.500 16.100 0.144" in packing

    invoice_cells = cells(workbook(pack, documents.INVOICE))
    packing_cells = cells(workbook(pack, documents.PACKING_LIST))
    assert invoice_cells["Invoice total (USD)"] == 2675
    assert invoice_cells["Say"] == "US dollars two thousand six hundred seventy-five and 00/100 only"
    for sheet in (invoice_cells, packing_cells):
        assert (sheet["Number of packages"], sheet["Net weight (kg)"], sheet["Gross weight (kg)"]) == (2, 13.5, 16.1)
        assert sheet["Quantity (pcs)"] == 50


GSP_DAY = datetime.date(2026, 6, 1)  # the EU GSP holds for Indonesia until 31 December 2026


def netherlands_order(enterprise: Any, shipment: datetime.date = GSP_DAY) -> ExportOrder:
    """EUR 7,700 to Amsterdam: above the EUR 6,000 of the GSP statement on origin. Line 1 silk shawls (6214.10),
    line 2 cotton shirts (6205.20), both made from cloth woven in Indonesia."""
    buyer = BuyerFactory(enterprise=enterprise, country="NL", address="Keizersgracht 1, Amsterdam")
    order = complete_order(
        enterprise=enterprise, buyer=buyer, currency="EUR", exchange_rate=Decimal(17500), port_of_discharge="AMS",
        estimated_shipment=shipment,
    )  # fmt: skip
    OrderLine.objects.filter(order=order, position=1).update(hs_code="6214.10")
    OrderLine.objects.filter(order=order, position=2).update(unit_price=Decimal("200.00"))
    OrderLine.objects.filter(order=order).update(cloth_origin=ClothOrigin.WOVEN_ID)
    return order


def test_netherlands_rex_statement_on_the_invoice(enterprise: Any) -> None:
    order = netherlands_order(enterprise)
    assert [f.code for f in run_checks(order)] == ["rex_needed", "origin_unconfirmed"]

    ExportProfile.objects.filter(enterprise=enterprise).update(rex_number=REX)
    assert [f.code for f in run_checks(order)] == ["origin_unconfirmed"]
    pack = documents.build_english_pack(order)
    text = pdf_text(documents.pdf(pack, documents.INVOICE))

    assert f"The exporter {REX} of the products covered by this document declares that" in text
    assert "Invoice total (EUR) 7,700.00" in text
    assert "Sri Wahyuni, Owner for " in text
    assert "PAYMENT TO Bank Jatim, Account 0123456789, SWIFT PDJTIDJ1" in text
    assert cells(workbook(pack, documents.INVOICE))["Statement on origin"].startswith(f"The exporter {REX} of the")


def test_eu_statement_gives_w_and_each_lines_heading_never_p(enterprise: Any) -> None:
    # Reg. 2015/2447 Annex 22-07: the criterion of a product qualifying by its product-specific rule is "W" and its
    # HS heading; "P" is for wholly obtained goods, which batik pieces are not.
    order = netherlands_order(enterprise)

    pack = documents.build_english_pack(order)
    text = pdf_text(documents.pdf(pack, documents.INVOICE))

    assert pack.rex_statement.endswith("the origin criterion met is W 6214 (line 1); W 6205 (line 2).")
    assert "W 6214 (line 1); W 6205 (line 2)" in text
    assert "criterion met is P" not in text


def test_a_line_of_imported_cloth_is_excepted_from_the_statement(enterprise: Any) -> None:
    order = netherlands_order(enterprise)
    OrderLine.objects.filter(order=order, position=2).update(cloth_origin=ClothOrigin.IMPORTED)

    pack = documents.build_english_pack(order)
    (finding,) = [f for f in run_checks(order) if f.code == "origin_line"]

    assert pack.rex_statement.endswith("criterion met is W 6214 (line 1). Not of preferential origin: line(s) 2.")
    assert finding.message.startswith(
        "Line 2: Made up from imported cloth: not originating under the EU GSP rule for heading 6205"
    )
    assert finding.message.endswith("no preference for this line.")


def test_an_eu_order_shipping_after_the_gsp_gets_no_preference_and_says_why(enterprise: Any) -> None:
    order = netherlands_order(enterprise, shipment=datetime.date(2027, 1, 1))
    ExportProfile.objects.filter(enterprise=enterprise).update(rex_number=REX)

    pack = documents.build_english_pack(order)
    findings = {f.code: f for f in run_checks(order)}

    assert pack.rex_statement == ""
    assert "No preferential origin is claimed." in pack.origin_line
    assert "rex_needed" not in findings
    assert findings["origin_no_preference"].message == (
        "EU-Indonesia CEPA (IEU-CEPA) is not confirmed in force on the shipment day 2027-01-01 (EU-Indonesia CEPA "
        "(IEU-CEPA): negotiations concluded September 2025; entry into force to be confirmed): until it is, no "
        "preference applies and the goods pay the normal (MFN) duty."
    )


# --- pages ------------------------------------------------------------------------------------------------------


def english(client: Client, user: Any) -> Client:
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_documents_page_lists_checks_checklist_and_downloads(client: Client, artisan: Any, enterprise: Any) -> None:
    order = complete_order(enterprise=enterprise)

    response = english(client, artisan).get(reverse("trade:order-documents", args=[order.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="checks-clear"' in html
    assert reverse("trade:order-document", args=[order.pk, "invoice", "pdf"]) in html
    assert "Air waybill" in html
    assert 'data-testid="blocked"' not in html


def test_documents_page_with_an_error_disables_the_downloads(client: Client, artisan: Any, enterprise: Any) -> None:
    order = complete_order(enterprise=enterprise, incoterm=incoterm("FOB"))

    response = english(client, artisan).get(reverse("trade:order-documents", args=[order.pk]))

    html = response.content.decode()
    assert 'data-code="sea_only" data-level="error"' in html
    assert 'data-testid="blocked"' in html
    assert reverse("trade:order-document", args=[order.pk, "invoice", "pdf"]) not in html
    assert html.count("disabled>") == 6


def test_a_document_is_refused_while_a_check_finds_an_error(client: Client, artisan: Any, enterprise: Any) -> None:
    order = complete_order(enterprise=enterprise)
    Package.objects.filter(order=order, number=2).delete()
    english(client, artisan)

    response = client.get(reverse("trade:order-document", args=[order.pk, "invoice", "pdf"]), follow=True)

    assert response.redirect_chain == [(reverse("trade:order-documents", args=[order.pk]), 302)]
    assert "The documents cannot be written yet" in response.content.decode()


def test_staff_download_a_workbook_and_a_proforma(client: Client, staff: Any, enterprise: Any) -> None:
    order = complete_order(enterprise=enterprise)
    english(client, staff)

    book = client.get(reverse("trade:order-document", args=[order.pk, "packing-list", "xlsx"]))
    proforma = client.get(reverse("trade:order-document", args=[order.pk, "proforma", "pdf"]))

    assert book.status_code == 200
    assert (
        book["Content-Disposition"]
        == f'attachment; filename="PL-{enterprise.pk}-{order.year}-{order.sequence:03d}.xlsx"'
    )
    assert cells(book.content)["Gross weight (kg)"] == 16.1
    assert proforma["Content-Type"] == "application/pdf"
    text = pdf_text(proforma.content)
    assert "PROFORMA INVOICE" in text
    assert "This proforma invoice is an offer" in text
    assert "ESTIMATED SHIPMENT" in text


@pytest.mark.parametrize(("kind", "fmt"), [("letter", "pdf"), ("invoice", "docx")])
def test_unknown_documents_answer_404(client: Client, artisan: Any, enterprise: Any, kind: str, fmt: str) -> None:
    order = complete_order(enterprise=enterprise)

    response = english(client, artisan).get(reverse("trade:order-document", args=[order.pk, kind, fmt]))

    assert response.status_code == 404


def test_another_enterprises_order_answers_404(client: Client, other_artisan: Any, enterprise: Any) -> None:
    order = complete_order(enterprise=enterprise)
    english(client, other_artisan)

    assert client.get(reverse("trade:order-documents", args=[order.pk])).status_code == 404
    assert client.get(reverse("trade:order-document", args=[order.pk, "invoice", "xlsx"])).status_code == 404
