"""Reading an uploaded workbook without trusting it, and writing the empty template.

Nothing here touches the database: a file is refused as a whole (``ValidationError``) or comes back as plain rows.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from python_calamine import CalamineWorkbook

from canting.core.xlsx import workbook_bytes
from canting.registry.importing.columns import SHEETS, CellValue, Row, RowError, Sheet, cell_text, row_error, words

MAX_MEMBERS = 1000
MAX_CELLS = 2_000_000  # a reader lays a sheet out as (last row) x (last column) cells in memory
_TAG_RE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_R_ATTR_RE = re.compile(rb"(?:^|\s)r\s*=\s*([\"'])(.*?)\1")


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def _damaged() -> ValidationError:
    return _refuse(
        _(
            "The workbook is damaged and cannot be read. Open it in Excel or LibreOffice, save it again as "
            "Excel workbook (.xlsx) and upload it again."
        ),
        "damaged",
    )


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _cell_area(xml: bytes) -> int:
    """How many cells a reader would lay out for this worksheet part, counting only cells with content.

    The reader allocates the whole rectangle up to the last cell, so one cell at XFD1048576 in a 5 KB file would
    ask for half a terabyte and kill the server process: this is counted before the reader ever sees the file.
    """
    row = column = last_row = last_column = 0
    for match in _TAG_RE.finditer(xml):
        tag, attributes = match.group(1), match.group(2)
        ref = _R_ATTR_RE.search(attributes)
        if tag == b"row":
            if ref and not ref.group(2).isdigit():
                raise _damaged()
            row, column = (int(ref.group(2)) if ref else row + 1), 0
            continue
        if ref:
            parts = re.fullmatch(rb"([A-Z]{1,3})(\d{1,7})", ref.group(2))
            if parts is None:
                raise _damaged()
            column, row = _column_number(parts.group(1)), int(parts.group(2))
        else:
            column += 1
        if not attributes.rstrip().endswith(b"/"):  # <c .../> holds nothing; readers skip it
            last_row, last_column = max(last_row, row), max(last_column, column)
            if last_row * last_column > MAX_CELLS:
                break
    return last_row * last_column


def _unpack(data: bytes) -> bytes:
    """Check the zip container of an .xlsx and repack it, so the reader sees exactly the bytes checked here."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise _refuse(
            _(
                "This is an old Excel 97-2003 file (.xls) or a password-protected workbook. Save it as Excel "
                "workbook (.xlsx) without a password and upload it again."
            ),
            "xls",
        )
    not_xlsx = _refuse(
        _("This file is not an Excel workbook (.xlsx). Download the template, fill it in and upload it as .xlsx."),
        "not_xlsx",
    )
    if not data.startswith(b"PK\x03\x04"):
        raise not_xlsx
    budget = settings.IMPORT_MAX_BYTES * 10  # xlsx parts are XML, which compresses about tenfold
    repacked = io.BytesIO()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, zipfile.ZipFile(repacked, "w") as clean:
            members = [info for info in archive.infolist() if not info.is_dir()]
            names = {info.filename for info in members}
            if "mimetype" in names and b"opendocument" in archive.open("mimetype").read(100):
                raise _refuse(_("This is an OpenDocument spreadsheet (.ods); save it as .xlsx."), "ods")
            if len(members) > MAX_MEMBERS or not {"[Content_Types].xml", "xl/workbook.xml"} <= names:
                raise not_xlsx
            for info in members:
                with archive.open(info) as part:
                    content = part.read(budget + 1)
                budget -= len(content)
                if budget < 0:
                    raise _refuse(_("The workbook is too large once unpacked."), "too_large")
                if info.filename.startswith("xl/worksheets/") and _cell_area(content) > MAX_CELLS:
                    raise _refuse(
                        _(
                            "A sheet of this workbook has something written far below or to the right of the data. "
                            "Delete the unused rows and columns, or split the file."
                        ),
                        "too_many_cells",
                    )
                clean.writestr(info.filename, content)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError) as exc:
        raise _damaged() from exc
    return repacked.getvalue()


