"""The export documents as xlsx workbooks, for buyers and forwarders who want to copy figures: the same pack, the same
totals as the PDFs. Amounts and weights are numbers (formatted), not text, so the sheet adds up."""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.worksheet import Worksheet

from canting.core.xlsx import workbook_bytes
from canting.trade.documents import PACKING_LIST, PREFIX, PROFORMA, TITLE, day, shipment_facts
from canting.trade.money import minor_digits

BOLD = Font(bold=True)
TOP = Alignment(vertical="top", wrap_text=True)
RULE = Border(bottom=Side(style="thin"))
KG = "#,##0.000"


def _money_format(currency: str) -> str:
    digits = minor_digits(currency)
    return "#,##0" + ("." + "0" * digits if digits else "")


def _parties(sheet: Worksheet, pack: Any, kind: str) -> int:
    """Title, number, parties and shipment facts; returns the next free row."""
    sheet["A1"] = TITLE[kind]
    sheet["A1"].font = Font(bold=True, size=14)
    rows: list[tuple[str, Any]] = [
        ("No.", pack.numbers[PREFIX[kind]]),
        ("Date", day(pack.invoice_date)),
        ("Order", pack.order_number),
    ]
    if pack.buyer_reference:
        rows.append(("Buyer's reference", pack.buyer_reference))
    if kind == PACKING_LIST:
        rows.append(("Invoice", pack.numbers["CI"]))
    for party_label, party in (("Exporter", pack.exporter), ("Buyer / consignee", pack.buyer)):
        ids = "; ".join(f"{label} {value}" for label, value in party.ids)
        rows.append((party_label, "\n".join(v for v in (party.name, party.address, party.country, ids) if v)))
    rows += shipment_facts(pack, kind)
    if pack.marks:
        rows.append(("Shipping marks", pack.marks))
    row = 3
    for label, value in rows:
        if value in ("", None):
            continue
        sheet.cell(row=row, column=1, value=label).font = BOLD
        cell = sheet.cell(row=row, column=2, value=value)
        cell.alignment = TOP
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=5)
        if "\n" in str(value):
            sheet.row_dimensions[row].height = 15 * (str(value).count("\n") + 1)
        row += 1
    return row + 1


def _header(sheet: Worksheet, row: int, names: list[str]) -> None:
    for col, name in enumerate(names, start=1):
        cell = sheet.cell(row=row, column=col, value=name)
        cell.font = BOLD
        cell.border = RULE
    sheet.print_title_rows = f"{row}:{row}"


def _label_value(sheet: Worksheet, row: int, col: int, label: str, value: Any, number_format: str = "") -> None:
    sheet.cell(row=row, column=col, value=label).font = BOLD
    cell = sheet.cell(row=row, column=col + 1, value=value)
    if number_format:
        cell.number_format = number_format
    cell.font = BOLD


