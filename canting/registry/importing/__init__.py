"""Excel import of enterprises (IKM) and people, because the city office keeps its registry in spreadsheets.

An upload goes through three steps:

1. ``read_workbook`` refuses what is not a sound .xlsx in the template's layout (another file type, a damaged or
   hostile zip, too large, too many rows, a missing sheet or required column) before any row is looked at. The
   column names may sit below a title and span two rows, as office files have them; columns it does not know are
   listed for the preview, and a formula without a saved result is an error on its cell, never a blank;
2. ``stage_import`` reads every row into plain values, checks them with the registry's own rules as the officer
   sees the registry, and keeps the result as an ``ImportBatch`` in preview, every error named by sheet, row and
   column, and every update with the registered values it would overwrite;
3. ``apply_import`` checks everything again and writes it through the registry's services in one transaction:
   every row or none. NIB is the key of an enterprise and NIK the key of a person, so importing the same file
   again updates what the first import wrote instead of adding it twice.

Modules: ``columns`` (the workbook contract: sheets, columns, how a cell is read), ``headers`` (finding the row
of column names), ``workbook`` (reading an upload safely, writing the template), ``checks`` (rows against the
registry), ``actions`` (the services).
"""

from canting.registry.importing.actions import (
    ImportRefused,
    apply_import,
    batches_for,
    discard_import,
    discard_stale_previews,
    rows_with_errors,
    stage_import,
)
from canting.registry.importing.checks import check_rows
from canting.registry.importing.columns import IKM, ORANG, SHEETS
from canting.registry.importing.workbook import build_template, read_workbook

__all__ = [
    "IKM",
    "ORANG",
    "SHEETS",
    "ImportRefused",
    "apply_import",
    "batches_for",
    "build_template",
    "check_rows",
    "discard_import",
    "discard_stale_previews",
    "read_workbook",
    "rows_with_errors",
    "stage_import",
]
