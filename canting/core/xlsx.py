"""Excel output: every list page exports what it shows (all pages, same filters) as an .xlsx workbook.

``workbook_bytes`` is the one way Canting saves a workbook, whoever built it: no cell leaves as a formula. Text a
person typed (a product name, a buyer's lead) that starts with '=' is written as text, so opening the export can
never run it. Canting itself writes no formulas.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal
from io import BytesIO
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if value is None:
        return ""
    if isinstance(value, (int, float, str, datetime.date)):
        return value
    return str(value)


def build_workbook(sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[Any]]]]) -> bytes:
    """Sheets of (title, header, rows) -> xlsx bytes. Headers are bold and frozen."""
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append([str(h) for h in header])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for row in rows:
            sheet.append([_cell(v) for v in row])
        for i, h in enumerate(header, start=1):
            sheet.column_dimensions[sheet.cell(row=1, column=i).column_letter].width = max(12, min(40, len(str(h)) + 4))
    return workbook_bytes(workbook)


def workbook_bytes(workbook: Workbook) -> bytes:
    """The workbook as .xlsx bytes, every cell that openpyxl took for a formula ('=...') stored as text."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