def check_size(size: int) -> None:
    """Refuse a file larger than ``IMPORT_MAX_BYTES`` before it is read."""
    if size > settings.IMPORT_MAX_BYTES:
        raise _refuse(
            _("The file is %(size)s; at most %(max)s can be imported at once.")
            % {"size": filesizeformat(size), "max": filesizeformat(settings.IMPORT_MAX_BYTES)},
            "too_large",
        )


def _find_sheet(workbook: CalamineWorkbook, spec: Sheet) -> str | None:
    wanted = {words(spec.name), *(words(a) for a in spec.aliases)}
    return next((name for name in workbook.sheet_names if words(name) in wanted), None)


def _header(spec: Sheet, cells: list[CellValue]) -> tuple[dict[int, str], dict[str, str], list[str]]:
    """(column index -> key, key -> header as written, ignored headers); refuses duplicates and missing columns."""
    keys: dict[int, str] = {}
    written: dict[str, str] = {}
    ignored: list[str] = []
    for index, cell in enumerate(cells):
        text = cell_text(cell).rstrip("*").strip()
        column = next((c for c in spec.columns if words(text) in c.names), None) if text else None
        if column is None:
            if text:
                ignored.append(text)
            continue
        if column.key in written:
            raise _refuse(
                _("Sheet %(sheet)s has the column %(column)s twice (%(first)s and %(second)s).")
                % {"sheet": spec.name, "column": column.header, "first": written[column.key], "second": text},
                "duplicate_column",
            )
        keys[index], written[column.key] = column.key, text
    missing = [c.header for c in spec.columns if c.required and c.key not in written]
    if missing:
        raise _refuse(
            _("Sheet %(sheet)s has no column %(columns)s. The first row must hold the column names of the template.")
            % {"sheet": spec.name, "columns": ", ".join(missing)},
            "missing_column",
        )
    return keys, written, ignored


def _read_rows(spec: Sheet, table: list[list[CellValue]], first_row: int) -> tuple[dict[str, Any], list[RowError]]:
    """Parse one sheet's cells into plain values; a cell that cannot be read becomes an error, not a value."""
    keys, written, ignored = _header(spec, table[0] if table else [])
    rows: list[Row] = []
    errors: list[RowError] = []
    for offset, cells in enumerate(table[1:], start=1):
        number = first_row + offset
        row: Row = {"row": number, "cells": {}, "values": {}, "invalid": []}
        for index, key in keys.items():
            value = cells[index] if index < len(cells) else ""
            if text := cell_text(value):
                row["cells"][key] = text
                try:
                    row["values"][key] = spec.column(key).parse(value)
                except ValidationError as exc:
                    row["invalid"].append(key)
                    errors.extend(row_error(spec, number, written[key], m) for m in exc.messages)
        if not row["cells"]:
            continue  # blank rows between or below the data are not rows
        for column in spec.columns:
            if column.required and column.key not in row["cells"]:
                row["invalid"].append(column.key)
                errors.append(row_error(spec, number, written[column.key], _("This column must be filled in.")))
        rows.append(row)
    return {"headers": written, "ignored": ignored, "rows": rows}, errors


def read_workbook(data: bytes) -> tuple[dict[str, Any], list[RowError]]:
    """The sheets IKM and Orang as parsed rows, and the errors of cells that could not be read.

    Raises ``ValidationError`` (refusing the whole file) for anything that is not a sound workbook in the
    template's layout.
    """
    check_size(len(data))
    clean = _unpack(data)
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(clean))
        names = {spec.name: _find_sheet(workbook, spec) for spec in SHEETS}
        missing = [name for name, found in names.items() if found is None]
        if missing:
            raise _refuse(
                _("The workbook has no sheet %(sheets)s. Use the template: its sheets are named IKM and Orang.")
                % {"sheets": ", ".join(missing)},
                "missing_sheet",
            )
        tables = {}
        for spec in SHEETS:
            sheet = workbook.get_sheet_by_name(names[spec.name])  # type: ignore[arg-type]
            if sheet.height - 1 > settings.IMPORT_MAX_ROWS:
                raise _refuse(
                    _("Sheet %(sheet)s has %(count)d rows; at most %(max)d can be imported at once. Split the file.")
                    % {"sheet": spec.name, "count": sheet.height - 1, "max": settings.IMPORT_MAX_ROWS},
                    "too_many_rows",
                )
            tables[spec.name] = (sheet.to_python(), (sheet.start or (0, 0))[0] + 1)
    except ValidationError:
        raise
    except Exception as exc:  # the reader raises its own error classes (zip, XML, format) for a damaged file
        raise _damaged() from exc
    sheets: dict[str, Any] = {}
    errors: list[RowError] = []
    for spec in SHEETS:
        sheets[spec.name], sheet_errors = _read_rows(spec, *tables[spec.name])
        errors += sheet_errors
    if not any(sheet["rows"] for sheet in sheets.values()):
        raise _refuse(_("The workbook has no rows to import below the column names."), "empty")
    return sheets, errors


