"""Finding the column names in a sheet as office files have them, not only as the template has them.

Office spreadsheets put a title above the table ("DATA IKM BATIK KOTA MOJOKERTO 2026", an empty row, then the
column names) and group columns under a merged cell ("Tenaga kerja" over "L" and "P"). The header is the row, or
the pair of rows, among the first ``SCAN_ROWS`` that names the most columns the import knows; the data begins on
the row below it. Nothing here touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from canting.registry.importing.columns import CellValue, Column, Sheet, cell_text, words

SCAN_ROWS = 10
# A merged range as the reader gives it: ((first row, first column), (last row, last column)), from 0, sheet-wide.
Merged = tuple[tuple[int, int], tuple[int, int]]


@dataclass
class Header:
    """Which table column holds which import column, and where the data begins."""

    keys: dict[int, str] = field(default_factory=dict)  # table column -> column key
    written: dict[str, str] = field(default_factory=dict)  # column key -> its name as the file writes it
    unknown: dict[int, str] = field(default_factory=dict)  # table column -> a name that matches no column
    top: int = 0  # table row of the (first) header row
    depth: int = 1  # 1, or 2 for a merged parent row above its sub-headers

    @property
    def data_start(self) -> int:
        """The table row of the first data row."""
        return self.top + self.depth


def _parents(table: list[list[CellValue]], top: int, merged: list[Merged], origin: tuple[int, int]) -> list[str]:
    """The text over each column in row ``top``: its own cell, or the merged cell spreading over it."""
    texts = [cell_text(cell) for cell in table[top]]
    row = origin[0] + top
    for (first_row, first_column), (last_row, last_column) in merged:
        if not first_row <= row <= last_row:
            continue
        anchor_row, anchor_column = first_row - origin[0], first_column - origin[1]
        if not (0 <= anchor_row < len(table) and 0 <= anchor_column < len(table[anchor_row])):
            continue
        text = cell_text(table[anchor_row][anchor_column])
        for index in range(max(first_column - origin[1], 0), min(last_column - origin[1] + 1, len(texts))):
            texts[index] = texts[index] or text
    return texts


def _candidates(
    table: list[list[CellValue]], top: int, depth: int, merged: list[Merged], origin: tuple[int, int]
) -> list[list[str]]:
    """Per column, the names it may go by, the most specific first.

    Under a merged parent a column is first "parent sub-header" ("Tenaga kerja L"), then the sub-header alone (a
    parent such as "Identitas" over "NIB"); a column whose name is merged down over both rows is the parent alone.
    """
    parents = _parents(table, top, merged, origin)
    if depth == 1:
        return [[text] if text else [] for text in parents]
    children = [cell_text(cell) for cell in table[top + 1]]
    names: list[list[str]] = []
    for parent, child in zip(parents, children, strict=True):
        if child:
            names.append([f"{parent} {child}", child] if parent else [child])
        else:
            names.append([parent] if parent else [])
    return names


def _read(spec: Sheet, candidates: list[list[str]], top: int, depth: int) -> tuple[Header, list[tuple[str, str, str]]]:
    """A header from the names of each column, and (column key, first name, second name) of any column given twice."""
    known: dict[str, Column] = {}
    for column in spec.columns:
        for name in column.names:
            known.setdefault(name, column)
    header = Header(top=top, depth=depth)
    twice: list[tuple[str, str, str]] = []
    for index, names in enumerate(candidates):
        texts = [name.rstrip("*").strip() for name in names]
        found = next(((known[words(t)], t) for t in texts if words(t) in known), None)
        if found is None:
            if texts:
                header.unknown[index] = texts[0]
            continue
        column, text = found
        if column.key in header.written:
            twice.append((column.header, header.written[column.key], text))
            continue
        header.keys[index], header.written[column.key] = column.key, text
    return header, twice


def find_header(
    spec: Sheet, table: list[list[CellValue]], merged: list[Merged], origin: tuple[int, int] = (0, 0)
) -> Header:
    """The header of one sheet: the row, or pair of rows, among the first ones that names the most known columns.

    ``origin`` is where the table begins in the sheet (the reader leaves out empty rows and columns before it).
    Refuses (``ValidationError``) an empty sheet, one without a row of column names, a column named twice and a
    missing required column.
    """
    if not any(cell_text(cell) for row in table for cell in row):
        raise ValidationError(
            _("Sheet %(sheet)s is empty. It must hold the column names of the template and a row for each record.")
            % {"sheet": spec.name},
            code="empty_sheet",
        )
    found = [
        _read(spec, _candidates(table, top, depth, merged, origin), top, depth)
        for top in range(min(SCAN_ROWS, len(table)))
        for depth in ((1, 2) if top + 1 < len(table) else (1,))
    ]
    # The most columns named wins; on a tie one row beats two (a title merged over the header row adds nothing to
    # it), then the earlier row.
    header, twice = max(found, key=lambda item: (len(item[0].written), -item[0].depth, -item[0].top))
    if not header.written:
        raise ValidationError(
            _(
                "Sheet %(sheet)s has no row with the column names of the template (such as %(examples)s) in its "
                "first %(count)d rows."
            )
            % {"sheet": spec.name, "examples": ", ".join(c.header for c in spec.columns[:2]), "count": SCAN_ROWS},
            code="no_header",
        )
    if twice:
        column, first, second = twice[0]
        raise ValidationError(
            _("Sheet %(sheet)s has the column %(column)s twice (%(first)s and %(second)s).")
            % {"sheet": spec.name, "column": column, "first": first, "second": second},
            code="duplicate_column",
        )
    missing = [c.header for c in spec.columns if c.required and c.key not in header.written]
    if missing:
        raise ValidationError(
            _(
                "Sheet %(sheet)s has no column %(columns)s. Every column the template marks as required must be in "
                "the row of column names."
            )
            % {"sheet": spec.name, "columns": ", ".join(missing)},
            code="missing_column",
        )
    return header
