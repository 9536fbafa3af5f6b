"""Reading an uploaded workbook without trusting it, and writing the empty template.

Nothing here touches the database: a file is refused as a whole (``ValidationError``) or comes back as plain rows.
"""

from __future__ import annotations

import html
import io
import posixpath
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
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from python_calamine import CalamineWorkbook

from canting.core.xlsx import workbook_bytes
from canting.registry.importing.columns import SHEETS, CellValue, Row, RowError, Sheet, cell_text, row_error, words
from canting.registry.importing.headers import SCAN_ROWS, Header, Merged, find_header

MAX_MEMBERS = 1000
# A reader lays a sheet out as (last row) x (last column) cells in memory: room for 60,000 rows of 50 columns.
MAX_CELLS = 3_000_000
WORKBOOK_PART, RELATIONSHIPS_PART = "xl/workbook.xml", "xl/_rels/workbook.xml.rels"
MAX_UNREADABLE = 50_000  # cells with an unsaved formula or an error, kept for the row errors; past that: refused
_TAG_RE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_R_ATTR_RE = re.compile(rb"(?:^|\s)r\s*=\s*([\"'])(.*?)\1")
_T_ATTR_RE = re.compile(rb"(?:^|\s)t\s*=\s*([\"'])(.*?)\1")
_FORMULA_OR_ERROR_RE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]|(?:^|\s)t\s*=\s*[\"']e[\"']")
_CELL_END_RE = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?c\s*>")
_F_RE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f\b[^>]*?(?:/>|>([^<]*)<)")
_V_RE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?v\b[^>]*?(?:/>|>([^<]*)<)")
_SHEET_TAG_RE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sheet\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_RELATIONSHIP_TAG_RE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?Relationship\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
# A cell the reader gives as empty although the file holds something there: (1-based row, 1-based column) ->
# ("formula", "=C5+D5") for a formula whose result was never saved, or ("error", "#REF!") for an Excel error value.
Unreadable = dict[tuple[int, int], tuple[str, str]]


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


def _text(raw: bytes | None) -> str:
    return html.unescape(raw.decode("utf-8", "replace")) if raw else ""


def _unreadable(attributes: bytes, body: bytes) -> tuple[str, str] | None:
    """What a cell holds that the reader shows as empty: an Excel error value, or a formula never calculated.

    Excel saves each formula's last result beside it, and the reader gives that result; a file written by a
    program (or a cell showing #REF!) has no result to give, and the value would silently be lost.
    """
    kind = _T_ATTR_RE.search(attributes)
    value = _V_RE.search(body)
    if kind is not None and kind.group(2) == b"e":
        return "error", _text(value.group(1) if value else None) or "#VALUE!"
    formula = _F_RE.search(body)
    if formula is None:
        return None
    # A formula whose result is the empty text ("" from IF) is saved as t="str" with an empty value: that is read.
    calculated = value is not None and (bool(value.group(1)) or (kind is not None and kind.group(2) == b"str"))
    return None if calculated else ("formula", "=" + (_text(formula.group(1)) or "…"))


def _scan(xml: bytes) -> tuple[int, Unreadable]:
    """How many cells a reader would lay out for this worksheet part (counting only cells with content), and the
    cells it would show as empty although they hold a formula or an error.

    The reader allocates the whole rectangle up to the last cell, so one cell at XFD1048576 in a 5 KB file would
    ask for half a terabyte and kill the server process: this is counted before the reader ever sees the file.
    """
    row = column = last_row = last_column = 0
    unreadable: Unreadable = {}
    formulas = _FORMULA_OR_ERROR_RE.search(xml) is not None
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
        if attributes.rstrip().endswith(b"/"):
            continue  # <c .../> holds nothing; readers skip it
        last_row, last_column = max(last_row, row), max(last_column, column)
        if last_row * last_column > MAX_CELLS:
            break
        if formulas:
            end = _CELL_END_RE.search(xml, match.end())
            odd = _unreadable(attributes, xml[match.end() : end.start() if end else match.end()])
            if odd is not None:
                unreadable[(row, column)] = odd
                if len(unreadable) > MAX_UNREADABLE:
                    raise _uncalculated()
    return last_row * last_column, unreadable