# --- the template -------------------------------------------------------------------------------------------------
REQUIRED_FILL = PatternFill("solid", fgColor="F3D9B1")
LIST_CHOICES = {  # offered as a drop-down; other spellings the reader understands may still be typed
    "legal_form": "perorangan,pt_perorangan,cv,pt,koperasi,other",
    "gender": "L,P",
    "role": "pemilik,pengelola,pekerja",
}
GUIDE_INTRO = (
    "Isi lembar IKM (satu baris per usaha) dan lembar Orang (satu baris per orang). Jangan mengubah nama lembar "
    "dan judul kolom; kolom lain yang Anda tambahkan diabaikan.",
    "Judul kolom berwarna wajib diisi.",
    "NIB adalah kunci IKM dan NIK adalah kunci orang: mengunggah berkas yang sama lagi memperbarui data, tidak "
    "menggandakannya. Sel yang kosong tidak mengubah data yang sudah terdaftar.",
    "Kolom NIB, NIK, NPWP dan Telepon berformat Teks agar Excel tidak membuang angka. Bila menyalin dari berkas "
    "lain, tempel sebagai nilai saja (Paste Special > Values).",
    "Setelah diunggah, setiap baris diperiksa dan ditampilkan dulu. Tidak ada yang disimpan sebelum Anda menekan "
    "Terapkan, dan bila satu baris salah, tidak ada yang disimpan.",
)


def build_template() -> bytes:
    """The empty workbook officers fill in: sheets IKM and Orang with the headers, and Petunjuk explaining them."""
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    last_row = settings.IMPORT_MAX_ROWS + 1
    for spec in SHEETS:
        sheet = workbook.create_sheet(spec.name)
        sheet.append([column.header for column in spec.columns])
        sheet.freeze_panes = "A2"
        for index, column in enumerate(spec.columns, start=1):
            cell = sheet.cell(row=1, column=index)
            cell.font = Font(bold=True)
            if column.required:
                cell.fill = REQUIRED_FILL
            dimension = sheet.column_dimensions[cell.column_letter]
            dimension.width = max(14, len(column.header) + 4)
            if column.as_text:
                dimension.number_format = "@"
            elif column.key == "birth_date":
                dimension.number_format = "DD/MM/YYYY"
            if column.key in LIST_CHOICES:
                choice = DataValidation(type="list", formula1=f'"{LIST_CHOICES[column.key]}"', allow_blank=True)
                choice.showErrorMessage = False
                choice.add(f"{cell.column_letter}2:{cell.column_letter}{last_row}")
                sheet.add_data_validation(choice)
    guide = workbook.create_sheet("Petunjuk")
    rows = f"{settings.IMPORT_MAX_ROWS:,}".replace(",", ".")  # Indonesian groups thousands with dots
    megabytes = settings.IMPORT_MAX_BYTES // (1024 * 1024)
    limits = f"Paling banyak {rows} baris per lembar; berkas paling besar {megabytes} MB."
    for line in (*GUIDE_INTRO, limits, ""):
        guide.append([line])
    guide.append(["Lembar", "Kolom", "Wajib", "Penjelasan", "Contoh"])
    for cell in guide[guide.max_row]:
        cell.font = Font(bold=True)
    for spec in SHEETS:
        for column in spec.columns:
            guide.append([spec.name, column.header, "Ya" if column.required else "", column.guide, column.example])
    for letter, width in zip("ABCDE", (10, 22, 8, 80, 24), strict=True):
        guide.column_dimensions[letter].width = width
    for row in guide.iter_rows(min_row=len(GUIDE_INTRO) + 3):
        row[3].alignment = Alignment(wrap_text=True, vertical="top")
    return workbook_bytes(workbook)