def _invoice(sheet: Worksheet, pack: Any, kind: str) -> None:
    money = _money_format(pack.currency)
    row = _parties(sheet, pack, kind)
    _header(
        sheet,
        row,
        [
            "No.",
            "Packages",
            "Description of goods",
            "HS code",
            "Quantity",
            "Unit",
            f"Unit price ({pack.currency})",
            f"Amount ({pack.currency})",
            "Net kg",
        ],
    )
    for line in pack.lines:
        row += 1
        values = [
            line.position,
            line.packages,
            line.description,
            line.hs_code,
            line.quantity,
            line.unit,
            line.unit_price,
            line.amount,
            line.net_weight,
        ]
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=col, value=value)
            cell.alignment = TOP
        sheet.cell(row=row, column=7).number_format = "#,##0.00"
        sheet.cell(row=row, column=8).number_format = money
        sheet.cell(row=row, column=9).number_format = KG
    row += 2
    totals = pack.totals
    for label, value in (
        ("Value of goods", totals.goods),
        ("Freight", totals.freight),
        ("Insurance", totals.insurance),
        (f"Invoice total ({pack.currency})", totals.invoice),
    ):
        _label_value(sheet, row, 7, label, value, money)
        row += 1
    row += 1
    for label, value, fmt in (
        ("Number of packages", totals.packages, "0"),
        ("Net weight (kg)", totals.net_weight, KG),
        ("Gross weight (kg)", totals.gross_weight, KG),
    ):
        _label_value(sheet, row, 1, label, value, fmt)
        row += 1
    for unit, qty in totals.quantities:
        _label_value(sheet, row, 1, f"Quantity ({unit})", qty, "#,##0.##")
        row += 1
    row += 1
    texts = [("Say", pack.total_in_words), ("Origin", pack.origin_line)]
    if pack.insurance:
        texts.append(("Insured for", pack.insurance))
    if pack.rex_statement:
        texts.append(("Statement on origin", pack.rex_statement))
    if pack.bank_details:
        texts.append(("Payment to", pack.bank_details))
    if kind == PROFORMA:
        texts.append(("Note", "This proforma invoice is an offer, not a demand for payment."))
    else:
        texts.append(
            (
                "Declaration",
                "We certify that this invoice shows the actual price of the goods described, that all particulars "
                "are true and correct, and that the goods are of Indonesian origin.",
            )
        )
        if pack.signatory:
            texts.append(("Signed", ", ".join(v for v in (pack.signatory, pack.signatory_title) if v)))
    for label, text in texts:
        sheet.cell(row=row, column=1, value=label).font = BOLD
        cell = sheet.cell(row=row, column=2, value=text)
        cell.alignment = TOP
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=9)
        sheet.row_dimensions[row].height = 15 * max(1, len(text) // 110 + 1)
        row += 1
    for letter, width in zip("ABCDEFGHI", (16, 10, 48, 11, 10, 6, 16, 18, 10), strict=True):
        sheet.column_dimensions[letter].width = width


def _packing_list(sheet: Worksheet, pack: Any) -> None:
    row = _parties(sheet, pack, PACKING_LIST)
    _header(sheet, row, ["Package no.", "Kind", "Contents", "Dimensions", "Net kg", "Gross kg", "Volume m³"])
    for package in pack.packages:
        row += 1
        contents = "\n".join(
            f"{c.position}. {c.description}: {c.quantity.normalize():f} {c.unit}" for c in package.contents
        )
        values = [
            package.number,
            package.kind,
            contents,
            package.dimensions,
            package.net_weight,
            package.gross_weight,
            package.volume_m3,
        ]
        for col, value in enumerate(values, start=1):
            sheet.cell(row=row, column=col, value=value).alignment = TOP
        for col in (5, 6, 7):
            sheet.cell(row=row, column=col).number_format = KG
        sheet.row_dimensions[row].height = 15 * max(1, len(package.contents))
    row += 2
    totals = pack.totals
    for label, value, fmt in (
        ("Number of packages", totals.packages, "0"),
        ("Net weight (kg)", totals.net_weight, KG),
        ("Gross weight (kg)", totals.gross_weight, KG),
        ("Volume (m³)", totals.volume_m3, KG),
    ):
        _label_value(sheet, row, 1, label, value, fmt)
        row += 1
    for unit, qty in totals.quantities:
        _label_value(sheet, row, 1, f"Quantity ({unit})", qty, "#,##0.##")
        row += 1
    if pack.signatory:
        row += 1
        sheet.cell(row=row, column=1, value="Signed").font = BOLD
        sheet.cell(row=row, column=2, value=", ".join(v for v in (pack.signatory, pack.signatory_title) if v))
    for letter, width in zip("ABCDEFG", (18, 10, 60, 16, 11, 11, 11), strict=True):
        sheet.column_dimensions[letter].width = width


def workbook(pack: Any, kind: str) -> bytes:
    """One document of the pack as an xlsx workbook with a single sheet, printable on A4."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = TITLE[kind].title()
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToHeight = 0
    if kind == PACKING_LIST:
        _packing_list(sheet, pack)
    else:
        _invoice(sheet, pack, kind)
    return workbook_bytes(book)