def _uncalculated() -> ValidationError:
    return _refuse(
        _(
            "Too many cells of this workbook hold a formula without a saved result or show an Excel error (such as "
            "#REF!). Open it in Excel or LibreOffice, correct them, save it and upload it again."
        ),
        "uncalculated",
    )


def _attribute(attributes: bytes, name: bytes) -> str:
    match = re.search(rb"(?:^|\s)" + name + rb"\s*=\s*([\"'])(.*?)\1", attributes, re.S)
    return _text(match.group(2)) if match else ""


def _sheet_parts(workbook_xml: bytes, relationships_xml: bytes) -> dict[str, str]:
    """Worksheet part (e.g. xl/worksheets/sheet1.xml) -> the sheet's name, from the workbook and its relationships."""
    targets = {}
    for match in _RELATIONSHIP_TAG_RE.finditer(relationships_xml):
        target = _attribute(match.group(1), b"Target")
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        targets[_attribute(match.group(1), b"Id")] = posixpath.normpath(part)
    return {
        targets[rid]: _attribute(match.group(1), b"name")
        for match in _SHEET_TAG_RE.finditer(workbook_xml)
        if (rid := _attribute(match.group(1), rb"(?:[A-Za-z_][\w.-]*:)?id")) in targets
    }


def _unpack(data: bytes) -> tuple[bytes, dict[str, Unreadable]]:
    """Check the zip container of an .xlsx and repack it, so the reader sees exactly the bytes checked here; with
    it, per sheet name, the cells holding a formula or an error that the reader would show as empty."""
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
    unreadable: dict[str, Unreadable] = {}
    kept: dict[str, bytes] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, zipfile.ZipFile(repacked, "w") as clean:
            members = [info for info in archive.infolist() if not info.is_dir()]
            names = {info.filename for info in members}
            if "mimetype" in names and b"opendocument" in archive.open("mimetype").read(100):
                raise _refuse(_("This is an OpenDocument spreadsheet (.ods); save it as .xlsx."), "ods")
            if len(members) > MAX_MEMBERS or not {"[Content_Types].xml", WORKBOOK_PART} <= names:
                raise not_xlsx
            for info in members:
                with archive.open(info) as part:
                    content = part.read(budget + 1)
                budget -= len(content)
                if budget < 0:
                    raise _refuse(_("The workbook is too large once unpacked."), "too_large")
                if info.filename.startswith("xl/worksheets/"):
                    area, unreadable[info.filename] = _scan(content)
                    if area > MAX_CELLS:
                        raise _refuse(
                            _(
                                "A sheet of this workbook has something written far below or to the right of the "
                                "data. Delete the unused rows and columns, or split the file."
                            ),
                            "too_many_cells",
                        )
                    if sum(len(cells) for cells in unreadable.values()) > MAX_UNREADABLE:
                        raise _uncalculated()
                if info.filename in (WORKBOOK_PART, RELATIONSHIPS_PART):
                    kept[info.filename] = content
                clean.writestr(info.filename, content)
        parts = _sheet_parts(kept[WORKBOOK_PART], kept.get(RELATIONSHIPS_PART, b"")) if any(unreadable.values()) else {}
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError) as exc:
        raise _damaged() from exc
    return repacked.getvalue(), {parts[part]: cells for part, cells in unreadable.items() if part in parts}


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


def _unreadable_message(kind: str, text: str) -> str:
    if kind == "error":
        return _(
            "This cell shows the Excel error %(error)s instead of a value. Correct the formula or type the value."
        ) % {"error": text}
    return _(
        "This cell holds a formula whose result is not saved in the file. Open the file in Excel or LibreOffice, save "
        "it and upload it again, or type the value instead of the formula."
    )


