"""Excel import of enterprises and people: the template, the upload, and the preview that is applied or discarded.

The pages only parse requests and show results; reading, checking and writing are ``canting.registry.importing``.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import FormView, TemplateView

from canting.core import numbers
from canting.core.permissions import STAFF, RoleRequiredMixin, current_user
from canting.core.xlsx import XLSX_TYPE, xlsx_response
from canting.registry import importing
from canting.registry.forms import ImportUploadForm
from canting.registry.models import ImportBatch, ImportStatus

STAFF_ONLY = frozenset({STAFF})


class ImportUploadView(RoleRequiredMixin, FormView):  # type: ignore[type-arg]
    """Upload a filled-in template; a sound file becomes a preview, anything else is refused with the reason."""

    allowed_roles = STAFF_ONLY
    form_class = ImportUploadForm
    template_name = "registry/import_upload.html"

    def get_form(self, form_class: Any = None) -> ImportUploadForm:
        form: ImportUploadForm = super().get_form(form_class)
        form.fields["file"].widget.attrs["accept"] = f".xlsx,{XLSX_TYPE}"
        return form

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "recent": importing.batches_for(self.request.user)[:10],
            "max_bytes": settings.IMPORT_MAX_BYTES,
            "max_rows": settings.IMPORT_MAX_ROWS,
        }

    def form_valid(self, form: ImportUploadForm) -> HttpResponse:
        try:
            batch = importing.stage_import(form.cleaned_data["file"], actor=current_user(self.request))
        except ValidationError as exc:
            form.add_error("file", exc.messages)
            return self.form_invalid(form)
        return redirect(batch)


class ImportTemplateView(RoleRequiredMixin, View):
    """The empty workbook: sheets IKM and Orang with their column names, and Petunjuk explaining each column."""

    allowed_roles = STAFF_ONLY

    def get(self, request: HttpRequest) -> HttpResponse:
        return xlsx_response("canting-impor-ikm.xlsx", importing.build_template())


def _sheet_tables(batch: ImportBatch, only_errors: bool) -> list[dict[str, Any]]:
    """Each sheet as the file had it, every cell beside the errors found in it."""
    by_row: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    for error in batch.errors:
        by_row[(error["sheet"], error["row"])].append(error)
    tables = []
    for spec in importing.SHEETS:
        sheet = batch.rows.get(spec.name) or {"headers": {}, "rows": []}
        columns = [column for column in spec.columns if column.key in sheet["headers"]]
        headers = [sheet["headers"][column.key] for column in columns]
        rows = []
        for row in sheet["rows"]:
            errors = by_row.get((spec.name, row["row"]), [])
            if only_errors and not errors:
                continue
            before = row.get("before", {})
            cells = [
                {
                    "text": row["cells"].get(column.key, ""),
                    "errors": [e["message"] for e in errors if e["column"] == h],
                    "changed": column.key in before,
                    "before": _registered(column.key, before.get(column.key)),
                }
                for column, h in zip(columns, headers, strict=True)
            ]
            loose = [e["message"] for e in errors if e["column"] not in headers]
            rows.append(
                {
                    "number": row["row"],
                    "action": row.get("action", ""),
                    "cells": cells,
                    "errors": errors,
                    "loose": loose,
                }
            )
        tables.append({"name": spec.name, "headers": headers, "rows": rows, "total": len(sheet["rows"])})
    return tables


def _registered(key: str, value: Any) -> str:
    """A registered value that a row overwrites, written as the page's language writes it."""
    if value in ("", None):
        return ""
    if key == "investment":
        return f"Rp {numbers.show(Decimal(value))}"
    if isinstance(value, int) and not isinstance(value, bool):
        return numbers.show(value)
    return str(value)


def _ignored_columns(summary: dict[str, Any]) -> list[tuple[str, str]]:
    """(sheet, the columns it leaves out) for each sheet that leaves some out; previews staged before the column
    letters were kept give the names alone."""
    found = []
    for sheet, ignored in summary.get("ignored_columns", {}).items():
        names = []
        for column in ignored:
            if isinstance(column, str):
                names.append(column)
            elif column["header"]:
                names.append(_("%(name)s (column %(letter)s)") % {"name": column["header"], "letter": column["column"]})
            else:
                names.append(_("column %(letter)s, which has no name") % {"letter": column["column"]})
        if names:
            found.append((sheet, ", ".join(names)))
    return found


def _summary_cards(summary: dict[str, Any], errors: list[dict[str, Any]]) -> list[tuple[str, tuple[int, str]]]:
    """(label, (figure, detail)) for the counts above the preview; error counts come from the errors themselves."""

    def detail(counts: dict[str, int]) -> tuple[int, str]:
        text = _("%(new)d new · %(update)d updated · %(same)d unchanged") % counts
        return counts["rows"], text

    empty = {"rows": 0, "new": 0, "update": 0, "same": 0}
    cards = [
        (_("Enterprises (sheet IKM)"), detail(summary.get("IKM", empty))),
        (_("People (sheet Orang)"), detail(summary.get("Orang", empty))),
        (_("New roles in enterprises"), (summary.get("memberships", {}).get("new", 0), "")),
    ]
    if errors:
        rows = importing.rows_with_errors(errors)
        cards.append(
            (_("Errors"), (len(errors), ngettext("in %(rows)d row", "in %(rows)d rows", rows) % {"rows": rows}))
        )
    return cards


class ImportPreviewView(RoleRequiredMixin, TemplateView):
    """What an upload would do, row by row; POST ``action=apply`` writes it all, ``action=discard`` sets it aside."""

    allowed_roles = STAFF_ONLY
    template_name = "registry/import_preview.html"

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.batch = get_object_or_404(importing.batches_for(request.user), pk=kwargs["pk"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        batch = self.batch
        only_errors = self.request.GET.get("show") == "errors"
        return {
            **super().get_context_data(**kwargs),
            "batch": batch,
            "summary": batch.summary,
            "summary_cards": _summary_cards(batch.summary, batch.errors),
            "rows_with_errors": importing.rows_with_errors(batch.errors),
            "updates": sum(batch.summary.get(sheet.name, {}).get("update", 0) for sheet in importing.SHEETS),
            "ignored_columns": _ignored_columns(batch.summary),
            "sheets": _sheet_tables(batch, only_errors),
            "only_errors": only_errors,
            "can_apply": batch.status == ImportStatus.PREVIEW and not batch.errors,
        }

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        batch = self.batch
        action = request.POST.get("action")
        try:
            if action == "apply":
                importing.apply_import(batch, actor=current_user(request))
                messages.success(request, _("The import has been applied."))
            elif action == "discard":
                importing.discard_import(batch, actor=current_user(request))
                messages.info(request, _("The import has been discarded; nothing was written."))
                return redirect("registry:import-upload")
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        return redirect(batch)