def _ignored(
    table: list[list[CellValue]], header: Header, origin: tuple[int, int], unreadable: Unreadable
) -> list[dict[str, str]]:
    """The columns the import leaves out, so the preview can say so: named ones that match no column of the
    template, and unnamed ones that hold data. Each is {"column": its letter, "header": its name or ""}."""
    below = table[header.data_start :]
    formulas = {column for row, column in unreadable if row > origin[0] + header.data_start}
    ignored = []
    for index in range(max((len(row) for row in table), default=0)):
        if index in header.keys:
            continue
        name = header.unknown.get(index, "")
        if name or origin[1] + index + 1 in formulas or any(index < len(r) and cell_text(r[index]) for r in below):
            ignored.append({"column": get_column_letter(origin[1] + index + 1), "header": name})
    return ignored


def _read_rows(
    spec: Sheet, table: list[list[CellValue]], origin: tuple[int, int], merged: list[Merged], unreadable: Unreadable
) -> tuple[dict[str, Any], list[RowError]]:
    """Parse one sheet's cells into plain values; a cell that cannot be read becomes an error, not a value.

    ``origin`` is the sheet's (row, column) of ``table[0][0]``, from 0; rows are numbered as the sheet numbers them.
    """
    header = find_header(spec, table, merged, origin)
    count = len(table) - header.data_start
    if count > settings.IMPORT_MAX_ROWS:
        raise _too_many_rows(spec, count)
    written = header.written
    rows: list[Row] = []
    errors: list[RowError] = []
    # (table column, key, how to read it, the sheet's column number) for each column the import knows
    columns = [(index, key, spec.column(key).parse, origin[1] + index + 1) for index, key in header.keys.items()]
    required = [column.key for column in spec.columns if column.required]
    for index in range(header.data_start, len(table)):
        cells, number = table[index], origin[0] + index + 1
        found: dict[str, str] = {}
        values: dict[str, Any] = {}
        invalid: list[str] = []
        for column_index, key, parse, sheet_column in columns:
            value = cells[column_index] if column_index < len(cells) else ""
            text = cell_text(value)
            odd = None if text or not unreadable else unreadable.get((number, sheet_column))
            if odd is not None:
                found[key] = odd[1]
                invalid.append(key)
                errors.append(row_error(spec, number, written[key], _unreadable_message(*odd)))
            elif text:
                found[key] = text
                try:
                    values[key] = parse(value)
                except ValidationError as exc:
                    invalid.append(key)
                    errors.extend(row_error(spec, number, written[key], m) for m in exc.messages)
        if not found:
            continue  # blank rows between or below the data are not rows
        for key in required:
            if key not in found:
                invalid.append(key)
                errors.append(row_error(spec, number, written[key], _("This column must be filled in.")))
        rows.append({"row": number, "cells": found, "values": values, "invalid": invalid})
    return {"headers": written, "ignored": _ignored(table, header, origin, unreadable), "rows": rows}, errors


def _too_many_rows(spec: Sheet, count: int) -> ValidationError:
    return _refuse(
        _("Sheet %(sheet)s has %(count)d rows; at most %(max)d can be imported at once. Split the file.")
        % {"sheet": spec.name, "count": count, "max": settings.IMPORT_MAX_ROWS},
        "too_many_rows",
    )


def read_workbook(data: bytes) -> tuple[dict[str, Any], list[RowError]]:
    """The sheets IKM and Orang as parsed rows, and the errors of cells that could not be read.

    Raises ``ValidationError`` (refusing the whole file) for anything that is not a sound workbook in the
    template's layout. Title rows above the column names and two-row headers are read (see ``headers``).
    """
    check_size(len(data))
    clean, unreadable = _unpack(data)
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
            # A bound before the reader lays the sheet out; the exact count is taken once the header is found.
            if sheet.height - 1 > settings.IMPORT_MAX_ROWS + SCAN_ROWS:
                raise _too_many_rows(spec, sheet.height - 1)
            origin = sheet.start or (0, 0)
            merged = list(sheet.merged_cell_ranges or ())
            tables[spec.name] = (sheet.to_python(), origin, merged, unreadable.get(names[spec.name] or "", {}))
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
